import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { DataAwsEcrImage } from '@cdktf/provider-aws/lib/data-aws-ecr-image';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Image } from '@cdktf/provider-docker/lib/image';
import { buildApp } from '../src/app';
import { ConfigError } from '../src/config';
import { containerDefinitions, onlyResource, referenceTo, resourcesOfType, synthApp, SynthesizedApp } from './stack-helpers';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666';

describe('pre-pushed image tag mode', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthApp({ DASHBOARD_DEV_IMAGE_TAG: '3f2a1b0' });
  });

  test('contains no docker provider and no docker resources', () => {
    const dev = synthesized.stacks['vibejudge-dashboard-dev'];
    expect(Object.keys(dev.parsed.resource).filter((t) => t.startsWith('docker_'))).toEqual([]);
    expect(dev.parsed.provider.docker).toBeUndefined();
    expect(dev.parsed.terraform.required_providers.docker).toBeUndefined();
    expect(dev.parsed.data?.aws_ecr_authorization_token).toBeUndefined();
  });

  test('resolves the tag to its digest and runs the image by digest', () => {
    const dev = synthesized.stacks['vibejudge-dashboard-dev'];
    expect(dev.json).toHaveDataSourceWithProperties(DataAwsEcrImage, {
      repository_name: referenceTo(dev, 'aws_ecr_repository', 'name'),
      image_tag: '3f2a1b0',
    });
    const [container] = containerDefinitions(dev);
    const dataId = Object.keys(dev.parsed.data?.aws_ecr_image ?? {})[0];
    expect(container.image).toBe(`${referenceTo(dev, 'aws_ecr_repository', 'repository_url')}@\${data.aws_ecr_image.${dataId}.image_digest}`);
  });

  test('an environment-specific tag leaves the other environment building its image', () => {
    const prod = synthesized.stacks['vibejudge-dashboard-prod'];
    expect(prod.json).toHaveResourceWithProperties(Image, { build: expect.objectContaining({ dockerfile: 'Dockerfile' }) });
  });
});

