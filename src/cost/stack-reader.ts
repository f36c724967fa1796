import { CapacityProviderStrategyItem } from './capacity';
import { CostModelError } from './errors';

/** The synthesized Terraform JSON of one cdktf stack (`cdk.tf.json`), as far as the model reads it. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly terraform?: { readonly backend?: Readonly<Record<string, unknown>> };
  readonly provider?: Readonly<Record<string, unknown>>;
}

/** CPU architecture of the Fargate tasks. */
export type CpuArchitecture = 'X86_64' | 'ARM64';

/** Container Insights setting of the cluster. */
export type ContainerInsightsMode = 'disabled' | 'enabled' | 'enhanced';

/** `aws_lb.ip_address_type` values of an application load balancer. */
export type AlbIpAddressType = 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';

/** Where the capacity split of the service came from. */
export type CapacitySource = 'service capacity_provider_strategy' | 'service launch_type' | 'cluster default_capacity_provider_strategy';

/** One application load balancer as the model prices it. */
export interface LoadBalancerFacts {
  readonly address: string;
  readonly internal: boolean;
  readonly availabilityZoneCount: number;
  readonly ipAddressType: AlbIpAddressType;
}

/** Everything the estimator needs, read from the synthesized stack. */
export interface StackFacts {
  readonly taskDefinitionAddress: string;
  readonly taskCpuUnits: number;
  readonly taskMemoryMiB: number;
  readonly cpuArchitecture: CpuArchitecture;
  readonly ephemeralStorageGiB: number;
  readonly containerCount: number;
  readonly capacitySource: CapacitySource;
  readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[];
  readonly assignPublicIp: boolean;
  readonly loadBalancers: readonly LoadBalancerFacts[];
  readonly listenerRuleCount: number;
  readonly containerInsights: ContainerInsightsMode;
  readonly clusterCount: number;
  readonly serviceCount: number;
  readonly taskFamilyCount: number;
  /** Retention of each log group in days; `undefined` = never expire. */
  readonly logGroupRetentionDays: readonly (number | undefined)[];
  readonly metricAlarmCount: number;
  readonly compositeAlarmCount: number;
  /** Target-tracking scaling policies; Application Auto Scaling creates two alarms for each. */
  readonly targetTrackingPolicyCount: number;
  readonly dashboardCount: number;
  readonly metricFilterCount: number;
  readonly ecrRepositoryCount: number;
  /** Images the lifecycle policies keep, summed over the repositories; `undefined` = no count rule. */
  readonly ecrRetainedImages: number | undefined;
  readonly kmsKeyCount: number;
  readonly secretCount: number;
  readonly natGatewayCount: number;
  readonly elasticIpCount: number;
  /** AZ count of each interface VPC endpoint (gateway endpoints are free). */
  readonly interfaceEndpointAzCounts: readonly number[];
  readonly s3BucketCount: number;
  readonly usesS3Backend: boolean;
}

type Body = Readonly<Record<string, unknown>>;

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\]|\.\*)?(\.|\})/;

function resourcesOf(stack: SynthesizedStack, type: string): [string, Body][] {
  const byId = stack.resource?.[type] ?? {};
  return Object.entries(byId).map(([id, body]) => [`${type}.${id}`, body as Body]);
}

function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = REFERENCE.exec(value);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

function lookup(stack: SynthesizedStack, address: string): Body | undefined {
  const dot = address.indexOf('.');
  return stack.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)] as Body | undefined;
}

/** A cdktf single nested block is an object; a list block is an array of objects. */
function blocks(value: unknown): Body[] {
  if (Array.isArray(value)) {
    return value as Body[];
  }
  return value && typeof value === 'object' ? [value as Body] : [];
}

function readNumber(address: string, field: string, value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(parsed) || (typeof value === 'string' && value.trim() === '')) {
    throw new CostModelError(
      `${address} ${field} ${JSON.stringify(value)} is not a number the cost model can read; allowed: a literal number in the synthesized stack.`,
    );
  }
  return parsed;
}

function readBoolean(value: unknown): boolean {
  return value === true || value === 'true' || value === 'ENABLED';
}

/**
 * How many elements a list attribute holds: literal elements count one each; a splat reference
 * (`${aws_subnet.public[*].id}`) counts the referenced resource's `count`.
 */
function elementCount(stack: SynthesizedStack, owner: string, field: string, value: unknown): number {
  const items = Array.isArray(value) ? value : [value];
  let total = 0;
  for (const item of items) {
    if (typeof item === 'string' && /\[\*\]|\.\*\./.test(item)) {
      const target = referencedAddress(item);
      const count = target ? lookup(stack, target)?.count : undefined;
      if (typeof count !== 'number') {
        throw new CostModelError(
          `${owner} ${field} ${JSON.stringify(item)} cannot be counted; allowed: a list of subnet references or a splat over a resource with a literal count.`,
        );
      }
      total += count;
    } else {
      total += 1;
    }
  }
  return total;
}

