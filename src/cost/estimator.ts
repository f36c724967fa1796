import { CapacityProviderStrategyItem, splitTasks, validateStrategy } from './capacity';
import { CostModelError } from './errors';
import {
  DAYS_PER_MONTH,
  FREE_TIER,
  HOURS_PER_MONTH,
  LCU_DIMENSIONS,
  PriceKey,
  US_EAST_1_PRICES as PRICES,
} from './pricing';
import { AlbIpAddressType, ContainerInsightsMode, CpuArchitecture, StackFacts } from './stack-reader';
import {
  OUTBOUND_SHARE_OF_PROCESSED_BYTES,
  TRAFFIC_PROFILE_NAMES,
  TRAFFIC_PROFILES,
  TrafficProfile,
  TrafficProfileName,
} from './traffic';

/**
 * Cost levers applied on top of what was read from the synthesized stack, so that a variant (the
 * design's original configuration, a what-if) is priced from the same stack.
 */
export interface CostLevers {
  /** @default - the task definition's runtime_platform.cpu_architecture */
  readonly cpuArchitecture?: CpuArchitecture;
  /** @default - the strategy the service resolves to (its own, its launch type, or the cluster default) */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** @default - the cluster's containerInsights setting */
  readonly containerInsights?: ContainerInsightsMode;
  /** @default - the service's network_configuration.assign_public_ip */
  readonly assignPublicIp?: boolean;
  /** @default - each ALB's ip_address_type */
  readonly albIpAddressType?: AlbIpAddressType;
  /** NAT gateways added for a what-if (each with its own Elastic IP). @default 0 */
  readonly additionalNatGateways?: number;
  /** Interface VPC endpoints added for a what-if, each in every ALB availability zone. @default 0 */
  readonly additionalInterfaceEndpoints?: number;
}

/** What to price. */
export interface EstimateOptions {
  /** Tasks running all month. */
  readonly tasks: number;
  /** @default 'low' */
  readonly traffic?: TrafficProfileName;
  /** @default - none: the stack as synthesized */
  readonly levers?: CostLevers;
}

/** One line of the itemized estimate. */
export interface CostLine {
  /** What is billed. */
  readonly item: string;
  /** The quantity behind the figure, in words. */
  readonly quantity: string;
  /** US dollars per month, unrounded. */
  readonly monthlyUsd: number;
  /** The prices the line uses. */
  readonly prices: readonly PriceKey[];
}

/** The configuration that was priced, after the levers. */
export interface PricedConfiguration {
  readonly cpuArchitecture: CpuArchitecture;
  readonly taskCpuUnits: number;
  readonly taskMemoryMiB: number;
  readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  readonly capacitySource: string;
  readonly tasksByCapacityProvider: Readonly<Record<string, number>>;
  readonly containerInsights: ContainerInsightsMode;
  readonly assignPublicIp: boolean;
  readonly publicIpv4Addresses: number;
  readonly albAvailabilityZones: number;
  readonly lcuPerHour: number;
}

/** A monthly estimate. */
export interface CostEstimate {
  readonly tasks: number;
  readonly traffic: TrafficProfile;
  readonly configuration: PricedConfiguration;
  readonly lines: readonly CostLine[];
  /** Sum of the lines, US dollars per month, unrounded. */
  readonly totalUsd: number;
}

/** Compressed size of the dashboard image in ECR (python:3.11-slim plus streamlit, pandas, pyarrow, plotly). */
export const ASSUMED_IMAGE_SIZE_GB = 0.25;
/** Images kept when the repository has no count-based lifecycle rule (about a year of weekly pushes). */
export const ASSUMED_UNBOUNDED_IMAGE_COUNT = 50;
/** Months of logs a never-expiring log group is assumed to have accumulated. */
export const ASSUMED_MONTHS_OF_UNEXPIRED_LOGS = 12;
/** Size of one Terraform state object with its noncurrent versions, GB. */
export const ASSUMED_STATE_SIZE_GB = 0.005;
/** Task starts per running task and month (deployments, Spot replacements); each start pulls the image. */
export const ASSUMED_TASK_STARTS_PER_TASK_MONTH = 4;

