import {
  CostModelError,
  DESIGN_LEVERS,
  estimateMonthlyCost,
  lcuPerHour,
  readStackFacts,
  splitTasks,
  SynthesizedStack,
  TRAFFIC_PROFILES,
  US_EAST_1_PRICES,
} from '../src/cost';
import { DEFAULT_FIXTURE, DESIGN_FIXTURE, synthFixture } from './cost-fixtures';

const line = (estimate: ReturnType<typeof estimateMonthlyCost>, item: string): number => {
  const found = estimate.lines.find((l) => l.item === item);
  if (!found) {
    throw new Error(`no line ${item}`);
  }
  return found.monthlyUsd;
};

// Hand-computed figures (730 h month, 0.5 vCPU / 1 GB tasks, low traffic):
const X86_ON_DEMAND = (0.5 * 0.04048 + 0.004445) * 730; // 18.02005
const X86_SPOT = (0.5 * 0.01288871 + 0.00141527) * 730; // 5.73753
const ARM_ON_DEMAND = (0.5 * 0.03238 + 0.00356) * 730; // 14.4175
const ARM_SPOT = (0.5 * 0.01030969 + 0.00113349) * 730; // 4.59048
const ALB_HOURS = 0.0225 * 730; // 16.425
const LCU_LOW = 0.02 * 0.008 * 730; // processed bytes dominate: 0.02 GB/h -> 0.02 LCU
const IPV4 = 0.005 * 730; // 3.65 per address
const INSIGHTS = (12 + 15 + 10 - 10) * 0.3; // 37 metrics - 10 free = 27 x $0.30
const perfLogs = (tasks: number) => ((tasks * 2 * 1.2 * 43800) / (1024 * 1024)) * 0.5;
const LOGS = 0.5 * 0.5 + 0.5 * (7 / (365 / 12)) * 0.03; // 0.5 GB ingested, 7 of 30.4 days stored
const ECR = 10 * 0.25 * 0.1;

describe('capacity provider split (ECS base, then weight)', () => {
  it('places the base on its provider first, then splits the rest by weight', () => {
    const design = DESIGN_LEVERS.capacityProviderStrategy!;
    expect(splitTasks(2, design)).toEqual({ FARGATE_SPOT: 0, FARGATE: 2 });
    expect(splitTasks(4, design)).toEqual({ FARGATE_SPOT: 1, FARGATE: 3 });
    expect(splitTasks(10, design)).toEqual({ FARGATE_SPOT: 4, FARGATE: 6 });
  });

  it('gives a weight-0 provider nothing beyond its base', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 2, weight: 0 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
    ];
    expect(splitTasks(1, strategy)).toEqual({ FARGATE: 1, FARGATE_SPOT: 0 });
    expect(splitTasks(10, strategy)).toEqual({ FARGATE: 2, FARGATE_SPOT: 8 });
  });

  it('splits tasks above the base in the ratio of the weights, ties to the provider listed first', () => {
    const oneToFour = [
      { capacityProvider: 'FARGATE', base: 0, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 4 },
    ];
    expect(splitTasks(5, oneToFour)).toEqual({ FARGATE: 1, FARGATE_SPOT: 4 });
    expect(splitTasks(1, oneToFour)).toEqual({ FARGATE: 0, FARGATE_SPOT: 1 });
    const even = [
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
      { capacityProvider: 'FARGATE', base: 0, weight: 1 },
    ];
    expect(splitTasks(3, even)).toEqual({ FARGATE_SPOT: 2, FARGATE: 1 });
  });

  it('rejects a strategy ECS rejects, naming the field and what is allowed', () => {
    const spot = { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 };
    expect(() => splitTasks(2, [])).toThrow('capacityProviderStrategy is empty; allowed: one to six capacity providers.');
    expect(() => splitTasks(2, [{ capacityProvider: 'FARGATE', base: 2, weight: 0 }])).toThrow(
      'capacityProviderStrategy has no capacity provider with a weight above 0; allowed: at least one weight of 1-1000 (ECS rejects the strategy otherwise).',
    );
    expect(() => splitTasks(2, [{ ...spot, base: 1 }, { capacityProvider: 'FARGATE', base: 1, weight: 1 }])).toThrow(
      'capacityProviderStrategy gives a base to FARGATE_SPOT and FARGATE; allowed: a base on at most one capacity provider.',
    );
    expect(() => splitTasks(2, [spot, spot])).toThrow(
      'capacityProviderStrategy lists FARGATE_SPOT twice; allowed: each capacity provider once.',
    );
    expect(() => splitTasks(2, [{ ...spot, weight: 1001 }])).toThrow(
      'capacityProviderStrategy weight 1001 for FARGATE_SPOT is not valid; allowed: an integer 0-1000.',
    );
    expect(() => splitTasks(2, [{ ...spot, base: -1 }])).toThrow(
      'capacityProviderStrategy base -1 for FARGATE_SPOT is not valid; allowed: an integer 0-100000.',
    );
    expect(() => splitTasks(2.5, [spot])).toThrow('task count 2.5 is not valid; allowed: a whole number of 0 or more.');
  });
});