describe('outside a git checkout', () => {
  let emptyDir: string;
  beforeAll(() => {
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-git-'));
  });
  afterAll(() => {
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  test('building the image without an image tag is a configuration error naming the fix', () => {
    let caught: unknown;
    try {
      buildApp({ env: { DASHBOARD_ENVIRONMENTS: 'dev' }, projectRoot: emptyDir, outdir: emptyDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toBe(
      `imageTag is unset and ${emptyDir} is not a git checkout with a commit, so there is no commit SHA to tag the image with; allowed: run inside the repository, or set DASHBOARD_IMAGE_TAG to a pre-pushed tag.`,
    );
  });

  test('a pre-pushed image tag needs no git checkout', () => {
    const built = buildApp({ env: { DASHBOARD_IMAGE_TAG: 'v1' }, projectRoot: emptyDir, outdir: emptyDir });
    expect(Object.keys(built.stacks.environments).sort()).toEqual(['dev', 'prod']);
  });
});

describe('TLS and DNS variants', () => {
  test('dev with a certificate ARN: 80 redirects, 443 uses the certificate, no warning', () => {
    const { stacks, warnings } = synthApp({ DASHBOARD_ENVIRONMENTS: 'dev', DASHBOARD_DEV_CERTIFICATE_ARN: CERT, DASHBOARD_IMAGE_TAG: 'v1' });
    const dev = stacks['vibejudge-dashboard-dev'];
    expect(dev.json).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'HTTPS', certificate_arn: CERT });
    expect(dev.json).toHaveResourceWithProperties(LbListener, {
      port: 80,
      default_action: [expect.objectContaining({ type: 'redirect' })],
    });
    expect(dev.parsed.resource.aws_acm_certificate).toBeUndefined();
    expect(dev.parsed.resource.aws_route53_record).toBeUndefined();
    expect(dev.parsed.output.DashboardUrl.value).toBe(`https://${referenceTo(dev, 'aws_lb', 'dns_name')}`);
    expect(warnings.filter((w) => w.startsWith('dev:'))).toEqual([]);
  });

  test('a domain with a hosted zone id: records go into that zone, no zone lookup', () => {
    const { stacks } = synthApp({
      DASHBOARD_ENVIRONMENTS: 'dev',
      DASHBOARD_IMAGE_TAG: 'v1',
      DASHBOARD_DEV_DOMAIN_NAME: 'dev.dashboard.example.com',
      DASHBOARD_DEV_HOSTED_ZONE_ID: 'Z0123456789ABC',
    });
    const dev = stacks['vibejudge-dashboard-dev'];
    expect(dev.parsed.data?.aws_route53_zone).toBeUndefined();
    expect(dev.json).toHaveResourceWithProperties(Route53Record, { zone_id: 'Z0123456789ABC', name: 'dev.dashboard.example.com', type: 'A' });
    expect(resourcesOfType(dev, 'aws_route53_record').map((r) => r.zone_id)).toEqual(['Z0123456789ABC', 'Z0123456789ABC']);
    expect(dev.parsed.output.DashboardUrl.value).toBe('https://dev.dashboard.example.com');
  });

  test('prod with a certificate ARN and the default domain cleared: HTTPS on the ALB name, no DNS records', () => {
    const { stacks } = synthApp({
      DASHBOARD_ENVIRONMENTS: 'prod',
      DASHBOARD_IMAGE_TAG: 'v1',
      DASHBOARD_PROD_DOMAIN_NAME: '',
      DASHBOARD_PROD_CERTIFICATE_ARN: CERT,
    });
    const prod = stacks['vibejudge-dashboard-prod'];
    expect(prod.json).toHaveResourceWithProperties(LbListener, { port: 443, certificate_arn: CERT });
    expect(prod.parsed.resource.aws_route53_record).toBeUndefined();
  });
});

describe('state backends', () => {
  test('Terraform Cloud replaces S3 when an organization and workspace are configured', () => {
    const { stacks } = synthApp({
      DASHBOARD_ENVIRONMENTS: 'prod',
      DASHBOARD_IMAGE_TAG: 'v1',
      DASHBOARD_PROD_STATE_BUCKET: '',
      DASHBOARD_PROD_TFC_ORGANIZATION: 'vibejudge',
      DASHBOARD_PROD_TFC_WORKSPACE: 'dashboard-prod',
    });
    const prod = stacks['vibejudge-dashboard-prod'];
    expect(prod.parsed.terraform.cloud).toEqual({ organization: 'vibejudge', workspaces: { name: 'dashboard-prod' } });
    expect(prod.parsed.terraform.backend).toBeUndefined();
    expect(resourcesOfType(stacks['vibejudge-dashboard-bootstrap'], 'aws_s3_bucket')).toEqual([]);
  });

  test('a dev bucket in another region: dev uses S3 with locking and bootstrap creates both buckets', () => {
    const { stacks } = synthApp({
      DASHBOARD_IMAGE_TAG: 'v1',
      DASHBOARD_DEV_STATE_BUCKET: 'vibejudge-dashboard-tfstate-dev',
      DASHBOARD_DEV_STATE_REGION: 'eu-west-1',
    });
    expect(stacks['vibejudge-dashboard-dev'].parsed.terraform.backend.s3).toEqual(
      expect.objectContaining({ bucket: 'vibejudge-dashboard-tfstate-dev', region: 'eu-west-1', use_lockfile: true, encrypt: true }),
    );
    const bootstrap = stacks['vibejudge-dashboard-bootstrap'];
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([
      'vibejudge-dashboard-tfstate',
      'vibejudge-dashboard-tfstate-dev',
    ]);
    // Each bucket is created through a provider in its own region.
    const providerRegion = (reference: string | undefined): string | undefined => {
      const alias = reference?.split('.')[1];
      return bootstrap.parsed.provider.aws.find((p: { alias?: string }) => p.alias === alias)?.region;
    };
    const regionOf = (bucket: string) =>
      providerRegion(resourcesOfType(bootstrap, 'aws_s3_bucket').find((b) => b.bucket === bucket)?.provider);
    expect(regionOf('vibejudge-dashboard-tfstate-dev')).toBe('eu-west-1');
    expect(regionOf('vibejudge-dashboard-tfstate')).toBe('us-east-1');
  });
});

describe('bootstrap stack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthApp({ DASHBOARD_IMAGE_TAG: 'v1' });
  });

  test('creates the prod state bucket with versioning, KMS encryption, public access blocked and a TLS-only policy', () => {
    const bootstrap = synthesized.stacks['vibejudge-dashboard-bootstrap'];
    const bucketId = referenceTo(bootstrap, 'aws_s3_bucket', 'id');
    expect(bootstrap.json).toHaveResourceWithProperties(S3Bucket, { bucket: 'vibejudge-dashboard-tfstate', force_destroy: false });
    expect(bootstrap.json).toHaveResourceWithProperties(S3BucketVersioningA, {
      bucket: bucketId,
      versioning_configuration: { status: 'Enabled' },
    });
    expect(bootstrap.json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: bucketId,
      rule: [expect.objectContaining({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } })],
    });
    expect(bootstrap.json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(bootstrap.json).toHaveResourceWithProperties(S3BucketPolicy, { bucket: bucketId });
    const policy = JSON.parse(onlyResource(bootstrap, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  test('keeps its own state locally and protects the bucket from destroy', () => {
    const bootstrap = synthesized.stacks['vibejudge-dashboard-bootstrap'];
    expect(bootstrap.parsed.terraform.backend).toEqual({ local: { path: 'terraform.vibejudge-dashboard-bootstrap.tfstate' } });
    expect(onlyResource(bootstrap, 'aws_s3_bucket').lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe('configuration reaches the stack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthApp({
      DASHBOARD_ENVIRONMENTS: 'dev',
      DASHBOARD_TASK_CPU: '1024',
      DASHBOARD_TASK_MEMORY_MIB: '2048',
      DASHBOARD_CPU_ARCHITECTURE: 'X86_64',
      DASHBOARD_CONTAINER_INSIGHTS: 'enhanced',
      DASHBOARD_ALARM_EMAIL: 'ops@example.com',
      BILLING_ALARM_THRESHOLD_USD: '120',
    });
  });

  test('task size and CPU architecture, with the image built for the same platform', () => {
    const dev = synthesized.stacks['vibejudge-dashboard-dev'];
    expect(dev.json).toHaveResourceWithProperties(EcsTaskDefinition, {
      cpu: '1024',
      memory: '2048',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
    });
    expect(dev.json).toHaveResourceWithProperties(Image, { build: expect.objectContaining({ platform: 'linux/amd64' }) });
  });

  test('Container Insights mode', () => {
    expect(synthesized.stacks['vibejudge-dashboard-dev'].json).toHaveResourceWithProperties(EcsCluster, {
      setting: [{ name: 'containerInsights', value: 'enhanced' }],
    });
  });

  test('a billing threshold adds the billing alarm; without one there is none', () => {
    expect(synthesized.stacks['vibejudge-dashboard-dev'].json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'vibejudge-dashboard-dev-billing',
      metric_name: 'EstimatedCharges',
      threshold: 120,
    });
    const plain = synthApp({ DASHBOARD_ENVIRONMENTS: 'dev', DASHBOARD_IMAGE_TAG: 'v1' }).stacks['vibejudge-dashboard-dev'];
    expect(resourcesOfType(plain, 'aws_cloudwatch_metric_alarm').map((a) => a.metric_name)).not.toContain('EstimatedCharges');
  });
});
