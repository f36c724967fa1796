import { CapacityProviderStrategyItem } from './capacity';
import { CostLevers, estimateMonthlyCost } from './estimator';
import { StackFacts } from './stack-reader';
import { TrafficProfileName } from './traffic';

/** The design's original capacity strategy: Spot weight 1, FARGATE base 2 weight 1 (design, Component 3). */
export const DESIGN_CAPACITY_STRATEGY: readonly CapacityProviderStrategyItem[] = [
  { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
  { capacityProvider: 'FARGATE', base: 2, weight: 1 },
];

/** The design's original configuration as levers: x86 tasks, its strategy, Container Insights on, public task IPs. */
export const DESIGN_LEVERS: CostLevers = {
  cpuArchitecture: 'X86_64',
  capacityProviderStrategy: DESIGN_CAPACITY_STRATEGY,
  containerInsights: 'enabled',
  assignPublicIp: true,
};

/** One lever measured against the stack as synthesized. */
export interface LeverEffect {
  /** What changes. */
  readonly lever: string;
  /** What it costs in reliability, security or function. */
  readonly tradeOff: string;
  /** Monthly total of the variant by task count. */
  readonly totalUsdByTasks: Readonly<Record<number, number>>;
  /** Variant minus the synthesized configuration, by task count (negative = saving). */
  readonly deltaUsdByTasks: Readonly<Record<number, number>>;
}

interface LeverVariant {
  readonly lever: string;
  readonly tradeOff: string;
  readonly levers: CostLevers;
}

/** The levers the cost targets were weighed with, each with its trade-off. */
export const LEVER_VARIANTS: readonly LeverVariant[] = [
  {
    lever: 'x86_64 instead of ARM64 tasks',
    tradeOff: 'none in reliability; ARM64 needs an arm64 image (the build must target linux/arm64)',
    levers: { cpuArchitecture: 'X86_64' },
  },
  {
    lever: "design's strategy: tasks above base 2 split 1:1 FARGATE / FARGATE_SPOT",
    tradeOff: 'more on-demand capacity above the base; Spot tasks can be reclaimed with 2 minutes notice',
    levers: { capacityProviderStrategy: DESIGN_CAPACITY_STRATEGY },
  },
  {
    lever: 'all tasks on-demand FARGATE (no Spot)',
    tradeOff: 'no Spot interruptions at all',
    levers: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }] },
  },
  {
    lever: 'base 1 on-demand task, the rest Spot (non-default option)',
    tradeOff:
      'breaks requirement 3.3: when the Spot task is reclaimed one on-demand task serves everything (no redundancy, and both AZs are no longer guaranteed an always-on task)',
    levers: {
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 1, weight: 0 },
        { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
      ],
    },
  },
  {
    lever: 'tasks without public IPv4 (dual-stack / IPv6-only subnets, egress over IPv6)',
    tradeOff:
      'requirement 8.4 (public task IPs) changes; works only if ECR, CloudWatch Logs and the VibeJudge API are reachable over IPv6 (dual-stack endpoints); otherwise image pulls and API calls fail',
    levers: { assignPublicIp: false },
  },
  {
    lever: 'ALB dualstack-without-public-ipv4',
    tradeOff: 'browsers on IPv4-only networks can no longer reach the dashboard (HTTPS for everyone is lost)',
    levers: { albIpAddressType: 'dualstack-without-public-ipv4' },
  },
  {
    lever: 'private tasks behind one NAT gateway (no task public IPs)',
    tradeOff: 'breaks requirement 12.7 (no NAT); one NAT is a single-AZ point of failure, two double its cost',
    levers: { assignPublicIp: false, additionalNatGateways: 1 },
  },
  {
    lever: 'private tasks with interface endpoints (ecr.api, ecr.dkr, logs) in each AZ',
    tradeOff: 'tasks can no longer reach the VibeJudge API on the internet: the dashboard stops working',
    levers: { assignPublicIp: false, additionalInterfaceEndpoints: 3 },
  },
  {
    lever: 'Container Insights enhanced observability',
    tradeOff: 'none; more detail (task and container level) for more money',
    levers: { containerInsights: 'enhanced' },
  },
  {
    lever: 'Container Insights off',
    tradeOff: 'breaks requirements 3.4 and 9.7 (Container Insights); the free AWS/ECS service metrics remain',
    levers: { containerInsights: 'disabled' },
  },
];

/** Prices every lever in `LEVER_VARIANTS` against the stack at the given task counts. */
export function measureLevers(
  facts: StackFacts,
  taskCounts: readonly number[],
  traffic: TrafficProfileName,
): LeverEffect[] {
  const baseline: Record<number, number> = {};
  for (const tasks of taskCounts) {
    baseline[tasks] = estimateMonthlyCost(facts, { tasks, traffic }).totalUsd;
  }
  return LEVER_VARIANTS.map((variant) => {
    const totals: Record<number, number> = {};
    const deltas: Record<number, number> = {};
    for (const tasks of taskCounts) {
      totals[tasks] = estimateMonthlyCost(facts, { tasks, traffic, levers: variant.levers }).totalUsd;
      deltas[tasks] = totals[tasks] - baseline[tasks];
    }
    return { lever: variant.lever, tradeOff: variant.tradeOff, totalUsdByTasks: totals, deltaUsdByTasks: deltas };
  });
}
