import { Testing } from 'cdktf';
import { buildApp, BuildAppOptions } from '../src/app';

/** One synthesized stack: the Terraform JSON as cdktf's matchers want it, and parsed. */
export interface SynthesizedStack {
  readonly json: string;
  readonly parsed: TerraformJson;
}

export interface TerraformJson {
  readonly terraform: Record<string, any>;
  readonly provider: Record<string, any[]>;
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
  readonly output: Record<string, { value: string; description?: string }>;
  readonly ephemeral?: Record<string, Record<string, Record<string, any>>>;
}

export interface SynthesizedApp {
  readonly stacks: Record<string, SynthesizedStack>;
  readonly warnings: string[];
}

/** Builds the app with `env` (no process environment) and synthesizes every stack in memory. */
export function synthApp(env: NodeJS.ProcessEnv = {}, options: Omit<BuildAppOptions, 'env'> = {}): SynthesizedApp {
  const built = buildApp({ ...options, env, outdir: options.outdir ?? Testing.app().outdir });
  const stacks: Record<string, SynthesizedStack> = {};
  const all = [...Object.values(built.stacks.environments), built.stacks.bootstrap];
  for (const stack of all) {
    if (stack === undefined) {
      continue;
    }
    const json = Testing.synth(stack);
    const parsed = JSON.parse(json) as TerraformJson;
    // A stack without resources has no "resource" key at all.
    stacks[stack.node.id] = { json, parsed: { ...parsed, resource: parsed.resource ?? {} } };
  }
  return { stacks, warnings: built.warnings };
}

/** Every resource of `type` in the stack, by logical id. */
export function resourcesOfType(stack: SynthesizedStack, type: string): Record<string, any>[] {
  return Object.values(stack.parsed.resource[type] ?? {});
}

/** The only resource of `type`; fails when there is not exactly one. */
export function onlyResource(stack: SynthesizedStack, type: string): Record<string, any> {
  const all = resourcesOfType(stack, type);
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${all.length}`);
  }
  return all[0];
}

/** `${aws_x.logical_id.attr}` for the only resource of `type` whose config matches `predicate`. */
export function referenceTo(
  stack: SynthesizedStack,
  type: string,
  attribute: string,
  predicate: (config: Record<string, any>) => boolean = () => true,
): string {
  const matches = Object.entries(stack.parsed.resource[type] ?? {}).filter(([, config]) => predicate(config));
  if (matches.length !== 1) {
    throw new Error(`expected exactly one matching ${type}, found ${matches.length}`);
  }
  return `\${${type}.${matches[0][0]}.${attribute}}`;
}

/** The container definitions of the only task definition, parsed. */
export function containerDefinitions(stack: SynthesizedStack): Record<string, any>[] {
  return JSON.parse(onlyResource(stack, 'aws_ecs_task_definition').container_definitions);
}

/** Every resource type in the stack. */
export function resourceTypes(stack: SynthesizedStack): string[] {
  return Object.keys(stack.parsed.resource ?? {});
}