function single(stack: SynthesizedStack, type: string, what: string): [string, Body] {
  const found = resourcesOf(stack, type);
  if (found.length !== 1) {
    throw new CostModelError(
      `the synthesized stack has ${found.length} ${type} resources; allowed: exactly one ${what} for the cost model to price.`,
    );
  }
  return found[0];
}

function readStrategy(address: string, field: string, value: unknown): CapacityProviderStrategyItem[] {
  return blocks(value).map((item) => ({
    capacityProvider: String(item.capacity_provider),
    base: item.base === undefined ? 0 : readNumber(address, `${field}.base`, item.base),
    weight: item.weight === undefined ? 0 : readNumber(address, `${field}.weight`, item.weight),
  }));
}

function readCapacity(
  stack: SynthesizedStack,
  serviceAddress: string,
  service: Body,
): { source: CapacitySource; strategy: CapacityProviderStrategyItem[] } {
  const own = readStrategy(serviceAddress, 'capacity_provider_strategy', service.capacity_provider_strategy);
  if (own.length > 0) {
    return { source: 'service capacity_provider_strategy', strategy: own };
  }
  if (typeof service.launch_type === 'string') {
    if (service.launch_type !== 'FARGATE') {
      throw new CostModelError(
        `${serviceAddress} launch_type "${service.launch_type}" is not priced by the cost model; allowed: FARGATE or a FARGATE / FARGATE_SPOT capacity provider strategy.`,
      );
    }
    // A service with a launch type ignores the cluster's default capacity provider strategy.
    return { source: 'service launch_type', strategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }] };
  }
  const clusterAddress = referencedAddress(service.cluster);
  const defaults = resourcesOf(stack, 'aws_ecs_cluster_capacity_providers').filter(([, body]) => {
    const target = referencedAddress(body.cluster_name);
    return clusterAddress === undefined || target === undefined || target === clusterAddress;
  });
  for (const [address, body] of defaults) {
    const strategy = readStrategy(address, 'default_capacity_provider_strategy', body.default_capacity_provider_strategy);
    if (strategy.length > 0) {
      return { source: 'cluster default_capacity_provider_strategy', strategy };
    }
  }
  throw new CostModelError(
    `${serviceAddress} has no capacity_provider_strategy, no launch_type and its cluster no default_capacity_provider_strategy; allowed: one of the three, so the tasks' capacity provider is known.`,
  );
}

function readContainerInsights(clusters: [string, Body][]): ContainerInsightsMode {
  const modes = clusters.map(([address, body]) => {
    const setting = blocks(body.setting).find((item) => item.name === 'containerInsights');
    const value = setting?.value ?? 'disabled';
    if (value !== 'disabled' && value !== 'enabled' && value !== 'enhanced') {
      throw new CostModelError(
        `${address} setting containerInsights ${JSON.stringify(value)} is not valid; allowed: disabled, enabled, enhanced.`,
      );
    }
    return value as ContainerInsightsMode;
  });
  return modes.includes('enhanced') ? 'enhanced' : modes.includes('enabled') ? 'enabled' : 'disabled';
}

function readLoadBalancers(stack: SynthesizedStack): LoadBalancerFacts[] {
  return resourcesOf(stack, 'aws_lb')
    .concat(resourcesOf(stack, 'aws_alb'))
    .filter(([, body]) => (body.load_balancer_type ?? 'application') === 'application')
    .map(([address, body]) => {
      const mappings = blocks(body.subnet_mapping);
      const availabilityZoneCount =
        mappings.length > 0 ? mappings.length : elementCount(stack, address, 'subnets', body.subnets ?? []);
      const ipAddressType = (body.ip_address_type ?? 'ipv4') as string;
      if (!['ipv4', 'dualstack', 'dualstack-without-public-ipv4'].includes(ipAddressType)) {
        throw new CostModelError(
          `${address} ip_address_type ${JSON.stringify(ipAddressType)} is not valid; allowed: ipv4, dualstack, dualstack-without-public-ipv4.`,
        );
      }
      return {
        address,
        internal: readBoolean(body.internal),
        availabilityZoneCount,
        ipAddressType: ipAddressType as AlbIpAddressType,
      };
    });
}

function readRetainedImages(stack: SynthesizedStack): number | undefined {
  let total: number | undefined;
  for (const [address, body] of resourcesOf(stack, 'aws_ecr_lifecycle_policy')) {
    let policy: { rules?: { selection?: { countType?: string; countNumber?: number } }[] };
    try {
      policy = JSON.parse(String(body.policy));
    } catch {
      throw new CostModelError(`${address} policy is not JSON the cost model can read; allowed: a literal lifecycle policy document.`);
    }
    for (const rule of policy.rules ?? []) {
      if (rule.selection?.countType === 'imageCountMoreThan' && typeof rule.selection.countNumber === 'number') {
        total = (total ?? 0) + rule.selection.countNumber;
      }
    }
  }
  return total;
}

