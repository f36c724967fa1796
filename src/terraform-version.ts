import * as fs from 'fs';
import { TerraformStack } from 'cdktf';
import { ConfigError } from './config';

/** The file that pins Terraform for the deploy script, the workflows and the stacks. */
export const TERRAFORM_VERSION_FILE = '.terraform-version';

/**
 * The oldest Terraform the stacks run on: the cookie secret is an ephemeral resource written to a
 * write-only attribute (Terraform 1.11), and S3 state locks with `use_lockfile` (1.10).
 */
export const MINIMUM_TERRAFORM_VERSION = '1.11.0';

function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * `required_version` for a pinned Terraform version: any patch release of its minor version
 * (`1.11.4` → `~> 1.11.0`). A newer minor version could upgrade the state beyond what the pinned
 * Terraform of the deploy script and CI can read, so it is refused up front.
 */
export function terraformVersionConstraint(version: string): string {
  const parsed = parseVersion(version);
  if (parsed === undefined) {
    throw new ConfigError(
      `${TERRAFORM_VERSION_FILE} "${version}" is not a Terraform version; allowed: one release number such as 1.11.4.`,
    );
  }
  const minimum = parseVersion(MINIMUM_TERRAFORM_VERSION) as [number, number, number];
  const tooOld = parsed[0] < minimum[0] || (parsed[0] === minimum[0] && parsed[1] < minimum[1]);
  if (tooOld) {
    throw new ConfigError(
      `${TERRAFORM_VERSION_FILE} "${version}" is older than the stacks allow (write-only attributes and ephemeral resources); allowed: ${MINIMUM_TERRAFORM_VERSION} or later.`,
    );
  }
  return `~> ${parsed[0]}.${parsed[1]}.0`;
}

/** The constraint derived from a `.terraform-version` file; a ConfigError when it is missing or invalid. */
export function readTerraformVersionConstraint(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(
      `${file} cannot be read, so the stacks cannot state the Terraform they need; allowed: a file with one release number such as 1.11.4.`,
    );
  }
  return terraformVersionConstraint(text.trim());
}

/** Writes `terraform.required_version` into the stack, so an unsuitable Terraform fails at `init`. */
export function requireTerraformVersion(stack: TerraformStack, constraint: string): void {
  // cdktf has no typed field for required_version; an override on the terraform block is its public way.
  stack.addOverride('terraform.required_version', constraint);
}
