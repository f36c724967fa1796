import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { buildApp } from '../src/app';
import { ConfigError } from '../src/config';
import { terraformVersionConstraint } from '../src/terraform-version';
import { synthApp } from './stack-helpers';

const ROOT = path.join(__dirname, '..');
const PINNED = fs.readFileSync(path.join(ROOT, '.terraform-version'), 'utf8').trim();

/** A .terraform-version with `content` in a temporary directory (not written when undefined). */
function versionFile(content: string | undefined): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-version-')), '.terraform-version');
  if (content !== undefined) {
    fs.writeFileSync(file, content);
  }
  return file;
}

function configErrorOf(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the stacks state the Terraform they need (.terraform-version)', () => {
  test('every stack (dev, prod, bootstrap) requires the patch releases of the pinned minor version', () => {
    // GIVEN the repository's .terraform-version WHEN every stack is synthesized on the defaults
    const { stacks } = synthApp({});
    const [major, minor] = PINNED.split('.');
    // THEN each one's terraform block says ~> <major>.<minor>.0, which accepts the pinned release
    expect(Object.keys(stacks).sort()).toEqual([
      'vibejudge-dashboard-bootstrap',
      'vibejudge-dashboard-dev',
      'vibejudge-dashboard-prod',
    ]);
    for (const stack of Object.values(stacks)) {
      expect(stack.parsed.terraform.required_version).toBe(`~> ${major}.${minor}.0`);
    }
    expect(stacks['vibejudge-dashboard-dev'].parsed.terraform.required_version).toBe('~> 1.11.0');
  });

  test('required_version follows the file: a project pinned to 1.13.2 requires ~> 1.13.0', () => {
    // GIVEN a project whose .terraform-version says 1.13.2 WHEN its stacks are synthesized
    const terraformVersionFile = versionFile('1.13.2\n');
    const built = buildApp({ env: { DASHBOARD_IMAGE_TAG: 'v1' }, terraformVersionFile, outdir: Testing.app().outdir });
    // THEN every stack requires 1.13.x
    const stacks = [...Object.values(built.stacks.environments), built.stacks.bootstrap];
    for (const stack of stacks) {
      expect(JSON.parse(Testing.synth(stack!)).terraform.required_version).toBe('~> 1.13.0');
    }
  });

  test('the constraint is any patch release of the pinned minor version', () => {
    expect(terraformVersionConstraint('1.11.4')).toBe('~> 1.11.0');
    expect(terraformVersionConstraint('1.11.0')).toBe('~> 1.11.0');
    expect(terraformVersionConstraint('2.0.1')).toBe('~> 2.0.0');
  });

  test('a pinned Terraform older than the stacks need fails synth with one sentence', () => {
    const terraformVersionFile = versionFile('1.10.5\n');
    expect(configErrorOf(() => buildApp({ env: { DASHBOARD_IMAGE_TAG: 'v1' }, terraformVersionFile }))).toBe(
      '.terraform-version "1.10.5" is older than the stacks allow (write-only attributes and ephemeral resources); allowed: 1.11.0 or later.',
    );
  });

  test('a .terraform-version that is not a release number fails synth with one sentence', () => {
    const terraformVersionFile = versionFile('latest\n');
    expect(configErrorOf(() => buildApp({ env: { DASHBOARD_IMAGE_TAG: 'v1' }, terraformVersionFile }))).toBe(
      '.terraform-version "latest" is not a Terraform version; allowed: one release number such as 1.11.4.',
    );
  });

  test('a missing .terraform-version fails synth with one sentence naming the file', () => {
    const terraformVersionFile = versionFile(undefined);
    expect(configErrorOf(() => buildApp({ env: { DASHBOARD_IMAGE_TAG: 'v1' }, terraformVersionFile }))).toBe(
      `${terraformVersionFile} cannot be read, so the stacks cannot state the Terraform they need; allowed: a file with one release number such as 1.11.4.`,
    );
  });
});