function readContainerCount(address: string, body: Body): number {
  const text = body.container_definitions;
  if (typeof text !== 'string') {
    return 1;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.length > 0 ? parsed.length : 1;
  } catch {
    // cdktf renders container definitions with tokens (e.g. the image digest) as an expression.
    const names = text.match(/"name"\s*:/g);
    if (!names) {
      throw new CostModelError(`${address} container_definitions cannot be read; allowed: a JSON array of container definitions.`);
    }
    return names.length;
  }
}

/** Reads the facts the estimator prices from the synthesized Terraform JSON of one stack. */
export function readStackFacts(stack: SynthesizedStack): StackFacts {
  const [serviceAddress, service] = single(stack, 'aws_ecs_service', 'ECS service');
  const taskDefinitionAddress =
    referencedAddress(service.task_definition) ?? single(stack, 'aws_ecs_task_definition', 'task definition')[0];
  const taskDefinition = lookup(stack, taskDefinitionAddress);
  if (!taskDefinition || !taskDefinitionAddress.startsWith('aws_ecs_task_definition.')) {
    throw new CostModelError(
      `${serviceAddress} task_definition ${JSON.stringify(service.task_definition)} does not name a task definition in the stack; allowed: a reference to an aws_ecs_task_definition.`,
    );
  }
  const runtime = blocks(taskDefinition.runtime_platform)[0];
  const architecture = (runtime?.cpu_architecture ?? 'X86_64') as string;
  if (architecture !== 'X86_64' && architecture !== 'ARM64') {
    throw new CostModelError(
      `${taskDefinitionAddress} runtime_platform.cpu_architecture ${JSON.stringify(architecture)} is not valid; allowed: X86_64, ARM64.`,
    );
  }
  const ephemeral = blocks(taskDefinition.ephemeral_storage)[0];
  const capacity = readCapacity(stack, serviceAddress, service);
  const network = blocks(service.network_configuration)[0];
  const clusters = resourcesOf(stack, 'aws_ecs_cluster');
  const targetTracking = resourcesOf(stack, 'aws_appautoscaling_policy').filter(
    ([, body]) => body.policy_type === 'TargetTrackingScaling',
  );
  const endpoints = resourcesOf(stack, 'aws_vpc_endpoint').filter(([, body]) => body.vpc_endpoint_type === 'Interface');
  return {
    taskDefinitionAddress,
    taskCpuUnits: readNumber(taskDefinitionAddress, 'cpu', taskDefinition.cpu),
    taskMemoryMiB: readNumber(taskDefinitionAddress, 'memory', taskDefinition.memory),
    cpuArchitecture: architecture,
    ephemeralStorageGiB: ephemeral ? readNumber(taskDefinitionAddress, 'ephemeral_storage.size_in_gib', ephemeral.size_in_gib) : 20,
    containerCount: readContainerCount(taskDefinitionAddress, taskDefinition),
    capacitySource: capacity.source,
    capacityProviderStrategy: capacity.strategy,
    assignPublicIp: network ? readBoolean(network.assign_public_ip) : false,
    loadBalancers: readLoadBalancers(stack),
    listenerRuleCount: resourcesOf(stack, 'aws_lb_listener_rule').length + resourcesOf(stack, 'aws_alb_listener_rule').length,
    containerInsights: readContainerInsights(clusters),
    clusterCount: clusters.length,
    serviceCount: 1,
    taskFamilyCount: resourcesOf(stack, 'aws_ecs_task_definition').length,
    logGroupRetentionDays: resourcesOf(stack, 'aws_cloudwatch_log_group').map(([address, body]) =>
      body.retention_in_days === undefined || body.retention_in_days === 0
        ? undefined
        : readNumber(address, 'retention_in_days', body.retention_in_days),
    ),
    metricAlarmCount: resourcesOf(stack, 'aws_cloudwatch_metric_alarm').length,
    compositeAlarmCount: resourcesOf(stack, 'aws_cloudwatch_composite_alarm').length,
    targetTrackingPolicyCount: targetTracking.length,
    dashboardCount: resourcesOf(stack, 'aws_cloudwatch_dashboard').length,
    metricFilterCount: resourcesOf(stack, 'aws_cloudwatch_log_metric_filter').length,
    ecrRepositoryCount: resourcesOf(stack, 'aws_ecr_repository').length,
    ecrRetainedImages: readRetainedImages(stack),
    kmsKeyCount: resourcesOf(stack, 'aws_kms_key').length,
    secretCount: resourcesOf(stack, 'aws_secretsmanager_secret').length,
    natGatewayCount: resourcesOf(stack, 'aws_nat_gateway').length,
    elasticIpCount: resourcesOf(stack, 'aws_eip').length,
    interfaceEndpointAzCounts: endpoints.map(([address, body]) => elementCount(stack, address, 'subnet_ids', body.subnet_ids ?? [])),
    s3BucketCount: resourcesOf(stack, 'aws_s3_bucket').length,
    usesS3Backend: stack.terraform?.backend?.s3 !== undefined,
  };
}
