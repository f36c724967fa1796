// Synthesizes every stack on the embedded defaults (no AWS account needed) into cdktf.out and prints,
// per stack: its state backend, resource counts by type, outputs and warnings. `npm start` runs it.
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../src/app';
import { ConfigError } from '../src/config';
import { describeStateBackend, selectStateBackend } from '../src/state';

interface StackJson {
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
  output?: Record<string, { description?: string }>;
  terraform?: { backend?: Record<string, unknown>; cloud?: unknown };
}

function main(): number {
  const root = path.resolve(__dirname, '..');
  const outdir = path.join(root, 'cdktf.out');
  // The embedded defaults only: overrides in the caller's shell apply to `npx cdktf synth`, not here.
  const env: NodeJS.ProcessEnv = {};
  const ignored = Object.keys(process.env).filter((k) => k.startsWith('DASHBOARD_') || k === 'BILLING_ALARM_THRESHOLD_USD');

  let built;
  try {
    built = buildApp({ env, outdir, projectRoot: root });
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        process.stderr.write(`Configuration error: ${problem}\n`);
      }
      return 1;
    }
    throw error;
  }
  built.app.synth();

  const lines: string[] = [];
  const stacks = [...Object.values(built.stacks.environments), built.stacks.bootstrap].filter((s) => s !== undefined);
  for (const stack of stacks) {
    const id = stack.node.id;
    const file = path.join(outdir, 'stacks', id, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
    const counts = Object.entries(json.resource ?? {})
      .map(([type, resources]) => [type.replace(/^aws_/, ''), Object.keys(resources).length] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    const config = Object.values(built.configs).find((c) => c !== undefined && `vibejudge-dashboard-${c.environment}` === id);
    const backend = config === undefined ? 'local file (bootstrap keeps its state locally)' : describeStateBackend(selectStateBackend(id, config));

    lines.push(`\n${id}  (${path.relative(root, file)})`);
    lines.push(`  backend:   ${backend}`);
    lines.push(`  resources: ${total}  ${counts.map(([type, n]) => `${type}×${n}`).join(', ')}`);
    const dataSources = Object.keys(json.data ?? {}).map((t) => t.replace(/^aws_/, ''));
    if (dataSources.length > 0) {
      lines.push(`  data:      ${dataSources.join(', ')}`);
    }
    lines.push(`  outputs:   ${Object.keys(json.output ?? {}).join(', ') || '(none)'}`);
    const prefix = id.replace(/^vibejudge-dashboard-/, '');
    const warnings = built.warnings.filter((w) => w.startsWith(`${prefix}:`));
    lines.push(`  warnings:  ${warnings.length === 0 ? 'none' : warnings.join('\n             ')}`);
  }
  if (ignored.length > 0) {
    lines.push(`\nNote: this summary uses the embedded defaults; ${ignored.join(', ')} apply to \`npx cdktf synth\` and deploys.`);
  }
  process.stdout.write(`Synthesized ${stacks.length} stacks into ${path.relative(root, outdir)}/:${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main();
