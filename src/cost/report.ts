import { assumptions, CostEstimate, formatUsd } from './estimator';
import { LeverEffect } from './levers';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** One plain-text table: an item column and one money column per estimate, with the total and the split. */
export function renderTable(title: string, estimates: readonly CostEstimate[]): string {
  const items: string[] = [];
  for (const estimate of estimates) {
    for (const line of estimate.lines) {
      if (!items.includes(line.item)) {
        items.push(line.item);
      }
    }
  }
  const width = Math.max(34, ...items.map((item) => item.length)) + 2;
  const column = 11;
  const header = pad('monthly USD', width) + estimates.map((e) => pad(`${e.tasks} tasks`, column, true)).join('');
  const rows = items.map(
    (item) =>
      pad(item, width) +
      estimates
        .map((e) => pad(formatUsd(e.lines.find((l) => l.item === item)?.monthlyUsd ?? 0), column, true))
        .join(''),
  );
  const rule = '-'.repeat(width + column * estimates.length);
  const total = pad('TOTAL', width) + estimates.map((e) => pad(formatUsd(e.totalUsd), column, true)).join('');
  const split =
    pad('tasks FARGATE / FARGATE_SPOT', width) +
    estimates
      .map((e) => {
        const byProvider = e.configuration.tasksByCapacityProvider;
        return pad(`${byProvider.FARGATE ?? 0} / ${byProvider.FARGATE_SPOT ?? 0}`, column, true);
      })
      .join('');
  const ipv4 =
    pad('public IPv4 addresses', width) + estimates.map((e) => pad(String(e.configuration.publicIpv4Addresses), column, true)).join('');
  return [title, '', header, rule, ...rows, rule, total, split, ipv4].join('\n');
}

/** The configuration an estimate priced, in one line. */
export function describeConfiguration(estimate: CostEstimate): string {
  const c = estimate.configuration;
  const strategy = c.capacityProviderStrategy
    .map((item) => `${item.capacityProvider} base ${item.base} weight ${item.weight}`)
    .join(' + ');
  return `${c.cpuArchitecture} tasks of ${c.taskCpuUnits / 1024} vCPU / ${c.taskMemoryMiB / 1024} GB; ${strategy} (from ${c.capacitySource}); Container Insights ${c.containerInsights}; task public IPv4 ${c.assignPublicIp ? 'yes' : 'no'}; ALB in ${c.albAvailabilityZones} AZs.`;
}

/** The assumptions as a bulleted list. */
export function renderAssumptions(estimate: CostEstimate): string {
  return ['Assumptions:', ...assumptions(estimate.traffic).map((line) => `- ${line}`)].join('\n');
}

/** The lever table: each lever's monthly delta at each task count and its trade-off. */
export function renderLevers(effects: readonly LeverEffect[], taskCounts: readonly number[]): string {
  const width = Math.max(...effects.map((e) => e.lever.length)) + 2;
  const column = 11;
  const signed = (value: number) => (value >= 0 ? '+' : '-') + formatUsd(Math.abs(value));
  const header = pad('lever (delta vs. the synthesized stack)', width) + taskCounts.map((n) => pad(`${n} tasks`, column, true)).join('');
  const rows = effects.map(
    (e) =>
      pad(e.lever, width) +
      taskCounts.map((n) => pad(signed(e.deltaUsdByTasks[n]), column, true)).join('') +
      `\n${' '.repeat(4)}trade-off: ${e.tradeOff}`,
  );
  return ['Levers:', header, ...rows].join('\n');
}
