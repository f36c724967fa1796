import { estimateMonthlyCost, readStackFacts, StackFacts } from '../src/cost';
import { synthesizeEnvironment } from '../src/cost/synthesized-stack';

// The default dev stack, synthesized by buildApp with no configuration overrides.
let facts: StackFacts;
beforeAll(() => {
  facts = readStackFacts(synthesizeEnvironment('dev', {}).stack);
});

const IPV6_TASK_EGRESS = { assignPublicIp: false } as const;

describe('Property 11: Cost Ceiling', () => {
  it('Property 11: at maximum capacity (10 tasks) the default dev stack costs at most $155 a month at low traffic', () => {
    // GIVEN the synthesized default stack WHEN 10 tasks run all month
    const estimate = estimateMonthlyCost(facts, { tasks: 10, traffic: 'low' });
    // THEN the honest model (public IPv4 and Container Insights included) stays within the ceiling
    expect(estimate.totalUsd).toBeLessThanOrEqual(155);
    expect(estimate.lines.map((l) => l.item)).toEqual(expect.arrayContaining(['Public IPv4 addresses', 'CloudWatch custom metrics']));
  });

  it('Property 11 keeps the guarantees: two on-demand FARGATE tasks at every count, Container Insights on, ALB in two AZs', () => {
    for (const tasks of [2, 4, 6, 10]) {
      const { configuration } = estimateMonthlyCost(facts, { tasks });
      expect(configuration.tasksByCapacityProvider.FARGATE).toBe(2);
      expect(configuration.containerInsights).not.toBe('disabled');
      expect(configuration.albAvailabilityZones).toBeGreaterThanOrEqual(2);
    }
  });

  it('Requirement 12.1 ($60 at 2 tasks) is not reachable with the guarantees kept; only dropping one of them gets below it', () => {
    // The cheapest guarantee-keeping variant: ARM64 (already default) and no public IPv4 on the tasks.
    const closest = estimateMonthlyCost(facts, { tasks: 2, levers: IPV6_TASK_EGRESS }).totalUsd;
    const asDeployed = estimateMonthlyCost(facts, { tasks: 2 }).totalUsd;
    expect(asDeployed).toBeGreaterThan(60);
    expect(closest).toBeGreaterThan(60);
    // Either guarantee it would cost brings the closest variant under $60.
    const withoutInsights = estimateMonthlyCost(facts, {
      tasks: 2,
      levers: { ...IPV6_TASK_EGRESS, containerInsights: 'disabled' },
    }).totalUsd;
    const baseOne = estimateMonthlyCost(facts, {
      tasks: 2,
      levers: {
        ...IPV6_TASK_EGRESS,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 0 },
          { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
        ],
      },
    }).totalUsd;
    expect(withoutInsights).toBeLessThanOrEqual(60);
    expect(baseOne).toBeLessThanOrEqual(60);
  });
});
