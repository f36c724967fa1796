/** The environments this project deploys. */
export const ENVIRONMENT_NAMES = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export type CpuArchitecture = 'ARM64' | 'X86_64';
export type ContainerInsights = 'enabled' | 'enhanced' | 'disabled';

/** How the service spreads tasks over FARGATE and FARGATE_SPOT (requirements 3.2, 3.3). */
export interface CapacityProviderStrategy {
  /** Tasks always placed on on-demand FARGATE before any weight applies. */
  readonly fargateBase: number;
  /** Relative share of the tasks above the base placed on FARGATE. */
  readonly fargateWeight: number;
  /** Relative share of the tasks above the base placed on FARGATE_SPOT. */
  readonly fargateSpotWeight: number;
}

/** Everything one environment's stack is built from; produced by `loadEnvironmentConfig`, already validated. */
export interface EnvironmentConfig {
  readonly environment: EnvironmentName;
  /** AWS region of the stack. */
  readonly region: string;
  /** The VibeJudge API base the dashboard calls, including `/api/v1`. */
  readonly apiBaseUrl: string;
  /** A tag already pushed to the repository; unset means the stack builds and pushes the image itself. */
  readonly imageTag?: string;
  /** Custom domain served by the load balancer (ACM certificate with DNS validation + alias record). */
  readonly domainName?: string;
  /** Route 53 zone of `domainName`; unset means the zone is looked up by name. */
  readonly hostedZoneId?: string;
  /** Existing ACM certificate for the 443 listener. */
  readonly certificateArn?: string;
  /** E-mail address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** S3 bucket for remote state (created by the bootstrap stack). */
  readonly stateBucket?: string;
  /** Region of the state bucket. */
  readonly stateRegion: string;
  /** Terraform Cloud organization (with `tfcWorkspace`, replaces the S3 backend). */
  readonly tfcOrganization?: string;
  /** Terraform Cloud workspace. */
  readonly tfcWorkspace?: string;
  readonly cpuArchitecture: CpuArchitecture;
  readonly capacityProviderStrategy: CapacityProviderStrategy;
  readonly containerInsights: ContainerInsights;
  /** Tasks get a public IP (public subnets, no NAT gateway: they need one to reach ECR and the API). */
  readonly assignPublicIp: boolean;
  /** Task CPU units (1024 = 1 vCPU). */
  readonly taskCpu: number;
  readonly taskMemoryMiB: number;
  /** Autoscaling floor; also the service's initial desired count. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  readonly targetCpuUtilizationPercent: number;
  readonly logRetentionDays: number;
  readonly vpcCidr: string;
  /** Exactly two public subnets, placed in two different availability zones. */
  readonly publicSubnetCidrs: readonly [string, string];
  /** Monthly estimated-charges alarm threshold; unset means no billing alarm. */
  readonly billingAlarmThresholdUsd?: number;
  /** Load balancer deletion protection. */
  readonly deletionProtection: boolean;
  /** Destroying the stack also deletes the repository's images. */
  readonly repositoryForceDelete: boolean;
  /** Value of the `cost-center` tag. */
  readonly costCenter: string;
}
