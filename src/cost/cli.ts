import { ConfigError } from '../config';
import { CostModelError } from './errors';
import { CostEstimate, estimateMonthlyCost } from './estimator';
import { DESIGN_LEVERS, measureLevers } from './levers';
import { describeConfiguration, renderAssumptions, renderLevers, renderTable } from './report';
import { readStackFacts } from './stack-reader';
import { synthesizeEnvironment } from './synthesized-stack';
import { TRAFFIC_PROFILE_NAMES, TrafficProfileName } from './traffic';

/** The task counts the table shows when `--tasks` is not given. */
export const DEFAULT_TASK_COUNTS: readonly number[] = [2, 4, 6, 10];

/** Parsed command line of `npm run cost`. */
export interface CostCliOptions {
  readonly environment: string;
  readonly taskCounts: readonly number[];
  readonly traffic: TrafficProfileName;
  readonly json: boolean;
  readonly design: boolean;
  readonly levers: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run cost -- [--env dev|prod] [--tasks N] [--traffic low|mid|high] [--design] [--levers] [--json]

Prices the synthesized dashboard stack of one environment for a month (us-east-1 list prices).
  --env       environment to synthesize (default dev)
  --tasks     price N tasks (1-1000) instead of 2, 4, 6 and 10
  --traffic   traffic profile for the ALB capacity units and data transfer (default low)
  --design    the design's original levers on the same stack: x86, FARGATE base 2 weight 1 + FARGATE_SPOT weight 1,
              Container Insights enabled, public task IPs
  --levers    also print what each cost lever changes, with its trade-off
  --json      machine-readable output
  --help      this text`;

/** Parses the arguments after `--`; throws a CostModelError with one sentence on bad input. */
export function parseCostArgs(argv: readonly string[]): CostCliOptions {
  let environment = 'dev';
  let taskCounts: readonly number[] = DEFAULT_TASK_COUNTS;
  let traffic: TrafficProfileName = 'low';
  const flags = { json: false, design: false, levers: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    const inline = equals > 0 ? argument.slice(equals + 1) : undefined;
    const value = (): string => {
      const found = inline ?? argv[index + 1];
      if (found === undefined || (inline === undefined && found.startsWith('--'))) {
        throw new CostModelError(`${name} needs a value; see --help.`);
      }
      if (inline === undefined) {
        index += 1;
      }
      return found;
    };
    switch (name) {
      case '--env':
        environment = value();
        break;
      case '--tasks': {
        const raw = value();
        const tasks = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!(tasks >= 1 && tasks <= 1000)) {
          throw new CostModelError(`--tasks ${JSON.stringify(raw)} is not valid; allowed: a whole number from 1 to 1000.`);
        }
        taskCounts = [tasks];
        break;
      }
      case '--traffic': {
        const raw = value();
        if (!(TRAFFIC_PROFILE_NAMES as readonly string[]).includes(raw)) {
          throw new CostModelError(`--traffic ${JSON.stringify(raw)} is not a profile; allowed: ${TRAFFIC_PROFILE_NAMES.join(', ')}.`);
        }
        traffic = raw as TrafficProfileName;
        break;
      }
      case '--json':
      case '--design':
      case '--levers':
      case '--help':
        if (inline !== undefined) {
          throw new CostModelError(`${name} takes no value; received ${JSON.stringify(inline)}.`);
        }
        flags[name.slice(2) as keyof typeof flags] = true;
        break;
      default:
        throw new CostModelError(
          `unknown argument ${JSON.stringify(argument)}; allowed: --env, --tasks, --traffic, --design, --levers, --json, --help.`,
        );
    }
  }
  return { environment, taskCounts, traffic, ...flags };
}

/** Where the CLI writes. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs `npm run cost`; returns the exit code (0 ok, 2 bad arguments, 1 configuration or model error). */
export function runCostCli(argv: readonly string[], env: NodeJS.ProcessEnv, out: CliOutput): number {
  let options: CostCliOptions;
  try {
    options = parseCostArgs(argv);
  } catch (error) {
    if (error instanceof CostModelError) {
      out.stderr(`cost: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    const { stackName, stack } = synthesizeEnvironment(options.environment, env);
    const facts = readStackFacts(stack);
    const levers = options.design ? DESIGN_LEVERS : undefined;
    const estimates: CostEstimate[] = options.taskCounts.map((tasks) =>
      estimateMonthlyCost(facts, { tasks, traffic: options.traffic, levers }),
    );
    const variant = options.design ? "the design's original configuration" : 'the configuration as synthesized';
    const effects = options.levers ? measureLevers(facts, options.taskCounts, options.traffic) : undefined;
    if (options.json) {
      out.stdout(`${JSON.stringify({ stack: stackName, variant, traffic: options.traffic, estimates, levers: effects }, null, 2)}\n`);
      return 0;
    }
    const title = `Monthly cost of ${stackName} (us-east-1), ${variant}, ${options.traffic} traffic`;
    const sections = [renderTable(title, estimates), `Configuration: ${describeConfiguration(estimates[0])}`];
    if (effects) {
      sections.push(renderLevers(effects, options.taskCounts));
    }
    sections.push(renderAssumptions(estimates[0]));
    out.stdout(`${sections.join('\n\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CostModelError) {
      out.stderr(`cost: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        out.stderr(`cost: configuration error: ${problem}\n`);
      }
      return 1;
    }
    throw error;
  }
}
