import * as path from 'path';
import { execFileSync } from 'child_process';
import { App } from 'cdktf';
import {
  ConfigError,
  configWarnings,
  EnvironmentConfig,
  EnvironmentName,
  loadEnvironmentConfig,
  selectedEnvironments,
} from './config';
import { DashboardStack } from './dashboard-stack';
import { BootstrapStack, StateBucketSpec } from './bootstrap-stack';
import { BuildImageSource, PrePushedImageSource } from './image';
import { readTerraformVersionConstraint, TERRAFORM_VERSION_FILE } from './terraform-version';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Where configuration overrides are read from.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Output directory of the synthesized stacks.
   * @default - cdktf's (CDKTF_OUTDIR, else cdktf.out)
   */
  readonly outdir?: string;
  /**
   * Repository root: the Docker build context and the git checkout whose HEAD tags the image.
   * @default - the directory above src/
   */
  readonly projectRoot?: string;
  /**
   * The pinned Terraform release every stack's `required_version` is derived from.
   * @default - this repository's .terraform-version
   */
  readonly terraformVersionFile?: string;
}

/** What {@link buildApp} made. */
export interface BuiltApp {
  readonly app: App;
  /** Valid but noteworthy configuration, one sentence each; main.ts prints them to stderr. */
  readonly warnings: string[];
  readonly stacks: {
    readonly environments: Partial<Record<EnvironmentName, DashboardStack>>;
    readonly bootstrap: BootstrapStack;
  };
  /** The validated configuration per synthesized environment. */
  readonly configs: Partial<Record<EnvironmentName, EnvironmentConfig>>;
}

/** HEAD of the git checkout at `projectRoot`; a ConfigError when there is none. */
export function resolveGitSha(projectRoot: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (/^[0-9a-f]{40}$/.test(sha)) {
      return sha;
    }
  } catch {
    // Reported below as a configuration problem.
  }
  throw new ConfigError(
    `imageTag is unset and ${projectRoot} is not a git checkout with a commit, so there is no commit SHA to tag the image with; allowed: run inside the repository, or set DASHBOARD_IMAGE_TAG to a pre-pushed tag.`,
  );
}

/**
 * Builds the cdktf app from configuration alone: one stack per selected environment plus the
 * bootstrap stack. Throws a ConfigError (one sentence per problem) before any resource exists.
 */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const env = options.env ?? process.env;
  const projectRoot = path.resolve(options.projectRoot ?? path.join(__dirname, '..'));
  const environments = selectedEnvironments(env);

  const configs: Partial<Record<EnvironmentName, EnvironmentConfig>> = {};
  const problems: string[] = [];
  for (const name of environments) {
    try {
      configs[name] = loadEnvironmentConfig(name, env);
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(...error.problems);
      } else {
        throw error;
      }
    }
  }
  let requiredTerraformVersion = '';
  try {
    requiredTerraformVersion = readTerraformVersionConstraint(
      options.terraformVersionFile ?? path.join(__dirname, '..', TERRAFORM_VERSION_FILE),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  let gitSha: string | undefined;
  const imageSourceFor = (config: EnvironmentConfig): BuildImageSource | PrePushedImageSource => {
    if (config.imageTag !== undefined) {
      return { kind: 'pre-pushed', tag: config.imageTag };
    }
    gitSha ??= resolveGitSha(projectRoot);
    return { kind: 'build', contextPath: projectRoot, gitSha };
  };

  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  const warnings: string[] = [];
  const stacks: Partial<Record<EnvironmentName, DashboardStack>> = {};
  const buckets = new Map<string, StateBucketSpec>();
  for (const name of environments) {
    const config = configs[name] as EnvironmentConfig;
    warnings.push(...configWarnings(config));
    stacks[name] = new DashboardStack(app, { config, imageSource: imageSourceFor(config), requiredTerraformVersion });
    if (config.stateBucket !== undefined && config.tfcOrganization === undefined) {
      buckets.set(config.stateBucket, { bucket: config.stateBucket, region: config.stateRegion });
    }
  }
  const costCenter = Object.values(configs)[0]?.costCenter;
  const bootstrap = new BootstrapStack(app, { buckets: [...buckets.values()], costCenter, requiredTerraformVersion });
  if (buckets.size === 0) {
    warnings.push('bootstrap: no environment uses an S3 state bucket, so the bootstrap stack creates nothing.');
  }
  return { app, warnings, stacks: { environments: stacks, bootstrap }, configs };
}
