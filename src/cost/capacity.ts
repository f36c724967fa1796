import { CostModelError } from './errors';

/** One entry of an ECS capacity provider strategy, as ECS defines it. */
export interface CapacityProviderStrategyItem {
  /** `FARGATE` or `FARGATE_SPOT`. */
  readonly capacityProvider: string;
  /** Tasks placed on this provider before any weight applies (at most one provider may have one). */
  readonly base: number;
  /** Relative share of the tasks above the base. */
  readonly weight: number;
}

/** How many of N tasks each capacity provider runs. */
export type CapacitySplit = Readonly<Record<string, number>>;

/**
 * Checks a strategy the way ECS does: at least one provider, base 0-100000 on at most one of them,
 * weights 0-1000 with at least one above zero, no provider twice.
 */
export function validateStrategy(strategy: readonly CapacityProviderStrategyItem[]): void {
  if (strategy.length === 0) {
    throw new CostModelError('capacityProviderStrategy is empty; allowed: one to six capacity providers.');
  }
  const seen = new Set<string>();
  for (const item of strategy) {
    if (seen.has(item.capacityProvider)) {
      throw new CostModelError(
        `capacityProviderStrategy lists ${item.capacityProvider} twice; allowed: each capacity provider once.`,
      );
    }
    seen.add(item.capacityProvider);
    if (!Number.isInteger(item.base) || item.base < 0 || item.base > 100000) {
      throw new CostModelError(
        `capacityProviderStrategy base ${item.base} for ${item.capacityProvider} is not valid; allowed: an integer 0-100000.`,
      );
    }
    if (!Number.isInteger(item.weight) || item.weight < 0 || item.weight > 1000) {
      throw new CostModelError(
        `capacityProviderStrategy weight ${item.weight} for ${item.capacityProvider} is not valid; allowed: an integer 0-1000.`,
      );
    }
  }
  const withBase = strategy.filter((item) => item.base > 0).map((item) => item.capacityProvider);
  if (withBase.length > 1) {
    throw new CostModelError(
      `capacityProviderStrategy gives a base to ${withBase.join(' and ')}; allowed: a base on at most one capacity provider.`,
    );
  }
  if (!strategy.some((item) => item.weight > 0)) {
    throw new CostModelError(
      'capacityProviderStrategy has no capacity provider with a weight above 0; allowed: at least one weight of 1-1000 (ECS rejects the strategy otherwise).',
    );
  }
}

/**
 * Splits `taskCount` tasks over the strategy's capacity providers the way ECS places them: the
 * provider with a base first receives up to `base` tasks; every further task goes to the provider
 * whose share falls furthest behind its weight (so the tasks above the base are split in the ratio
 * of the weights). ECS does not document how it rounds an uneven split; ties go to the provider
 * listed first.
 */
export function splitTasks(taskCount: number, strategy: readonly CapacityProviderStrategyItem[]): CapacitySplit {
  if (!Number.isInteger(taskCount) || taskCount < 0) {
    throw new CostModelError(`task count ${taskCount} is not valid; allowed: a whole number of 0 or more.`);
  }
  validateStrategy(strategy);
  const counts: Record<string, number> = {};
  for (const item of strategy) {
    counts[item.capacityProvider] = 0;
  }
  const baseItem = strategy.find((item) => item.base > 0);
  const onBase = baseItem ? Math.min(taskCount, baseItem.base) : 0;
  if (baseItem) {
    counts[baseItem.capacityProvider] = onBase;
  }
  const weighted = strategy.filter((item) => item.weight > 0);
  const totalWeight = weighted.reduce((sum, item) => sum + item.weight, 0);
  const aboveBase: Record<string, number> = {};
  for (const item of weighted) {
    aboveBase[item.capacityProvider] = 0;
  }
  for (let placed = 1; placed <= taskCount - onBase; placed += 1) {
    let chosen = weighted[0];
    let largestDeficit = -Infinity;
    for (const item of weighted) {
      const deficit = (placed * item.weight) / totalWeight - aboveBase[item.capacityProvider];
      if (deficit > largestDeficit + 1e-9) {
        largestDeficit = deficit;
        chosen = item;
      }
    }
    aboveBase[chosen.capacityProvider] += 1;
    counts[chosen.capacityProvider] += 1;
  }
  return counts;
}