/**
 * Container Insights (standard) metrics for ECS on Fargate, by dimension set (CloudWatch
 * "Amazon ECS Container Insights metrics"): ClusterName 12, ClusterName+ServiceName 15,
 * ClusterName+TaskDefinitionFamily 10. They do not grow with the task count.
 */
export const CONTAINER_INSIGHTS_METRICS = { perCluster: 12, perService: 15, perTaskFamily: 10 } as const;
/** Extra metrics of enhanced observability: per task and per container (TaskId / ContainerName dimensions). */
export const ENHANCED_OBSERVABILITY_METRICS = { perTask: 12, perContainer: 10 } as const;
/** Size of one Container Insights performance log event, KB; one per task and per container each minute. */
export const PERFORMANCE_EVENT_KB = { enabled: 1.2, enhanced: 2.5 } as const;

const MINUTES_PER_MONTH = HOURS_PER_MONTH * 60;
const KB_PER_GB = 1024 * 1024;

const usd = (key: PriceKey): number => PRICES[key].usd;

function checkCount(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new CostModelError(`${field} ${value} is not valid; allowed: a whole number from 0 to ${max}.`);
  }
}

/** The LCU-hours an ALB consumes per hour under a traffic profile: the highest of the four dimensions. */
export function lcuPerHour(traffic: TrafficProfile, listenerRuleCount: number): number {
  const billableRules = Math.max(0, listenerRuleCount - LCU_DIMENSIONS.freeRules);
  return Math.max(
    traffic.newConnectionsPerSecond / LCU_DIMENSIONS.newConnectionsPerSecond,
    traffic.activeConnections / LCU_DIMENSIONS.activeConnectionsPerMinute,
    traffic.processedGbPerHour / LCU_DIMENSIONS.processedGbPerHour,
    (traffic.requestsPerSecond * billableRules) / LCU_DIMENSIONS.ruleEvaluationsPerSecond,
  );
}

function fargateHourly(arch: CpuArchitecture, spot: boolean, vcpu: number, memoryGb: number): number {
  const prefix = spot ? 'fargateSpot' : 'fargate';
  const suffix = arch === 'ARM64' ? 'Arm64' : 'X86';
  return vcpu * usd(`${prefix}${suffix}VcpuHour` as PriceKey) + memoryGb * usd(`${prefix}${suffix}GbHour` as PriceKey);
}

function fargatePriceKeys(arch: CpuArchitecture, spot: boolean): PriceKey[] {
  const prefix = spot ? 'fargateSpot' : 'fargate';
  const suffix = arch === 'ARM64' ? 'Arm64' : 'X86';
  return [`${prefix}${suffix}VcpuHour` as PriceKey, `${prefix}${suffix}GbHour` as PriceKey];
}

const money = (value: number): string => `$${value.toFixed(2)}`;