describe('reading the synthesized stack', () => {
  it("the service's own capacity_provider_strategy wins over the cluster default", () => {
    const facts = readStackFacts(
      synthFixture({
        ...DESIGN_FIXTURE,
        serviceStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }],
      }),
    );
    expect(facts.capacitySource).toBe('service capacity_provider_strategy');
    expect(facts.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 }]);
  });

  it("a service launch_type FARGATE ignores the cluster's default strategy: every task on-demand", () => {
    const facts = readStackFacts(synthFixture({ ...DESIGN_FIXTURE, launchType: 'FARGATE' }));
    expect(facts.capacitySource).toBe('service launch_type');
    expect(estimateMonthlyCost(facts, { tasks: 10 }).configuration.tasksByCapacityProvider).toEqual({ FARGATE: 10 });
  });

  it('reads architecture, size, Insights mode, public IP, ALB zones, retention, alarms and ECR retention', () => {
    const facts = readStackFacts(
      synthFixture({ ...DEFAULT_FIXTURE, cpu: '1024', memory: '2048', albSubnetCount: 3, logRetentionDays: 14, alarmCount: 5, ecrImagesKept: 7, containerInsights: 'enhanced' }),
    );
    expect(facts).toEqual(
      expect.objectContaining({
        cpuArchitecture: 'ARM64',
        taskCpuUnits: 1024,
        taskMemoryMiB: 2048,
        containerInsights: 'enhanced',
        assignPublicIp: true,
        logGroupRetentionDays: [14],
        metricAlarmCount: 5,
        targetTrackingPolicyCount: 1,
        ecrRetainedImages: 7,
        containerCount: 1,
      }),
    );
    expect(facts.loadBalancers).toEqual([
      expect.objectContaining({ availabilityZoneCount: 3, ipAddressType: 'ipv4', internal: false }),
    ]);
  });

  it('rejects a stack without exactly one ECS service, naming what was found', () => {
    expect(() => readStackFacts({ resource: {} })).toThrow(
      'the synthesized stack has 0 aws_ecs_service resources; allowed: exactly one ECS service for the cost model to price.',
    );
  });

  it('rejects a task size it cannot read, naming the resource and field', () => {
    const stack = synthFixture(DESIGN_FIXTURE) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    stack.resource.aws_ecs_task_definition.task.cpu = '${var.cpu}';
    expect(() => readStackFacts(stack as SynthesizedStack)).toThrow(
      'aws_ecs_task_definition.task cpu "${var.cpu}" is not a number the cost model can read; allowed: a literal number in the synthesized stack.',
    );
  });

  it('rejects a Container Insights value ECS does not know', () => {
    expect(() => readStackFacts(synthFixture({ ...DESIGN_FIXTURE, containerInsights: 'on' }))).toThrow(
      'aws_ecs_cluster.cluster setting containerInsights "on" is not valid; allowed: disabled, enabled, enhanced.',
    );
  });

  it('rejects a service whose capacity provider cannot be determined', () => {
    expect(() => readStackFacts(synthFixture({ ...DESIGN_FIXTURE, clusterStrategy: undefined }))).toThrow(
      'aws_ecs_service.service has no capacity_provider_strategy, no launch_type and its cluster no default_capacity_provider_strategy; allowed: one of the three, so the tasks\' capacity provider is known.',
    );
  });
});

describe('public IPv4 addresses', () => {
  it('counts one per task with a public IP plus one per ALB availability zone', () => {
    const estimate = estimateMonthlyCost(readStackFacts(synthFixture({ ...DEFAULT_FIXTURE, albSubnetCount: 3 })), { tasks: 6 });
    expect(estimate.configuration.publicIpv4Addresses).toBe(9);
    expect(line(estimate, 'Public IPv4 addresses')).toBeCloseTo(9 * IPV4, 6);
  });

  it('drops the task addresses without assign_public_ip and the ALB ones with dualstack-without-public-ipv4', () => {
    const facts = readStackFacts(synthFixture({ ...DEFAULT_FIXTURE, assignPublicIp: false }));
    expect(estimateMonthlyCost(facts, { tasks: 4 }).configuration.publicIpv4Addresses).toBe(2);
    const ipv6Alb = estimateMonthlyCost(facts, { tasks: 4, levers: { albIpAddressType: 'dualstack-without-public-ipv4' } });
    expect(ipv6Alb.configuration.publicIpv4Addresses).toBe(0);
  });

  it('a NAT gateway what-if adds its hours, its traffic and its Elastic IP', () => {
    const facts = readStackFacts(synthFixture({ ...DEFAULT_FIXTURE, assignPublicIp: false }));
    const withNat = estimateMonthlyCost(facts, { tasks: 2, levers: { additionalNatGateways: 1 } });
    expect(withNat.configuration.publicIpv4Addresses).toBe(3);
    // 0.02 GB/h x 730 h through the NAT + 2 tasks x 4 starts x 0.25 GB image pulls
    expect(line(withNat, 'NAT gateways')).toBeCloseTo(0.045 * 730 + (14.6 + 2) * 0.045, 6);
  });
});

