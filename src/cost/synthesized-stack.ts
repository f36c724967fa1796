import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../app';
import { ENVIRONMENT_NAMES, EnvironmentName, resourceNames } from '../config';
import { CostModelError } from './errors';
import { SynthesizedStack } from './stack-reader';

/** A synthesized dashboard stack and the name it was synthesized under. */
export interface SynthesizedEnvironment {
  readonly stackName: string;
  readonly stack: SynthesizedStack;
}

/**
 * Synthesizes the dashboard stack of one environment with `buildApp` (the same code `cdktf synth`
 * runs) into a temporary directory and returns its `cdk.tf.json`. Only that environment is built.
 * When no image tag is configured a placeholder pre-pushed tag is used, so that no git checkout or
 * Docker build context is needed: the image source changes no priced resource.
 */
export function synthesizeEnvironment(environment: string, env: NodeJS.ProcessEnv = process.env): SynthesizedEnvironment {
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(environment)) {
    throw new CostModelError(`--env ${JSON.stringify(environment)} is not an environment; allowed: ${ENVIRONMENT_NAMES.join(', ')}.`);
  }
  const name = environment as EnvironmentName;
  const upper = name.toUpperCase();
  const synthEnv: NodeJS.ProcessEnv = { ...env, DASHBOARD_ENVIRONMENTS: name };
  if (synthEnv.DASHBOARD_IMAGE_TAG === undefined && synthEnv[`DASHBOARD_${upper}_IMAGE_TAG`] === undefined) {
    synthEnv.DASHBOARD_IMAGE_TAG = 'cost-estimate';
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vibejudge-cost-'));
  try {
    const { app } = buildApp({ env: synthEnv, outdir });
    app.synth();
    const stack = resourceNames(name).stackId;
    const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
    return { stackName: stack, stack: JSON.parse(fs.readFileSync(file, 'utf8')) as SynthesizedStack };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