/** Prices `options.tasks` tasks of the stack described by `facts` for one month. */
export function estimateMonthlyCost(facts: StackFacts, options: EstimateOptions): CostEstimate {
  checkCount('tasks', options.tasks, 1000);
  const trafficName = options.traffic ?? 'low';
  const traffic = TRAFFIC_PROFILES[trafficName];
  if (!traffic) {
    throw new CostModelError(`traffic ${JSON.stringify(trafficName)} is not a profile; allowed: ${TRAFFIC_PROFILE_NAMES.join(', ')}.`);
  }
  const levers = options.levers ?? {};
  checkCount('additionalNatGateways', levers.additionalNatGateways ?? 0, 100);
  checkCount('additionalInterfaceEndpoints', levers.additionalInterfaceEndpoints ?? 0, 100);
  const arch = levers.cpuArchitecture ?? facts.cpuArchitecture;
  const strategy = levers.capacityProviderStrategy ?? facts.capacityProviderStrategy;
  validateStrategy(strategy);
  const unknown = strategy.find((item) => item.capacityProvider !== 'FARGATE' && item.capacityProvider !== 'FARGATE_SPOT');
  if (unknown) {
    throw new CostModelError(
      `capacity provider ${unknown.capacityProvider} is not priced by the cost model; allowed: FARGATE, FARGATE_SPOT.`,
    );
  }
  const insights = levers.containerInsights ?? facts.containerInsights;
  const assignPublicIp = levers.assignPublicIp ?? facts.assignPublicIp;
  const split = splitTasks(options.tasks, strategy);
  const onDemand = split.FARGATE ?? 0;
  const spot = split.FARGATE_SPOT ?? 0;
  const vcpu = facts.taskCpuUnits / 1024;
  const memoryGb = facts.taskMemoryMiB / 1024;
  const lines: CostLine[] = [];
  const add = (item: string, quantity: string, monthlyUsd: number, prices: PriceKey[]): void => {
    lines.push({ item, quantity, monthlyUsd, prices });
  };
  const size = `${vcpu} vCPU / ${memoryGb} GB ${arch}`;

  add('Fargate on-demand tasks', `${onDemand} x ${size} x ${HOURS_PER_MONTH} h`,
    onDemand * fargateHourly(arch, false, vcpu, memoryGb) * HOURS_PER_MONTH, fargatePriceKeys(arch, false));
  add('Fargate Spot tasks', `${spot} x ${size} x ${HOURS_PER_MONTH} h`,
    spot * fargateHourly(arch, true, vcpu, memoryGb) * HOURS_PER_MONTH, fargatePriceKeys(arch, true));
  if (facts.ephemeralStorageGiB > 20) {
    const extra = facts.ephemeralStorageGiB - 20;
    add('Fargate ephemeral storage above 20 GiB', `${options.tasks} x ${extra} GiB x ${HOURS_PER_MONTH} h`,
      options.tasks * extra * usd('fargateEphemeralStorageGbHour') * HOURS_PER_MONTH, ['fargateEphemeralStorageGbHour']);
  }

  // Load balancers: hours, capacity units and the public addresses of internet-facing ones.
  const albs = facts.loadBalancers.map((lb) => ({ ...lb, ipAddressType: levers.albIpAddressType ?? lb.ipAddressType }));
  const lcu = lcuPerHour(traffic, facts.listenerRuleCount);
  add('Application Load Balancer hours', `${albs.length} ALB x ${HOURS_PER_MONTH} h`,
    albs.length * usd('albHour') * HOURS_PER_MONTH, ['albHour']);
  add('ALB capacity units (LCU)', `${albs.length} x ${lcu.toFixed(4)} LCU x ${HOURS_PER_MONTH} h (${trafficName} traffic)`,
    albs.length * lcu * usd('albLcuHour') * HOURS_PER_MONTH, ['albLcuHour']);
  const albAddresses = albs
    .filter((lb) => !lb.internal && lb.ipAddressType !== 'dualstack-without-public-ipv4')
    .reduce((sum, lb) => sum + lb.availabilityZoneCount, 0);
  const taskAddresses = assignPublicIp ? options.tasks : 0;
  const natGateways = facts.natGatewayCount + (levers.additionalNatGateways ?? 0);
  const elasticIps = facts.elasticIpCount + (levers.additionalNatGateways ?? 0);
  const publicIpv4 = taskAddresses + albAddresses + elasticIps;
  add('Public IPv4 addresses', `${taskAddresses} task + ${albAddresses} ALB + ${elasticIps} Elastic IP = ${publicIpv4} x ${HOURS_PER_MONTH} h`,
    publicIpv4 * usd('publicIpv4Hour') * HOURS_PER_MONTH, ['publicIpv4Hour']);

  // CloudWatch: Container Insights, metric filters, logs, alarms, dashboards.
  const standardMetrics =
    insights === 'disabled'
      ? 0
      : facts.clusterCount * CONTAINER_INSIGHTS_METRICS.perCluster +
        facts.serviceCount * CONTAINER_INSIGHTS_METRICS.perService +
        facts.taskFamilyCount * CONTAINER_INSIGHTS_METRICS.perTaskFamily;
  const customMetrics = standardMetrics + facts.metricFilterCount;
  const billableMetrics = Math.max(0, customMetrics - FREE_TIER.customMetrics);
  add('CloudWatch custom metrics', `${standardMetrics} Container Insights (${insights}) + ${facts.metricFilterCount} metric-filter - ${FREE_TIER.customMetrics} free = ${billableMetrics}`,
    billableMetrics * usd('customMetricMonth'), ['customMetricMonth']);
  if (insights === 'enhanced') {
    const enhancedMetrics = options.tasks * (ENHANCED_OBSERVABILITY_METRICS.perTask + facts.containerCount * ENHANCED_OBSERVABILITY_METRICS.perContainer);
    add('Container Insights enhanced task/container metrics', `${enhancedMetrics} metrics`,
      enhancedMetrics * usd('enhancedObservabilityMetricMonth'), ['enhancedObservabilityMetricMonth']);
  }
  if (insights !== 'disabled') {
    const eventsPerMinute = options.tasks * (1 + facts.containerCount);
    const performanceGb = (eventsPerMinute * PERFORMANCE_EVENT_KB[insights] * MINUTES_PER_MONTH) / KB_PER_GB;
    add('Container Insights performance log ingestion', `${eventsPerMinute} events/min x ${PERFORMANCE_EVENT_KB[insights]} KB = ${performanceGb.toFixed(2)} GB`,
      performanceGb * usd('logsIngestionGb'), ['logsIngestionGb']);
  }
  const logGb = traffic.applicationLogGbPerMonth;
  add('CloudWatch Logs ingestion (application)', `${logGb} GB`, logGb * usd('logsIngestionGb'), ['logsIngestionGb']);
  const retention = facts.logGroupRetentionDays.length > 0 ? facts.logGroupRetentionDays : [undefined];
  const longest = retention.some((days) => days === undefined)
    ? undefined
    : Math.max(...(retention as number[]));
  const storedGb = longest === undefined
    ? logGb * ASSUMED_MONTHS_OF_UNEXPIRED_LOGS
    : logGb * (Math.min(longest, DAYS_PER_MONTH) / DAYS_PER_MONTH);
  add('CloudWatch Logs storage', `${storedGb.toFixed(3)} GB-month (retention ${longest === undefined ? 'never expires' : `${longest} days`})`,
    storedGb * usd('logsStorageGbMonth'), ['logsStorageGbMonth']);
  const alarms = facts.metricAlarmCount + 2 * facts.targetTrackingPolicyCount;
  const billableAlarms = Math.max(0, alarms - FREE_TIER.alarms);
  add('CloudWatch alarms', `${facts.metricAlarmCount} stack + ${2 * facts.targetTrackingPolicyCount} target-tracking - ${FREE_TIER.alarms} free = ${billableAlarms}`,
    billableAlarms * usd('alarmMonth'), ['alarmMonth']);
  if (facts.compositeAlarmCount > 0) {
    add('CloudWatch composite alarms', `${facts.compositeAlarmCount}`, facts.compositeAlarmCount * usd('compositeAlarmMonth'), ['compositeAlarmMonth']);
  }
  if (facts.dashboardCount > 0) {
    const billableDashboards = Math.max(0, facts.dashboardCount - FREE_TIER.dashboards);
    add('CloudWatch dashboards', `${facts.dashboardCount} - ${FREE_TIER.dashboards} free = ${billableDashboards}`,
      billableDashboards * usd('dashboardMonth'), ['dashboardMonth']);
  }

  // Registry, keys, secrets, state.
  const images = facts.ecrRepositoryCount === 0 ? 0 : facts.ecrRetainedImages ?? ASSUMED_UNBOUNDED_IMAGE_COUNT;
  add('ECR storage', `${images} images x ${ASSUMED_IMAGE_SIZE_GB} GB`, images * ASSUMED_IMAGE_SIZE_GB * usd('ecrStorageGbMonth'), ['ecrStorageGbMonth']);
  if (facts.kmsKeyCount > 0) {
    add('KMS customer-managed keys', `${facts.kmsKeyCount}`, facts.kmsKeyCount * usd('kmsKeyMonth'), ['kmsKeyMonth']);
  }
  if (facts.secretCount > 0) {
    add('Secrets Manager secrets', `${facts.secretCount}`, facts.secretCount * usd('secretMonth'), ['secretMonth']);
  }
  const stateObjects = facts.s3BucketCount + (facts.usesS3Backend ? 1 : 0);
  if (stateObjects > 0) {
    add('S3 (Terraform state)', `${stateObjects} x ${ASSUMED_STATE_SIZE_GB} GB`, stateObjects * ASSUMED_STATE_SIZE_GB * usd('s3StandardGbMonth'), ['s3StandardGbMonth']);
  }

  // Private egress alternatives (present in the stack or added as a what-if).
  const processedGbPerMonth = traffic.processedGbPerHour * HOURS_PER_MONTH;
  if (natGateways > 0) {
    const natGb = processedGbPerMonth + options.tasks * ASSUMED_TASK_STARTS_PER_TASK_MONTH * ASSUMED_IMAGE_SIZE_GB;
    add('NAT gateways', `${natGateways} x ${HOURS_PER_MONTH} h + ${natGb.toFixed(1)} GB processed`,
      natGateways * usd('natGatewayHour') * HOURS_PER_MONTH + natGb * usd('natGatewayGb'), ['natGatewayHour', 'natGatewayGb']);
  }
  const albAzs = Math.max(0, ...albs.map((lb) => lb.availabilityZoneCount));
  const endpointAzs = facts.interfaceEndpointAzCounts.reduce((sum, azs) => sum + azs, 0) + (levers.additionalInterfaceEndpoints ?? 0) * albAzs;
  if (endpointAzs > 0) {
    add('Interface VPC endpoints', `${endpointAzs} endpoint-AZs x ${HOURS_PER_MONTH} h`,
      endpointAzs * usd('interfaceEndpointAzHour') * HOURS_PER_MONTH, ['interfaceEndpointAzHour']);
  }

  const outGb = processedGbPerMonth * OUTBOUND_SHARE_OF_PROCESSED_BYTES;
  const billableOutGb = Math.max(0, outGb - FREE_TIER.dataTransferOutGb);
  add('Data transfer out', `${outGb.toFixed(1)} GB - ${FREE_TIER.dataTransferOutGb} GB free = ${billableOutGb.toFixed(1)} GB`,
    billableOutGb * usd('dataTransferOutGb'), ['dataTransferOutGb']);

  const totalUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return {
    tasks: options.tasks,
    traffic,
    configuration: {
      cpuArchitecture: arch,
      taskCpuUnits: facts.taskCpuUnits,
      taskMemoryMiB: facts.taskMemoryMiB,
      capacityProviderStrategy: strategy,
      capacitySource: levers.capacityProviderStrategy ? 'lever override' : facts.capacitySource,
      tasksByCapacityProvider: split,
      containerInsights: insights,
      assignPublicIp,
      publicIpv4Addresses: publicIpv4,
      albAvailabilityZones: albAzs,
      lcuPerHour: lcu,
    },
    lines,
    totalUsd,
  };
}