describe('ALB capacity units', () => {
  it('bills the highest of the four LCU dimensions', () => {
    expect(lcuPerHour(TRAFFIC_PROFILES.low, 2)).toBeCloseTo(0.02, 10);
    expect(lcuPerHour({ ...TRAFFIC_PROFILES.low, newConnectionsPerSecond: 5 }, 2)).toBeCloseTo(0.2, 10);
    expect(lcuPerHour({ ...TRAFFIC_PROFILES.low, activeConnections: 1500 }, 2)).toBeCloseTo(0.5, 10);
    // 20 rules, 10 of them billable: 200 requests/s x 10 = 2,000 rule evaluations/s = 2 LCU
    expect(lcuPerHour({ ...TRAFFIC_PROFILES.low, requestsPerSecond: 200 }, 20)).toBeCloseTo(2, 10);
  });

  it('prices LCU-hours for the traffic profile', () => {
    const facts = readStackFacts(synthFixture(DEFAULT_FIXTURE));
    expect(line(estimateMonthlyCost(facts, { tasks: 2, traffic: 'low' }), 'ALB capacity units (LCU)')).toBeCloseTo(LCU_LOW, 6);
    expect(line(estimateMonthlyCost(facts, { tasks: 2, traffic: 'high' }), 'ALB capacity units (LCU)')).toBeCloseTo(0.6 * 0.008 * 730, 6);
  });

  it('charges data transfer out only above the free 100 GB', () => {
    const facts = readStackFacts(synthFixture(DEFAULT_FIXTURE));
    expect(line(estimateMonthlyCost(facts, { tasks: 2, traffic: 'low' }), 'Data transfer out')).toBe(0);
    // high: 0.6 GB/h x 730 h x 0.9 outbound = 394.2 GB, 294.2 GB billable
    expect(line(estimateMonthlyCost(facts, { tasks: 2, traffic: 'high' }), 'Data transfer out')).toBeCloseTo(294.2 * 0.09, 6);
  });
});

describe('Container Insights', () => {
  const facts = readStackFacts(synthFixture(DEFAULT_FIXTURE));

  it('standard: 37 metrics for one cluster, service and task family, independent of the task count', () => {
    for (const tasks of [2, 10]) {
      expect(line(estimateMonthlyCost(facts, { tasks }), 'CloudWatch custom metrics')).toBeCloseTo(INSIGHTS, 6);
    }
    expect(line(estimateMonthlyCost(facts, { tasks: 10 }), 'Container Insights performance log ingestion')).toBeCloseTo(perfLogs(10), 6);
  });

  it('enhanced: adds task- and container-level metrics that grow with the task count', () => {
    const estimate = estimateMonthlyCost(facts, { tasks: 10, levers: { containerInsights: 'enhanced' } });
    expect(line(estimate, 'Container Insights enhanced task/container metrics')).toBeCloseTo(10 * 22 * 0.07, 6);
    expect(line(estimate, 'Container Insights performance log ingestion')).toBeCloseTo(perfLogs(10) * (2.5 / 1.2), 6);
  });

  it('disabled: no Container Insights metrics or performance logs', () => {
    const estimate = estimateMonthlyCost(facts, { tasks: 2, levers: { containerInsights: 'disabled' } });
    expect(line(estimate, 'CloudWatch custom metrics')).toBe(0);
    expect(estimate.lines.map((l) => l.item)).not.toContain('Container Insights performance log ingestion');
  });
});

describe('alarms, logs and registry', () => {
  it('bills alarms above the free 10, counting two per target-tracking policy', () => {
    const facts = readStackFacts(synthFixture({ ...DEFAULT_FIXTURE, alarmCount: 12 }));
    expect(line(estimateMonthlyCost(facts, { tasks: 2 }), 'CloudWatch alarms')).toBeCloseTo((12 + 2 - 10) * 0.1, 6);
  });

  it('stores logs for their retention and charges ECR for the retained images', () => {
    const estimate = estimateMonthlyCost(readStackFacts(synthFixture({ ...DEFAULT_FIXTURE, ecrImagesKept: 20 })), { tasks: 2 });
    expect(line(estimate, 'CloudWatch Logs storage')).toBeCloseTo(0.5 * (7 / (365 / 12)) * 0.03, 8);
    expect(line(estimate, 'ECR storage')).toBeCloseTo(20 * 0.25 * 0.1, 8);
  });
});

