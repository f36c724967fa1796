import { EnvironmentConfig, EnvironmentName } from './types';

/** Fields whose defaults do not depend on anything but the environment. */
export type ConfigDefaults = Omit<EnvironmentConfig, 'environment'>;

const COMMON: ConfigDefaults = {
  region: 'us-east-1',
  // The design's backend (API Gateway stage "dev"); the dashboard joins paths onto it, so it ends in /api/v1.
  apiBaseUrl: 'https://2nu0j4n648.execute-api.us-east-1.amazonaws.com/dev/api/v1',
  stateRegion: 'us-east-1',
  // Graviton is 20 % cheaper than x86 for the same task size (docs/cost.md); the image is built for linux/arm64.
  cpuArchitecture: 'ARM64',
  // Requirement 3.3: two tasks always on on-demand FARGATE; requirement 3.2: everything above on Spot.
  capacityProviderStrategy: { fargateBase: 2, fargateWeight: 0, fargateSpotWeight: 1 },
  containerInsights: 'enabled',
  assignPublicIp: true,
  taskCpu: 512,
  taskMemoryMiB: 1024,
  minCapacity: 2,
  maxCapacity: 10,
  scaleOutCooldownSeconds: 60,
  scaleInCooldownSeconds: 300,
  targetCpuUtilizationPercent: 70,
  logRetentionDays: 7,
  vpcCidr: '10.0.0.0/16',
  publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
  deletionProtection: false,
  repositoryForceDelete: false,
  costCenter: 'vibejudge',
};

/**
 * The one place every default lives: common values, then what differs per environment.
 * Environment variables (see `overrides.ts`) apply on top of these.
 */
export const DEFAULTS: Readonly<Record<EnvironmentName, ConfigDefaults>> = {
  dev: {
    ...COMMON,
    // Dev is disposable: destroying it also deletes its images.
    repositoryForceDelete: true,
  },
  prod: {
    ...COMMON,
    // Prod must serve HTTPS and keep remote state; these defaults make it synthesize with no input.
    domainName: 'dashboard.vibejudge.ai',
    stateBucket: 'vibejudge-dashboard-tfstate',
    deletionProtection: true,
  },
};