/** The assumptions behind every estimate, one sentence each, for the table's footer and the docs. */
export function assumptions(traffic: TrafficProfile): string[] {
  return [
    `Prices: us-east-1 list prices (src/cost/pricing.ts, each with source and date); a month is ${HOURS_PER_MONTH} hours; tasks run all month.`,
    `Capacity split: the base goes first, then each further task to the provider furthest behind its weight; ties go to the provider listed first (ECS does not document its rounding).`,
    `Fargate Spot prices float (snapshot 2026-09-28); an interrupted Spot task is replaced, the model prices steady state.`,
    `Public IPv4: one address per task with a public IP and one per enabled AZ of each internet-facing ALB (an ALB may add addresses under heavy load), plus each Elastic IP.`,
    `Traffic "${traffic.name}": ${traffic.reasoning}; ${traffic.requestsPerSecond} requests/s, ${traffic.newConnectionsPerSecond} new connections/s, ${traffic.activeConnections} active connections, ${traffic.processedGbPerHour} GB/h processed, ${traffic.applicationLogGbPerMonth} GB/month of application logs.`,
    `Data transfer out: ${OUTBOUND_SHARE_OF_PROCESSED_BYTES * 100} % of the ALB's processed bytes go to browsers; the first ${FREE_TIER.dataTransferOutGb} GB/month are free; traffic from the tasks to the VibeJudge API is inbound (free) and small.`,
    `Container Insights (standard): ${CONTAINER_INSIGHTS_METRICS.perCluster} cluster + ${CONTAINER_INSIGHTS_METRICS.perService} service + ${CONTAINER_INSIGHTS_METRICS.perTaskFamily} task-family metrics at the custom-metric price, independent of the task count; performance log events ${PERFORMANCE_EVENT_KB.enabled} KB per task and per container each minute.`,
    `Container Insights (enhanced): adds ${ENHANCED_OBSERVABILITY_METRICS.perTask} metrics per task and ${ENHANCED_OBSERVABILITY_METRICS.perContainer} per container at $${PRICES.enhancedObservabilityMetricMonth.usd} (third-party figure, the least certain price here) and ${PERFORMANCE_EVENT_KB.enhanced} KB events.`,
    `Free tiers (${FREE_TIER.customMetrics} metrics, ${FREE_TIER.alarms} alarms, ${FREE_TIER.dashboards} dashboards, ${FREE_TIER.dataTransferOutGb} GB out) are account-wide and applied here as if this stack were their only user; in a shared account add up to $${(FREE_TIER.customMetrics * PRICES.customMetricMonth.usd + FREE_TIER.alarms * PRICES.alarmMonth.usd).toFixed(2)} a month.`,
    `Application Auto Scaling creates two CloudWatch alarms per target-tracking policy; they are billed like the stack's own alarms.`,
    `Logs: stored volume = monthly ingestion x retention / ${DAYS_PER_MONTH.toFixed(1)} days (uncompressed, an upper bound); a group that never expires holds ${ASSUMED_MONTHS_OF_UNEXPIRED_LOGS} months.`,
    `ECR: each retained image counted at ${ASSUMED_IMAGE_SIZE_GB} GB compressed (no layer sharing assumed, an upper bound); without a count rule ${ASSUMED_UNBOUNDED_IMAGE_COUNT} images; pulls by Fargate in-region are free.`,
    `Terraform state: ${ASSUMED_STATE_SIZE_GB} GB per state object with its versions; request charges are below a cent.`,
    `Not priced: ACM public certificates and Route 53 alias queries to the ALB (free), SNS e-mail under 1,000 a month (free), standard-tier SSM parameters (free), EventBridge rules on AWS service events (free), the hosted zone (exists before the stack), Application Auto Scaling (free).`,
  ];
}

/** Formats a dollar figure as the tables show it. */
export function formatUsd(value: number): string {
  return money(value);
}
