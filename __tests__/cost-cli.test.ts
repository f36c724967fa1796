import { execFileSync } from 'child_process';
import * as path from 'path';
import { DESIGN_LEVERS, estimateMonthlyCost, readStackFacts } from '../src/cost';
import { parseCostArgs, runCostCli } from '../src/cost/cli';
import { synthesizeEnvironment } from '../src/cost/synthesized-stack';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCostCli(argv, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run cost arguments', () => {
  it('defaults to dev, 2/4/6/10 tasks and low traffic', () => {
    expect(parseCostArgs([])).toEqual({
      environment: 'dev',
      taskCounts: [2, 4, 6, 10],
      traffic: 'low',
      json: false,
      design: false,
      levers: false,
      help: false,
    });
    expect(parseCostArgs(['--env', 'prod', '--tasks=3', '--traffic', 'high', '--json', '--design'])).toEqual(
      expect.objectContaining({ environment: 'prod', taskCounts: [3], traffic: 'high', json: true, design: true }),
    );
  });

  it.each([
    [['--tasks', '0'], '--tasks "0" is not valid; allowed: a whole number from 1 to 1000.'],
    [['--tasks', 'ten'], '--tasks "ten" is not valid; allowed: a whole number from 1 to 1000.'],
    [['--tasks', '2.5'], '--tasks "2.5" is not valid; allowed: a whole number from 1 to 1000.'],
    [['--traffic', 'peak'], '--traffic "peak" is not a profile; allowed: low, mid, high.'],
    [['--tasks'], '--tasks needs a value; see --help.'],
    [['--env', '--json'], '--env needs a value; see --help.'],
    [['--json=yes'], '--json takes no value; received "yes".'],
    [['--cheap'], 'unknown argument "--cheap"; allowed: --env, --tasks, --traffic, --design, --levers, --json, --help.'],
    [['dev'], 'unknown argument "dev"; allowed: --env, --tasks, --traffic, --design, --levers, --json, --help.'],
  ])('bad arguments %j: exit 2 and one sentence', (argv, message) => {
    const result = run(argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `cost: ${message}\n` });
  });

  it('an unknown environment is one sentence and exit 1', () => {
    expect(run(['--env', 'staging'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cost: --env "staging" is not an environment; allowed: dev, prod.\n',
    });
  });
});

describe('npm run cost output', () => {
  const facts = readStackFacts(synthesizeEnvironment('dev', {}).stack);

  it('prints the itemized table for 2, 4, 6 and 10 tasks with the total and the assumptions under it', () => {
    const { code, stdout } = run(['--env', 'dev']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/monthly USD\s+2 tasks\s+4 tasks\s+6 tasks\s+10 tasks/);
    const ten = estimateMonthlyCost(facts, { tasks: 10 }).totalUsd.toFixed(2);
    expect(stdout).toMatch(new RegExp(`TOTAL\\s+\\$[0-9.]+\\s+\\$[0-9.]+\\s+\\$[0-9.]+\\s+\\$${ten.replace('.', '\\.')}`));
    expect(stdout).toContain('Public IPv4 addresses');
    expect(stdout.indexOf('Assumptions:')).toBeGreaterThan(stdout.indexOf('TOTAL'));
  });

  it("--design --json prices the design's levers on the same synthesized stack", () => {
    const { code, stdout } = run(['--design', '--json', '--tasks', '10']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { stack: string; estimates: { totalUsd: number; configuration: { cpuArchitecture: string } }[] };
    expect(parsed.stack).toBe('vibejudge-dashboard-dev');
    expect(parsed.estimates).toHaveLength(1);
    expect(parsed.estimates[0].configuration.cpuArchitecture).toBe('X86_64');
    expect(parsed.estimates[0].totalUsd).toBeCloseTo(estimateMonthlyCost(facts, { tasks: 10, levers: DESIGN_LEVERS }).totalUsd, 6);
  });

  it('--levers lists each lever with its trade-off', () => {
    const { stdout } = run(['--levers', '--tasks', '2']);
    expect(stdout).toContain('base 1 on-demand task, the rest Spot (non-default option)');
    expect(stdout).toContain('trade-off: breaks requirement 3.3');
  });

  it('the script itself reports bad input without a stack trace', () => {
    const root = path.join(__dirname, '..');
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(path.join(root, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', 'scripts/cost.ts', '--traffic', 'peak'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000,
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toBe('cost: --traffic "peak" is not a profile; allowed: low, mid, high.\n');
  });
});
