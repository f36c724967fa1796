/**
 * AWS unit prices for us-east-1 (USD). Every price carries where it comes from and when it was
 * read; the figures are those collected in the project's `shared/pricing.md` unless the source says
 * otherwise. Re-check against the AWS Pricing Calculator before a budget is committed.
 */
export interface UnitPrice {
  /** Price in US dollars per `unit`. */
  readonly usd: number;
  /** What one unit is, e.g. "vCPU-hour". */
  readonly unit: string;
  /** Where the price was read. */
  readonly source: string;
  /** When it was read (ISO date or month). */
  readonly date: string;
}

/** Hours in a billing month (the AWS Pricing Calculator's convention). */
export const HOURS_PER_MONTH = 730;

/** Days in an average month (365 / 12), for per-day volumes and log retention. */
export const DAYS_PER_MONTH = 365 / 12;

const FARGATE_SOURCE = 'AWS Fargate pricing page; AWS Price List API (AmazonECS offer)';
const SPOT_SOURCE = 'AWS Fargate Spot price feed snapshot (Spot prices float)';
const ELB_SOURCE = 'AWS Elastic Load Balancing pricing page';
const CLOUDWATCH_SOURCE = 'Amazon CloudWatch pricing page';

/** The us-east-1 price table the estimator uses. */
export const US_EAST_1_PRICES = {
  fargateX86VcpuHour: { usd: 0.04048, unit: 'vCPU-hour', source: FARGATE_SOURCE, date: '2026-09-11' },
  fargateX86GbHour: { usd: 0.004445, unit: 'GB-hour', source: FARGATE_SOURCE, date: '2026-09-11' },
  fargateArm64VcpuHour: { usd: 0.03238, unit: 'vCPU-hour', source: FARGATE_SOURCE, date: '2026-09-11' },
  fargateArm64GbHour: { usd: 0.00356, unit: 'GB-hour', source: FARGATE_SOURCE, date: '2026-09-11' },
  fargateSpotX86VcpuHour: { usd: 0.01288871, unit: 'vCPU-hour', source: SPOT_SOURCE, date: '2026-09-28' },
  fargateSpotX86GbHour: { usd: 0.00141527, unit: 'GB-hour', source: SPOT_SOURCE, date: '2026-09-28' },
  fargateSpotArm64VcpuHour: { usd: 0.01030969, unit: 'vCPU-hour', source: SPOT_SOURCE, date: '2026-09-28' },
  fargateSpotArm64GbHour: { usd: 0.00113349, unit: 'GB-hour', source: SPOT_SOURCE, date: '2026-09-28' },
  fargateEphemeralStorageGbHour: {
    usd: 0.000111,
    unit: 'GB-hour above the 20 GiB included',
    source: 'AWS Price List API (AmazonECS offer)',
    date: '2026-09-11',
  },
  albHour: { usd: 0.0225, unit: 'ALB-hour', source: ELB_SOURCE, date: '2026-09' },
  albLcuHour: { usd: 0.008, unit: 'LCU-hour', source: ELB_SOURCE, date: '2026-09' },
  publicIpv4Hour: {
    usd: 0.005,
    unit: 'public IPv4 address-hour (in use or idle)',
    source: 'AWS announcement 2023-07 (effective 2024-02-01); AmazonVPC price list PublicIPv4:InUseAddress',
    date: '2024-02-01',
  },
  logsIngestionGb: { usd: 0.5, unit: 'GB ingested', source: CLOUDWATCH_SOURCE, date: '2026' },
  logsStorageGbMonth: { usd: 0.03, unit: 'GB-month stored', source: CLOUDWATCH_SOURCE, date: '2026' },
  alarmMonth: { usd: 0.1, unit: 'standard-resolution alarm-month (10 free)', source: CLOUDWATCH_SOURCE, date: '2026' },
  customMetricMonth: { usd: 0.3, unit: 'metric-month (first 10,000; 10 free)', source: CLOUDWATCH_SOURCE, date: '2026' },
  enhancedObservabilityMetricMonth: {
    usd: 0.07,
    unit: 'task- or container-level metric-month (Container Insights enhanced observability)',
    source:
      'third-party summary (fortem.dev, "How Do You Monitor ECS Fargate Across 10+ Environments?"); not in shared/pricing.md, lowest-confidence price in the table',
    date: '2026',
  },
  compositeAlarmMonth: { usd: 0.5, unit: 'composite alarm-month', source: CLOUDWATCH_SOURCE, date: '2026' },
  dashboardMonth: { usd: 3, unit: 'dashboard-month (3 free)', source: CLOUDWATCH_SOURCE, date: '2026' },
  ecrStorageGbMonth: { usd: 0.1, unit: 'GB-month', source: 'Amazon ECR pricing page', date: '2026-03' },
  dataTransferOutGb: {
    usd: 0.09,
    unit: 'GB out to the internet above the first 100 GB/month (pooled per account)',
    source: 'AWS data transfer pricing',
    date: '2026',
  },
  natGatewayHour: { usd: 0.045, unit: 'NAT gateway-hour', source: 'Amazon VPC pricing page', date: '2026-09' },
  natGatewayGb: { usd: 0.045, unit: 'GB processed by a NAT gateway', source: 'Amazon VPC pricing page', date: '2026-09' },
  interfaceEndpointAzHour: {
    usd: 0.01,
    unit: 'interface VPC endpoint per AZ-hour',
    source: 'AWS PrivateLink pricing page',
    date: '2026',
  },
  s3StandardGbMonth: { usd: 0.023, unit: 'GB-month', source: 'Amazon S3 pricing page', date: '2026' },
  kmsKeyMonth: {
    usd: 1,
    unit: 'customer-managed key-month',
    source: 'AWS KMS pricing page (list price since launch; not in shared/pricing.md)',
    date: '2026',
  },
  secretMonth: {
    usd: 0.4,
    unit: 'secret-month',
    source: 'AWS Secrets Manager pricing page (list price since launch; not in shared/pricing.md)',
    date: '2026',
  },
} as const satisfies Readonly<Record<string, UnitPrice>>;

/** The name of one price in the table. */
export type PriceKey = keyof typeof US_EAST_1_PRICES;

/** The always-free monthly allowances the estimator applies (account-wide; see the assumptions). */
export const FREE_TIER = {
  alarms: 10,
  customMetrics: 10,
  dashboards: 3,
  dataTransferOutGb: 100,
} as const;

/** Elastic Load Balancing capacity unit dimensions; an hour is billed on the highest one. */
export const LCU_DIMENSIONS = {
  newConnectionsPerSecond: 25,
  activeConnectionsPerMinute: 3000,
  processedGbPerHour: 1,
  ruleEvaluationsPerSecond: 1000,
  freeRules: 10,
} as const;