describe("the design's original configuration (pricing.md: about $80 at 2 tasks, about $206 at 10)", () => {
  const facts = readStackFacts(synthFixture(DESIGN_FIXTURE));

  it('2 tasks: 2 on-demand x86 tasks, 4 public IPv4, ALB, Container Insights', () => {
    const expected = 2 * X86_ON_DEMAND + ALB_HOURS + LCU_LOW + 4 * IPV4 + INSIGHTS + perfLogs(2) + LOGS + ECR;
    const total = estimateMonthlyCost(facts, { tasks: 2 }).totalUsd;
    expect(total).toBeCloseTo(expected, 6);
    expect(total).toBeCloseTo(75.89, 2);
    expect(Math.abs(total - 80) / 80).toBeLessThan(0.06);
  });

  it('10 tasks: 6 on-demand + 4 Spot x86 tasks, 12 public IPv4', () => {
    const expected = 6 * X86_ON_DEMAND + 4 * X86_SPOT + ALB_HOURS + LCU_LOW + 12 * IPV4 + INSIGHTS + perfLogs(10) + LOGS + ECR;
    const total = estimateMonthlyCost(facts, { tasks: 10 }).totalUsd;
    expect(total).toBeCloseTo(expected, 6);
    expect(total).toBeCloseTo(200.52, 2);
    expect(Math.abs(total - 206) / 206).toBeLessThan(0.06);
  });

  it('the design levers reproduce the same figures from a stack configured differently', () => {
    const defaults = readStackFacts(synthFixture(DEFAULT_FIXTURE));
    for (const tasks of [2, 10]) {
      expect(estimateMonthlyCost(defaults, { tasks, levers: DESIGN_LEVERS }).totalUsd).toBeCloseTo(
        estimateMonthlyCost(facts, { tasks }).totalUsd,
        6,
      );
    }
  });
});

describe('the default configuration (ARM64, base 2 FARGATE weight 0, Spot above)', () => {
  const facts = readStackFacts(synthFixture(DEFAULT_FIXTURE));

  it('2 tasks and 10 tasks, hand-computed', () => {
    const two = 2 * ARM_ON_DEMAND + ALB_HOURS + LCU_LOW + 4 * IPV4 + INSIGHTS + perfLogs(2) + LOGS + ECR;
    const ten = 2 * ARM_ON_DEMAND + 8 * ARM_SPOT + ALB_HOURS + LCU_LOW + 12 * IPV4 + INSIGHTS + perfLogs(10) + LOGS + ECR;
    expect(estimateMonthlyCost(facts, { tasks: 2 }).totalUsd).toBeCloseTo(two, 6);
    expect(estimateMonthlyCost(facts, { tasks: 10 }).totalUsd).toBeCloseTo(ten, 6);
  });
});

describe('estimate options', () => {
  const facts = readStackFacts(synthFixture(DEFAULT_FIXTURE));

  it('rejects bad task counts, traffic profiles and capacity providers in one sentence each', () => {
    expect(() => estimateMonthlyCost(facts, { tasks: -1 })).toThrow('tasks -1 is not valid; allowed: a whole number from 0 to 1000.');
    expect(() => estimateMonthlyCost(facts, { tasks: 2, traffic: 'huge' as 'low' })).toThrow(
      'traffic "huge" is not a profile; allowed: low, mid, high.',
    );
    expect(() =>
      estimateMonthlyCost(facts, { tasks: 2, levers: { capacityProviderStrategy: [{ capacityProvider: 'EC2', base: 0, weight: 1 }] } }),
    ).toThrow('capacity provider EC2 is not priced by the cost model; allowed: FARGATE, FARGATE_SPOT.');
    expect(() => estimateMonthlyCost(facts, { tasks: 2, levers: { additionalNatGateways: -2 } })).toThrow(
      new CostModelError('additionalNatGateways -2 is not valid; allowed: a whole number from 0 to 100.'),
    );
  });

  it('every price carries a source and a date', () => {
    for (const [name, price] of Object.entries(US_EAST_1_PRICES)) {
      expect({ name, hasSource: price.source.length > 0, hasDate: /^\d{4}/.test(price.date), positive: price.usd > 0 }).toEqual({
        name,
        hasSource: true,
        hasDate: true,
        positive: true,
      });
    }
  });
});
