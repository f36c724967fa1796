import { ConfigError } from './errors';
import { DEFAULTS, ConfigDefaults } from './defaults';
import { cidrContains, cidrsOverlap, parseCidr } from './cidr';
import { allowedMemoryDescription, FARGATE_CPU_UNITS, isValidFargateMemory } from './fargate';
import { CapacityProviderStrategy, ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName } from './types';

type Kind = 'string' | 'optionalString' | 'integer' | 'optionalNumber' | 'boolean' | 'cidrPair';

interface OverrideField {
  /** Environment-variable suffix: DASHBOARD_<SUFFIX> and DASHBOARD_<ENV>_<SUFFIX>. */
  readonly suffix: string;
  readonly field: keyof ConfigDefaults | keyof CapacityProviderStrategy;
  readonly kind: Kind;
}

/**
 * Every configuration field that can be overridden without editing code. An optional field set to the
 * empty string is cleared (e.g. `DASHBOARD_PROD_DOMAIN_NAME=` removes prod's default domain).
 */
export const OVERRIDE_FIELDS: readonly OverrideField[] = [
  { suffix: 'IMAGE_TAG', field: 'imageTag', kind: 'optionalString' },
  { suffix: 'API_BASE_URL', field: 'apiBaseUrl', kind: 'string' },
  { suffix: 'DOMAIN_NAME', field: 'domainName', kind: 'optionalString' },
  { suffix: 'HOSTED_ZONE_ID', field: 'hostedZoneId', kind: 'optionalString' },
  { suffix: 'CERTIFICATE_ARN', field: 'certificateArn', kind: 'optionalString' },
  { suffix: 'ALARM_EMAIL', field: 'alarmEmail', kind: 'optionalString' },
  { suffix: 'STATE_BUCKET', field: 'stateBucket', kind: 'optionalString' },
  { suffix: 'STATE_REGION', field: 'stateRegion', kind: 'string' },
  { suffix: 'TFC_ORGANIZATION', field: 'tfcOrganization', kind: 'optionalString' },
  { suffix: 'TFC_WORKSPACE', field: 'tfcWorkspace', kind: 'optionalString' },
  { suffix: 'AWS_REGION', field: 'region', kind: 'string' },
  { suffix: 'CPU_ARCHITECTURE', field: 'cpuArchitecture', kind: 'string' },
  { suffix: 'CONTAINER_INSIGHTS', field: 'containerInsights', kind: 'string' },
  { suffix: 'ASSIGN_PUBLIC_IP', field: 'assignPublicIp', kind: 'boolean' },
  { suffix: 'TASK_CPU', field: 'taskCpu', kind: 'integer' },
  { suffix: 'TASK_MEMORY_MIB', field: 'taskMemoryMiB', kind: 'integer' },
  { suffix: 'MIN_CAPACITY', field: 'minCapacity', kind: 'integer' },
  { suffix: 'MAX_CAPACITY', field: 'maxCapacity', kind: 'integer' },
  { suffix: 'SCALE_OUT_COOLDOWN_SECONDS', field: 'scaleOutCooldownSeconds', kind: 'integer' },
  { suffix: 'SCALE_IN_COOLDOWN_SECONDS', field: 'scaleInCooldownSeconds', kind: 'integer' },
  { suffix: 'TARGET_CPU_UTILIZATION_PERCENT', field: 'targetCpuUtilizationPercent', kind: 'integer' },
  { suffix: 'LOG_RETENTION_DAYS', field: 'logRetentionDays', kind: 'integer' },
  { suffix: 'VPC_CIDR', field: 'vpcCidr', kind: 'string' },
  { suffix: 'PUBLIC_SUBNET_CIDRS', field: 'publicSubnetCidrs', kind: 'cidrPair' },
  { suffix: 'FARGATE_BASE', field: 'fargateBase', kind: 'integer' },
  { suffix: 'FARGATE_WEIGHT', field: 'fargateWeight', kind: 'integer' },
  { suffix: 'FARGATE_SPOT_WEIGHT', field: 'fargateSpotWeight', kind: 'integer' },
  { suffix: 'BILLING_ALARM_THRESHOLD_USD', field: 'billingAlarmThresholdUsd', kind: 'optionalNumber' },
  { suffix: 'DELETION_PROTECTION', field: 'deletionProtection', kind: 'boolean' },
  { suffix: 'COST_CENTER', field: 'costCenter', kind: 'string' },
];

