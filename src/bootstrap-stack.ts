import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { BOOTSTRAP_STACK_ID } from './config';
import { defaultTags } from './tags';
import { requireTerraformVersion } from './terraform-version';

/** One remote-state bucket to create. */
export interface StateBucketSpec {
  readonly bucket: string;
  readonly region: string;
}

/** Properties of {@link StateBucket}. */
export interface StateBucketProps {
  readonly bucketName: string;
  readonly provider: AwsProvider;
  /**
   * Days a replaced state version is kept (versioning is the undo of a bad apply).
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
}

/** An S3 bucket fit for Terraform state: versioned, encrypted, private, TLS only, owner-enforced. */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      // State is the record of what exists: never let a destroy of this stack remove it silently.
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketPolicy(this, 'tls-only-policy', {
      provider,
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
  }
}

/** Properties of {@link BootstrapStack}. */
export interface BootstrapStackProps {
  /** The distinct state buckets the environments use. */
  readonly buckets: readonly StateBucketSpec[];
  /** @default vibejudge */
  readonly costCenter?: string;
  /** `terraform.required_version`, e.g. `~> 1.11.0` (derived from `.terraform-version` by buildApp). */
  readonly requiredTerraformVersion: string;
}

/** Creates the remote-state bucket(s) the environment stacks use; its own state is local. */
export class BootstrapStack extends TerraformStack {
  public readonly stateBuckets: StateBucket[];

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK_ID);
    requireTerraformVersion(this, props.requiredTerraformVersion);
    new LocalBackend(this, { path: `terraform.${BOOTSTRAP_STACK_ID}.tfstate` });
    const tags = defaultTags('shared', props.costCenter ?? 'vibejudge', 'terraform-state');
    const providers = new Map<string, AwsProvider>();
    const providerFor = (region: string): AwsProvider => {
      let provider = providers.get(region);
      if (provider === undefined) {
        // The first region is the default provider; further regions get an alias.
        provider = new AwsProvider(this, providers.size === 0 ? 'aws' : `aws-${region}`, {
          region,
          alias: providers.size === 0 ? undefined : region,
          defaultTags: [{ tags }],
        });
        providers.set(region, provider);
      }
      return provider;
    };
    if (props.buckets.length === 0) {
      providerFor('us-east-1');
    }
    this.stateBuckets = props.buckets.map((spec) => {
      const stateBucket = new StateBucket(this, `state-${spec.bucket}`, {
        bucketName: spec.bucket,
        provider: providerFor(spec.region),
      });
      const output = new TerraformOutput(this, `bucket-${spec.bucket}`, {
        value: stateBucket.bucket.arn,
        description: `State bucket ${spec.bucket} (${spec.region})`,
      });
      output.overrideLogicalId(`StateBucket_${spec.bucket.replace(/[^A-Za-z0-9_]/g, '_')}`);
      return stateBucket;
    });
  }
}
