import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';

/** Where a stack keeps its Terraform state. */
export type StateBackendSettings =
  | { readonly kind: 'local' }
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly key: string }
  | { readonly kind: 'cloud'; readonly organization: string; readonly workspace: string };

/** The inputs that choose a backend (the environment configuration's state fields). */
export interface StateBackendInput {
  readonly stateBucket?: string;
  readonly stateRegion: string;
  readonly tfcOrganization?: string;
  readonly tfcWorkspace?: string;
}

/**
 * Terraform Cloud when an organization and workspace are configured, S3 when a bucket is, local
 * otherwise (so synth works without an account). The configuration rejects both at once.
 */
export function selectStateBackend(stackId: string, input: StateBackendInput): StateBackendSettings {
  if (input.tfcOrganization !== undefined && input.tfcWorkspace !== undefined) {
    return { kind: 'cloud', organization: input.tfcOrganization, workspace: input.tfcWorkspace };
  }
  if (input.stateBucket !== undefined) {
    return { kind: 's3', bucket: input.stateBucket, region: input.stateRegion, key: `${stackId}/terraform.tfstate` };
  }
  return { kind: 'local' };
}

/** Attaches the backend to the stack. */
export function attachStateBackend(stack: TerraformStack, settings: StateBackendSettings): void {
  switch (settings.kind) {
    case 'cloud':
      new CloudBackend(stack, {
        organization: settings.organization,
        workspaces: new NamedCloudWorkspace(settings.workspace),
      });
      return;
    case 's3':
      new S3Backend(stack, { bucket: settings.bucket, key: settings.key, region: settings.region, encrypt: true });
      // S3-native locking (Terraform >= 1.10); cdktf's S3Backend has no typed field for it yet.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'local':
      new LocalBackend(stack, { path: `terraform.${stack.node.id}.tfstate` });
      return;
  }
}

/** One line for humans, e.g. `s3://bucket/key (us-east-1, lockfile)`. */
export function describeStateBackend(settings: StateBackendSettings): string {
  switch (settings.kind) {
    case 'cloud':
      return `Terraform Cloud ${settings.organization}/${settings.workspace}`;
    case 's3':
      return `s3://${settings.bucket}/${settings.key} (${settings.region}, encrypted, S3 lockfile)`;
    case 'local':
      return 'local file (no remote state)';
  }
}