/** Every CloudWatch Logs retention value AWS accepts (days). */
export const LOG_RETENTION_DAYS_ALLOWED: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const COOLDOWN_MAX_SECONDS = 3600;
const CAPACITY_MAX = 100;

/** Checks that `name` is one of the known environments. */
export function assertEnvironmentName(name: string): EnvironmentName {
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new ConfigError(`environment "${name}" is not known; allowed: ${ENVIRONMENT_NAMES.join(', ')}.`);
  }
  return name as EnvironmentName;
}

/**
 * The environments to synthesize: `DASHBOARD_ENVIRONMENTS` (comma-separated), default every environment.
 */
export function selectedEnvironments(env: NodeJS.ProcessEnv): EnvironmentName[] {
  const raw = env.DASHBOARD_ENVIRONMENTS;
  if (raw === undefined || raw.trim() === '') {
    return [...ENVIRONMENT_NAMES];
  }
  const names = raw.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !(ENVIRONMENT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ConfigError(
      `DASHBOARD_ENVIRONMENTS names unknown environment "${unknown[0]}"; allowed: ${ENVIRONMENT_NAMES.join(', ')}.`,
    );
  }
  return [...new Set(names)] as EnvironmentName[];
}

function parseValue(variable: string, raw: string, kind: Kind, problems: string[]): unknown {
  const value = raw.trim();
  switch (kind) {
    case 'string':
      if (value === '') {
        problems.push(`${variable} is empty; it needs a value or must be unset.`);
        return undefined;
      }
      return value;
    case 'optionalString':
      return value === '' ? null : value;
    case 'integer':
      if (!/^-?\d+$/.test(value)) {
        problems.push(`${variable} "${raw}" is not a whole number.`);
        return undefined;
      }
      return Number(value);
    case 'optionalNumber':
      if (value === '') {
        return null;
      }
      if (!/^\d+(\.\d+)?$/.test(value)) {
        problems.push(`${variable} "${raw}" is not a positive number.`);
        return undefined;
      }
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') {
        problems.push(`${variable} "${raw}" is not a boolean; allowed: true, false.`);
        return undefined;
      }
      return value === 'true';
    case 'cidrPair':
      return value.split(',').map((c) => c.trim());
  }
}

/** Applies DASHBOARD_<FIELD>, then DASHBOARD_<ENV>_<FIELD> (which wins), to the defaults. */
function applyOverrides(
  environment: EnvironmentName,
  env: NodeJS.ProcessEnv,
  problems: string[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...DEFAULTS[environment] };
  const strategy: Record<string, unknown> = { ...DEFAULTS[environment].capacityProviderStrategy };
  const prefixes = ['DASHBOARD_', `DASHBOARD_${environment.toUpperCase()}_`];
  for (const { suffix, field, kind } of OVERRIDE_FIELDS) {
    const candidates: [string, string | undefined][] = prefixes.map((p) => [`${p}${suffix}`, env[`${p}${suffix}`]]);
    // The billing alarm threshold is also read from the unprefixed name the cost model documents.
    if (suffix === 'BILLING_ALARM_THRESHOLD_USD') {
      candidates.unshift([suffix, env[suffix]]);
    }
    for (const [variable, raw] of candidates) {
      if (raw === undefined) {
        continue;
      }
      const parsed = parseValue(variable, raw, kind, problems);
      if (parsed === undefined) {
        continue;
      }
      const target = field in strategy ? strategy : merged;
      if (parsed === null) {
        delete target[field];
      } else {
        target[field] = parsed;
      }
    }
  }
  merged.capacityProviderStrategy = strategy;
  return merged;
}

