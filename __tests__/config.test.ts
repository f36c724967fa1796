import { spawnSync } from 'child_process';
import * as path from 'path';
import { ConfigError, configWarnings, DEFAULTS, loadEnvironmentConfig, selectedEnvironments } from '../src/config';

/** Asserts that loading `environment` with `env` fails with exactly `message`. */
function expectConfigError(environment: string, env: NodeJS.ProcessEnv, message: string): void {
  let caught: unknown;
  try {
    loadEnvironmentConfig(environment, env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  expect((caught as ConfigError).message).toBe(message);
}

describe('configuration defaults', () => {
  test('dev and prod load on the embedded defaults alone', () => {
    const dev = loadEnvironmentConfig('dev', {});
    const prod = loadEnvironmentConfig('prod', {});
    expect(dev).toEqual(expect.objectContaining({ environment: 'dev', taskCpu: 512, taskMemoryMiB: 1024, minCapacity: 2, maxCapacity: 10 }));
    expect(dev.certificateArn).toBeUndefined();
    expect(dev.stateBucket).toBeUndefined();
    expect(prod).toEqual(
      expect.objectContaining({ domainName: 'dashboard.vibejudge.ai', stateBucket: 'vibejudge-dashboard-tfstate', deletionProtection: true }),
    );
  });

  test('the cost levers default to ARM64, base 2 on FARGATE and the rest on Spot, Container Insights on, public IPs', () => {
    for (const environment of ['dev', 'prod'] as const) {
      expect(DEFAULTS[environment]).toEqual(
        expect.objectContaining({
          cpuArchitecture: 'ARM64',
          capacityProviderStrategy: { fargateBase: 2, fargateWeight: 0, fargateSpotWeight: 1 },
          containerInsights: 'enabled',
          assignPublicIp: true,
          logRetentionDays: 7,
          scaleOutCooldownSeconds: 60,
          scaleInCooldownSeconds: 300,
          targetCpuUtilizationPercent: 70,
        }),
      );
      expect(DEFAULTS[environment].billingAlarmThresholdUsd).toBeUndefined();
    }
  });
});

describe('configuration overrides', () => {
  test('DASHBOARD_<ENV>_<FIELD> wins over DASHBOARD_<FIELD>, which applies to every environment', () => {
    const env = { DASHBOARD_MAX_CAPACITY: '6', DASHBOARD_PROD_MAX_CAPACITY: '8' };
    expect(loadEnvironmentConfig('dev', env).maxCapacity).toBe(6);
    expect(loadEnvironmentConfig('prod', env).maxCapacity).toBe(8);
  });

  test('an empty value clears an optional default', () => {
    const prod = loadEnvironmentConfig('prod', {
      DASHBOARD_PROD_DOMAIN_NAME: '',
      DASHBOARD_PROD_CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
    });
    expect(prod.domainName).toBeUndefined();
  });

  test('every documented variable reaches its field', () => {
    const dev = loadEnvironmentConfig('dev', {
      DASHBOARD_IMAGE_TAG: 'v1.2.3',
      DASHBOARD_API_BASE_URL: 'https://api.example.com/prod/api/v1',
      DASHBOARD_DEV_DOMAIN_NAME: 'dash.example.com',
      DASHBOARD_DEV_HOSTED_ZONE_ID: 'Z0123456789ABC',
      DASHBOARD_ALARM_EMAIL: 'ops@example.com',
      DASHBOARD_DEV_STATE_BUCKET: 'my-state',
      DASHBOARD_STATE_REGION: 'eu-west-1',
      DASHBOARD_AWS_REGION: 'eu-central-1',
      DASHBOARD_CPU_ARCHITECTURE: 'X86_64',
      DASHBOARD_CONTAINER_INSIGHTS: 'disabled',
      DASHBOARD_ASSIGN_PUBLIC_IP: 'true',
      DASHBOARD_TASK_CPU: '1024',
      DASHBOARD_TASK_MEMORY_MIB: '3072',
      DASHBOARD_MIN_CAPACITY: '3',
      DASHBOARD_SCALE_OUT_COOLDOWN_SECONDS: '30',
      DASHBOARD_SCALE_IN_COOLDOWN_SECONDS: '600',
      DASHBOARD_TARGET_CPU_UTILIZATION_PERCENT: '60',
      DASHBOARD_LOG_RETENTION_DAYS: '14',
      DASHBOARD_VPC_CIDR: '10.20.0.0/16',
      DASHBOARD_PUBLIC_SUBNET_CIDRS: '10.20.0.0/24, 10.20.1.0/24',
      DASHBOARD_FARGATE_BASE: '1',
      DASHBOARD_FARGATE_WEIGHT: '1',
      DASHBOARD_FARGATE_SPOT_WEIGHT: '3',
      BILLING_ALARM_THRESHOLD_USD: '150',
      DASHBOARD_COST_CENTER: 'hackathons',
    });
    expect(dev).toEqual(
      expect.objectContaining({
        imageTag: 'v1.2.3',
        apiBaseUrl: 'https://api.example.com/prod/api/v1',
        domainName: 'dash.example.com',
        hostedZoneId: 'Z0123456789ABC',
        alarmEmail: 'ops@example.com',
        stateBucket: 'my-state',
        stateRegion: 'eu-west-1',
        region: 'eu-central-1',
        cpuArchitecture: 'X86_64',
        containerInsights: 'disabled',
        taskCpu: 1024,
        taskMemoryMiB: 3072,
        minCapacity: 3,
        scaleOutCooldownSeconds: 30,
        scaleInCooldownSeconds: 600,
        targetCpuUtilizationPercent: 60,
        logRetentionDays: 14,
        vpcCidr: '10.20.0.0/16',
        publicSubnetCidrs: ['10.20.0.0/24', '10.20.1.0/24'],
        capacityProviderStrategy: { fargateBase: 1, fargateWeight: 1, fargateSpotWeight: 3 },
        billingAlarmThresholdUsd: 150,
        costCenter: 'hackathons',
      }),
    );
  });

  test('DASHBOARD_ENVIRONMENTS selects the environment stacks', () => {
    expect(selectedEnvironments({})).toEqual(['dev', 'prod']);
    expect(selectedEnvironments({ DASHBOARD_ENVIRONMENTS: 'prod' })).toEqual(['prod']);
  });
});

describe('configuration warnings', () => {
  const devStageWarnings = (env: NodeJS.ProcessEnv): string[] =>
    configWarnings(loadEnvironmentConfig('prod', env)).filter((w) => w.includes("backend's dev stage"));

  test('DASHBOARD_PROD_API_BASE_URL pointing at a production API clears the dev-stage warning', () => {
    expect(devStageWarnings({})).toHaveLength(1);
    expect(devStageWarnings({ DASHBOARD_PROD_API_BASE_URL: 'https://api.vibejudge.ai/api/v1' })).toEqual([]);
    expect(
      devStageWarnings({ DASHBOARD_PROD_API_BASE_URL: 'https://2nu0j4n648.execute-api.us-east-1.amazonaws.com/prod/api/v1' }),
    ).toEqual([]);
  });

  test('any URL whose path has a dev stage warns for prod, a host merely containing "dev" does not', () => {
    expect(devStageWarnings({ DASHBOARD_PROD_API_BASE_URL: 'https://api.example.com/v2/dev/api/v1' })).toHaveLength(1);
    expect(devStageWarnings({ DASHBOARD_PROD_API_BASE_URL: 'https://dev-tools.example.com/api/v1' })).toEqual([]);
  });
});

describe('configuration errors (one sentence: field, value, what is allowed)', () => {
  test('an unknown environment name', () => {
    expectConfigError('staging', {}, 'environment "staging" is not known; allowed: dev, prod.');
  });

  test('an unknown environment in DASHBOARD_ENVIRONMENTS', () => {
    expect(() => selectedEnvironments({ DASHBOARD_ENVIRONMENTS: 'dev,qa' })).toThrow(
      new ConfigError('DASHBOARD_ENVIRONMENTS names unknown environment "qa"; allowed: dev, prod.'),
    );
  });

  test('minimum capacity above maximum capacity', () => {
    expectConfigError('dev', { DASHBOARD_MIN_CAPACITY: '5', DASHBOARD_MAX_CAPACITY: '3' },
      'dev: minCapacity 5 is above maxCapacity 3; allowed: minCapacity at most maxCapacity.');
  });

  test('a capacity out of range', () => {
    expectConfigError('dev', { DASHBOARD_MAX_CAPACITY: '500' }, 'dev: maxCapacity 500 is out of range; allowed: a whole number 1-100.');
  });

  test('a CPU/memory pair Fargate rejects', () => {
    expectConfigError('prod', { DASHBOARD_PROD_TASK_MEMORY_MIB: '700' },
      'prod: taskMemoryMiB 700 is not valid with taskCpu 512; allowed: 1024-4096 in steps of 1024.');
  });

  test('a CPU size Fargate does not offer', () => {
    expectConfigError('dev', { DASHBOARD_TASK_CPU: '300' },
      'dev: taskCpu 300 is not a Fargate CPU size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384.');
  });

  test('a scale-out cooldown out of range', () => {
    expectConfigError('dev', { DASHBOARD_SCALE_OUT_COOLDOWN_SECONDS: '-5' },
      'dev: scaleOutCooldownSeconds -5 is out of range; allowed: a whole number 0-3600.');
  });

  test('a scale-in cooldown out of range', () => {
    expectConfigError('dev', { DASHBOARD_SCALE_IN_COOLDOWN_SECONDS: '7200' },
      'dev: scaleInCooldownSeconds 7200 is out of range; allowed: a whole number 0-3600.');
  });

  test('a CPU target out of range', () => {
    expectConfigError('dev', { DASHBOARD_TARGET_CPU_UTILIZATION_PERCENT: '0' },
      'dev: targetCpuUtilizationPercent 0 is out of range; allowed: a whole number 1-100.');
  });

  test('a log retention CloudWatch does not offer', () => {
    expectConfigError('dev', { DASHBOARD_LOG_RETENTION_DAYS: '10' },
      'dev: logRetentionDays 10 is not a CloudWatch Logs retention; allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.');
  });

  test('a malformed VPC CIDR', () => {
    expectConfigError('dev', { DASHBOARD_VPC_CIDR: '10.0.0.0/33' },
      'dev: vpcCidr "10.0.0.0/33" is not allowed; allowed: an IPv4 CIDR block from /16 to /28 such as 10.0.0.0/16.');
  });

  test('a malformed subnet CIDR (host bits set)', () => {
    expectConfigError('dev', { DASHBOARD_PUBLIC_SUBNET_CIDRS: '10.0.1.5/24,10.0.2.0/24' },
      'dev: publicSubnetCidrs "10.0.1.5/24" is not allowed; allowed: an IPv4 CIDR block from /16 to /28 such as 10.0.1.0/24.');
  });

  test('overlapping subnets', () => {
    expectConfigError('dev', { DASHBOARD_PUBLIC_SUBNET_CIDRS: '10.0.0.0/23,10.0.1.0/24' },
      'dev: publicSubnetCidrs "10.0.0.0/23" and "10.0.1.0/24" overlap; allowed: two disjoint blocks.');
  });

  test('a subnet outside the VPC', () => {
    expectConfigError('dev', { DASHBOARD_PUBLIC_SUBNET_CIDRS: '10.0.1.0/24,10.1.0.0/24' },
      'dev: publicSubnetCidrs "10.1.0.0/24" is outside vpcCidr 10.0.0.0/16; allowed: blocks inside the VPC.');
  });

  test('not exactly two subnets', () => {
    expectConfigError('dev', { DASHBOARD_PUBLIC_SUBNET_CIDRS: '10.0.1.0/24' },
      'dev: publicSubnetCidrs "10.0.1.0/24" is not allowed; allowed: exactly two CIDR blocks, one per availability zone.');
  });

  test('prod without a certificate', () => {
    expectConfigError('prod', { DASHBOARD_PROD_DOMAIN_NAME: '' },
      'prod: certificateArn is unset and so is domainName; prod must serve HTTPS, allowed: a certificate ARN or a domain name (with its Route 53 zone).');
  });

  test('prod without remote state', () => {
    expectConfigError('prod', { DASHBOARD_PROD_STATE_BUCKET: '' },
      'prod: stateBucket is unset and Terraform Cloud is not configured; prod requires remote state, allowed: a bucket name or a Terraform Cloud organization and workspace.');
  });

  test('a Terraform Cloud organization without a workspace', () => {
    expectConfigError('dev', { DASHBOARD_TFC_ORGANIZATION: 'vibejudge' },
      'dev: tfcWorkspace is unset while tfcOrganization is set; allowed: both or neither.');
  });

  test('Terraform Cloud and an S3 bucket at once', () => {
    expectConfigError('prod', { DASHBOARD_TFC_ORGANIZATION: 'vibejudge', DASHBOARD_TFC_WORKSPACE: 'dashboard-prod' },
      'prod: stateBucket "vibejudge-dashboard-tfstate" is set together with Terraform Cloud; allowed: one remote state, so unset the bucket (DASHBOARD_PROD_STATE_BUCKET=) or the organization and workspace.');
  });

  test('an invalid state bucket name', () => {
    expectConfigError('dev', { DASHBOARD_STATE_BUCKET: 'My_Bucket' },
      'dev: stateBucket "My_Bucket" is not a valid S3 bucket name; allowed: 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit.');
  });

  test('a certificate that is not an ACM ARN', () => {
    expectConfigError('dev', { DASHBOARD_CERTIFICATE_ARN: 'my-cert' },
      'dev: certificateArn "my-cert" is not an ACM certificate ARN; allowed: arn:aws:acm:<region>:<account>:certificate/<id>.');
  });

  test('a hosted zone without a domain', () => {
    expectConfigError('dev', { DASHBOARD_DEV_HOSTED_ZONE_ID: 'Z0123456789ABC' },
      'dev: hostedZoneId "Z0123456789ABC" is set without a domainName; allowed: only together with domainName.');
  });

  test('a domain that is not a DNS name', () => {
    expectConfigError('dev', { DASHBOARD_DEV_DOMAIN_NAME: 'not a domain' },
      'dev: domainName "not a domain" is not a DNS name; allowed: a lower-case name such as dashboard.example.com.');
  });

  test('an API base URL without /api/v1', () => {
    expectConfigError('dev', { DASHBOARD_API_BASE_URL: 'https://api.example.com/dev' },
      'dev: apiBaseUrl "https://api.example.com/dev" is not allowed; allowed: an http(s) URL ending in /api/v1 (the dashboard joins paths onto it).');
  });

  test('an image tag ECR would reject', () => {
    expectConfigError('dev', { DASHBOARD_IMAGE_TAG: '-bad' },
      'dev: imageTag "-bad" is not a valid image tag; allowed: 1-128 letters, digits, "_", "." or "-", not starting with "." or "-".');
  });

  test('an unknown CPU architecture', () => {
    expectConfigError('dev', { DASHBOARD_CPU_ARCHITECTURE: 'arm' }, 'dev: cpuArchitecture "arm" is not allowed; allowed: ARM64, X86_64.');
  });

  test('an unknown Container Insights mode', () => {
    expectConfigError('dev', { DASHBOARD_CONTAINER_INSIGHTS: 'on' },
      'dev: containerInsights "on" is not allowed; allowed: enabled, enhanced, disabled.');
  });

  test('a capacity provider strategy with no weight', () => {
    expectConfigError('dev', { DASHBOARD_FARGATE_SPOT_WEIGHT: '0' },
      'dev: capacityProviderStrategy weights 0 and 0 place no task above the base; allowed: at least one weight above 0.');
  });

  test('a region that is not an AWS region name', () => {
    expectConfigError('dev', { DASHBOARD_AWS_REGION: 'mars' }, 'dev: region "mars" is not an AWS region name; allowed: names like us-east-1.');
  });

  test('an alarm e-mail that is not an address', () => {
    expectConfigError('dev', { DASHBOARD_ALARM_EMAIL: 'ops' }, 'dev: alarmEmail "ops" is not an e-mail address; allowed: an address such as ops@example.com.');
  });

  test('a number that is not a number', () => {
    expectConfigError('dev', { DASHBOARD_TASK_CPU: 'lots' }, 'DASHBOARD_TASK_CPU "lots" is not a whole number.');
  });

  test('a boolean that is not a boolean', () => {
    expectConfigError('dev', { DASHBOARD_ASSIGN_PUBLIC_IP: 'yes' }, 'DASHBOARD_ASSIGN_PUBLIC_IP "yes" is not a boolean; allowed: true, false.');
  });

  test('a billing threshold that is not a positive number', () => {
    expectConfigError('dev', { BILLING_ALARM_THRESHOLD_USD: '-1' }, 'BILLING_ALARM_THRESHOLD_USD "-1" is not a positive number.');
  });

  test('a required field emptied', () => {
    expectConfigError('dev', { DASHBOARD_API_BASE_URL: '' }, 'DASHBOARD_API_BASE_URL is empty; it needs a value or must be unset.');
  });

  test('several problems are reported together, one sentence each', () => {
    let caught: ConfigError | undefined;
    try {
      loadEnvironmentConfig('dev', { DASHBOARD_MIN_CAPACITY: '5', DASHBOARD_MAX_CAPACITY: '3', DASHBOARD_TASK_CPU: '300' });
    } catch (error) {
      caught = error as ConfigError;
    }
    expect(caught?.problems).toEqual([
      'dev: taskCpu 300 is not a Fargate CPU size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384.',
      'dev: minCapacity 5 is above maxCapacity 3; allowed: minCapacity at most maxCapacity.',
    ]);
  });

  test('main.ts prints a configuration error as one sentence on stderr and exits 1, without a stack trace', () => {
    const root = path.join(__dirname, '..');
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CDKTF_OUTDIR: path.join(root, 'cdktf.out'), DASHBOARD_ENVIRONMENTS: 'staging' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'Configuration error: DASHBOARD_ENVIRONMENTS names unknown environment "staging"; allowed: dev, prod.\n',
    );
    expect(result.stdout).toBe('');
  });
});