const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTED_ZONE_PATTERN = /^Z[A-Z0-9]{1,31}$/;
const CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const BUCKET_PATTERN = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TFC_NAME_PATTERN = /^[A-Za-z0-9_-]{1,90}$/;

function checkInteger(
  problems: string[],
  field: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${field} ${value} is out of range; allowed: a whole number ${min}-${max}.`);
  }
}

function validate(c: EnvironmentConfig, problems: string[]): void {
  const e = c.environment;
  const f = (name: string) => `${e}: ${name}`;

  if (!REGION_PATTERN.test(c.region)) {
    problems.push(`${f('region')} "${c.region}" is not an AWS region name; allowed: names like us-east-1.`);
  }
  if (!REGION_PATTERN.test(c.stateRegion)) {
    problems.push(`${f('stateRegion')} "${c.stateRegion}" is not an AWS region name; allowed: names like us-east-1.`);
  }
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?\/api\/v1$/.test(c.apiBaseUrl)) {
    problems.push(
      `${f('apiBaseUrl')} "${c.apiBaseUrl}" is not allowed; allowed: an http(s) URL ending in /api/v1 (the dashboard joins paths onto it).`,
    );
  }
  if (c.imageTag !== undefined && !IMAGE_TAG_PATTERN.test(c.imageTag)) {
    problems.push(
      `${f('imageTag')} "${c.imageTag}" is not a valid image tag; allowed: 1-128 letters, digits, "_", "." or "-", not starting with "." or "-".`,
    );
  }
  if (!['ARM64', 'X86_64'].includes(c.cpuArchitecture)) {
    problems.push(`${f('cpuArchitecture')} "${c.cpuArchitecture}" is not allowed; allowed: ARM64, X86_64.`);
  }
  if (!['enabled', 'enhanced', 'disabled'].includes(c.containerInsights)) {
    problems.push(
      `${f('containerInsights')} "${c.containerInsights}" is not allowed; allowed: enabled, enhanced, disabled.`,
    );
  }

  // Task size (Fargate's table).
  if (!FARGATE_CPU_UNITS.includes(c.taskCpu)) {
    problems.push(`${f('taskCpu')} ${c.taskCpu} is not a Fargate CPU size; allowed: ${FARGATE_CPU_UNITS.join(', ')}.`);
  } else if (!isValidFargateMemory(c.taskCpu, c.taskMemoryMiB)) {
    problems.push(
      `${f('taskMemoryMiB')} ${c.taskMemoryMiB} is not valid with taskCpu ${c.taskCpu}; allowed: ${allowedMemoryDescription(c.taskCpu)}.`,
    );
  }

  // Capacity and scaling.
  checkInteger(problems, f('minCapacity'), c.minCapacity, 1, CAPACITY_MAX);
  checkInteger(problems, f('maxCapacity'), c.maxCapacity, 1, CAPACITY_MAX);
  if (c.minCapacity > c.maxCapacity) {
    problems.push(
      `${f('minCapacity')} ${c.minCapacity} is above maxCapacity ${c.maxCapacity}; allowed: minCapacity at most maxCapacity.`,
    );
  }
  checkInteger(problems, f('scaleOutCooldownSeconds'), c.scaleOutCooldownSeconds, 0, COOLDOWN_MAX_SECONDS);
  checkInteger(problems, f('scaleInCooldownSeconds'), c.scaleInCooldownSeconds, 0, COOLDOWN_MAX_SECONDS);
  checkInteger(problems, f('targetCpuUtilizationPercent'), c.targetCpuUtilizationPercent, 1, 100);
  if (!LOG_RETENTION_DAYS_ALLOWED.includes(c.logRetentionDays)) {
    problems.push(
      `${f('logRetentionDays')} ${c.logRetentionDays} is not a CloudWatch Logs retention; allowed: ${LOG_RETENTION_DAYS_ALLOWED.join(', ')}.`,
    );
  }
  const s = c.capacityProviderStrategy;
  checkInteger(problems, f('capacityProviderStrategy.fargateBase'), s.fargateBase, 0, 100000);
  checkInteger(problems, f('capacityProviderStrategy.fargateWeight'), s.fargateWeight, 0, 1000);
  checkInteger(problems, f('capacityProviderStrategy.fargateSpotWeight'), s.fargateSpotWeight, 0, 1000);
  if (s.fargateWeight === 0 && s.fargateSpotWeight === 0) {
    problems.push(
      `${f('capacityProviderStrategy')} weights 0 and 0 place no task above the base; allowed: at least one weight above 0.`,
    );
  }
  if (c.billingAlarmThresholdUsd !== undefined && !(c.billingAlarmThresholdUsd > 0)) {
    problems.push(`${f('billingAlarmThresholdUsd')} ${c.billingAlarmThresholdUsd} is not allowed; allowed: a number above 0.`);
  }

  // Network.
  const vpc = parseCidr(c.vpcCidr);
  if (vpc === undefined || vpc.prefixLength < 16 || vpc.prefixLength > 28) {
    problems.push(`${f('vpcCidr')} "${c.vpcCidr}" is not allowed; allowed: an IPv4 CIDR block from /16 to /28 such as 10.0.0.0/16.`);
  }
  if (c.publicSubnetCidrs.length !== 2) {
    problems.push(
      `${f('publicSubnetCidrs')} "${c.publicSubnetCidrs.join(',')}" is not allowed; allowed: exactly two CIDR blocks, one per availability zone.`,
    );
  } else {
    const subnets = c.publicSubnetCidrs.map((text) => ({ text, cidr: parseCidr(text) }));
    for (const { text, cidr } of subnets) {
      if (cidr === undefined || cidr.prefixLength < 16 || cidr.prefixLength > 28) {
        problems.push(`${f('publicSubnetCidrs')} "${text}" is not allowed; allowed: an IPv4 CIDR block from /16 to /28 such as 10.0.1.0/24.`);
      } else if (vpc !== undefined && !cidrContains(vpc, cidr)) {
        problems.push(`${f('publicSubnetCidrs')} "${text}" is outside vpcCidr ${c.vpcCidr}; allowed: blocks inside the VPC.`);
      }
    }
    const [a, b] = subnets;
    if (a.cidr !== undefined && b.cidr !== undefined && cidrsOverlap(a.cidr, b.cidr)) {
      problems.push(`${f('publicSubnetCidrs')} "${a.text}" and "${b.text}" overlap; allowed: two disjoint blocks.`);
    }
  }

  // TLS and DNS.
  if (c.domainName !== undefined && !DOMAIN_PATTERN.test(c.domainName)) {
    problems.push(`${f('domainName')} "${c.domainName}" is not a DNS name; allowed: a lower-case name such as dashboard.example.com.`);
  }
  if (c.hostedZoneId !== undefined) {
    if (!HOSTED_ZONE_PATTERN.test(c.hostedZoneId)) {
      problems.push(`${f('hostedZoneId')} "${c.hostedZoneId}" is not a Route 53 zone id; allowed: an id such as Z0123456789ABCDEFGHIJ.`);
    }
    if (c.domainName === undefined) {
      problems.push(`${f('hostedZoneId')} "${c.hostedZoneId}" is set without a domainName; allowed: only together with domainName.`);
    }
  }
  if (c.certificateArn !== undefined && !CERTIFICATE_ARN_PATTERN.test(c.certificateArn)) {
    problems.push(
      `${f('certificateArn')} "${c.certificateArn}" is not an ACM certificate ARN; allowed: arn:aws:acm:<region>:<account>:certificate/<id>.`,
    );
  }
  if (e === 'prod' && c.certificateArn === undefined && c.domainName === undefined) {
    problems.push(
      `${f('certificateArn')} is unset and so is domainName; prod must serve HTTPS, allowed: a certificate ARN or a domain name (with its Route 53 zone).`,
    );
  }
  if (c.alarmEmail !== undefined && !EMAIL_PATTERN.test(c.alarmEmail)) {
    problems.push(`${f('alarmEmail')} "${c.alarmEmail}" is not an e-mail address; allowed: an address such as ops@example.com.`);
  }

  // State.
  if (c.stateBucket !== undefined && !BUCKET_PATTERN.test(c.stateBucket)) {
    problems.push(
      `${f('stateBucket')} "${c.stateBucket}" is not a valid S3 bucket name; allowed: 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit.`,
    );
  }
  const tfcSet = [c.tfcOrganization, c.tfcWorkspace].filter((v) => v !== undefined).length;
  if (tfcSet === 1) {
    problems.push(
      `${f(c.tfcOrganization === undefined ? 'tfcOrganization' : 'tfcWorkspace')} is unset while ${c.tfcOrganization === undefined ? 'tfcWorkspace' : 'tfcOrganization'} is set; allowed: both or neither.`,
    );
  }
  for (const [name, value] of [['tfcOrganization', c.tfcOrganization], ['tfcWorkspace', c.tfcWorkspace]] as const) {
    if (value !== undefined && !TFC_NAME_PATTERN.test(value)) {
      problems.push(`${f(name)} "${value}" is not allowed; allowed: 1-90 letters, digits, "_" or "-".`);
    }
  }
  if (tfcSet === 2 && c.stateBucket !== undefined) {
    problems.push(
      `${f('stateBucket')} "${c.stateBucket}" is set together with Terraform Cloud; allowed: one remote state, so unset the bucket (DASHBOARD_${e.toUpperCase()}_STATE_BUCKET=) or the organization and workspace.`,
    );
  }
  if (e === 'prod' && c.stateBucket === undefined && tfcSet === 0) {
    problems.push(
      `${f('stateBucket')} is unset and Terraform Cloud is not configured; prod requires remote state, allowed: a bucket name or a Terraform Cloud organization and workspace.`,
    );
  }
}

/**
 * The validated configuration of one environment: defaults from `DEFAULTS`, then the environment
 * variables. Throws one `ConfigError` listing every problem.
 */
export function loadEnvironmentConfig(environment: string, env: NodeJS.ProcessEnv = process.env): EnvironmentConfig {
  const name = assertEnvironmentName(environment);
  const problems: string[] = [];
  const merged = applyOverrides(name, env, problems);
  const config = { ...merged, environment: name } as unknown as EnvironmentConfig;
  validate(config, problems);
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/** True when the URL's path has a `dev` segment: an API Gateway `dev` stage (`…/dev/api/v1`). */
export function pointsAtDevStage(url: string): boolean {
  try {
    return new URL(url).pathname.split('/').includes('dev');
  } catch {
    return false;
  }
}

/** Synth-time warnings about a valid but noteworthy configuration. */
export function configWarnings(c: EnvironmentConfig): string[] {
  const warnings: string[] = [];
  if (c.certificateArn === undefined && c.domainName === undefined) {
    warnings.push(
      `${c.environment}: no certificate or domain is configured, so the load balancer serves plain HTTP on port 80; set DASHBOARD_${c.environment.toUpperCase()}_CERTIFICATE_ARN or DASHBOARD_${c.environment.toUpperCase()}_DOMAIN_NAME for HTTPS.`,
    );
  }
  if (c.environment === 'prod' && pointsAtDevStage(c.apiBaseUrl)) {
    warnings.push(
      `prod: apiBaseUrl "${c.apiBaseUrl}" is the backend's dev stage, so the production dashboard would read and change dev data; set DASHBOARD_PROD_API_BASE_URL to the production API (ending in /api/v1).`,
    );
  }
  if (!c.assignPublicIp) {
    warnings.push(
      `${c.environment}: assignPublicIp is false, but the tasks run in public subnets without a NAT gateway, so they can reach ECR and the API only through VPC endpoints you add yourself.`,
    );
  }
  return warnings;
}
