/**
 * Small stacks for the cost model's tests, synthesized with the real provider classes so that the
 * JSON has exactly the shape cdktf gives the estimator.
 */
import { Testing, TerraformStack } from 'cdktf';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { CapacityProviderStrategyItem, SynthesizedStack } from '../src/cost';

export interface FixtureProps {
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  readonly cpu?: string;
  readonly memory?: string;
  readonly clusterStrategy?: readonly CapacityProviderStrategyItem[];
  readonly serviceStrategy?: readonly CapacityProviderStrategyItem[];
  readonly launchType?: string;
  readonly containerInsights?: string;
  readonly assignPublicIp?: boolean;
  readonly albSubnetCount?: number;
  readonly albIpAddressType?: string;
  readonly logRetentionDays?: number;
  readonly alarmCount?: number;
  readonly ecrImagesKept?: number;
}

/** The design's original configuration: x86, base 2 FARGATE weight 1 + FARGATE_SPOT weight 1, Insights on. */
export const DESIGN_FIXTURE: FixtureProps = {
  cpuArchitecture: 'X86_64',
  clusterStrategy: [
    { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
    { capacityProvider: 'FARGATE', base: 2, weight: 1 },
  ],
  containerInsights: 'enabled',
  assignPublicIp: true,
};

/** The lead's defaults: ARM64, base 2 FARGATE weight 0 + FARGATE_SPOT weight 1, Insights on. */
export const DEFAULT_FIXTURE: FixtureProps = {
  cpuArchitecture: 'ARM64',
  clusterStrategy: [
    { capacityProvider: 'FARGATE', base: 2, weight: 0 },
    { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
  ],
  containerInsights: 'enabled',
  assignPublicIp: true,
};

const toBlocks = (strategy: readonly CapacityProviderStrategyItem[]) =>
  strategy.map((item) => ({ capacityProvider: item.capacityProvider, base: item.base, weight: item.weight }));

/** Synthesizes a dashboard-shaped stack and returns its Terraform JSON. */
export function synthFixture(props: FixtureProps = DESIGN_FIXTURE): SynthesizedStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'cost-fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const subnets = Array.from({ length: props.albSubnetCount ?? 2 }, (_, index) =>
    new Subnet(stack, `public-${index}`, { vpcId: 'vpc-1', cidrBlock: `10.0.${index}.0/24` }),
  );
  const cluster = new EcsCluster(stack, 'cluster', {
    name: 'vibejudge-cluster-dev',
    setting: props.containerInsights ? [{ name: 'containerInsights', value: props.containerInsights }] : undefined,
  });
  if (props.clusterStrategy) {
    new EcsClusterCapacityProviders(stack, 'capacity', {
      clusterName: cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: toBlocks(props.clusterStrategy),
    });
  }
  const task = new EcsTaskDefinition(stack, 'task', {
    family: 'vibejudge-dashboard-dev',
    cpu: props.cpu ?? '512',
    memory: props.memory ?? '1024',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    containerDefinitions: JSON.stringify([{ name: 'streamlit-dashboard', image: 'repo:tag' }]),
    runtimePlatform: { cpuArchitecture: props.cpuArchitecture ?? 'X86_64', operatingSystemFamily: 'LINUX' },
  });
  new EcsService(stack, 'service', {
    name: 'vibejudge-dashboard-service-dev',
    cluster: cluster.id,
    taskDefinition: task.arn,
    desiredCount: 2,
    launchType: props.launchType,
    capacityProviderStrategy: props.serviceStrategy ? toBlocks(props.serviceStrategy) : undefined,
    networkConfiguration: { subnets: subnets.map((s) => s.id), assignPublicIp: props.assignPublicIp ?? true },
  });
  new AppautoscalingPolicy(stack, 'cpu-tracking', {
    name: 'cpu',
    policyType: 'TargetTrackingScaling',
    resourceId: 'service/vibejudge-cluster-dev/vibejudge-dashboard-service-dev',
    scalableDimension: 'ecs:service:DesiredCount',
    serviceNamespace: 'ecs',
    targetTrackingScalingPolicyConfiguration: {
      targetValue: 70,
      predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    },
  });
  new Lb(stack, 'alb', {
    name: 'vibejudge-dashboard-alb-dev',
    loadBalancerType: 'application',
    subnets: subnets.map((s) => s.id),
    ipAddressType: props.albIpAddressType,
  });
  new CloudwatchLogGroup(stack, 'logs', {
    name: '/ecs/vibejudge-dashboard-dev',
    retentionInDays: props.logRetentionDays ?? 7,
  });
  for (let index = 0; index < (props.alarmCount ?? 2); index += 1) {
    new CloudwatchMetricAlarm(stack, `alarm-${index}`, {
      alarmName: `vibejudge-dashboard-dev-alarm-${index}`,
      comparisonOperator: 'LessThanThreshold',
      evaluationPeriods: 1,
      metricName: 'HealthyHostCount',
      namespace: 'AWS/ApplicationELB',
      period: 60,
      statistic: 'Minimum',
      threshold: 1,
    });
  }
  const repository = new EcrRepository(stack, 'repository', { name: 'vibejudge-dashboard-dev' });
  new EcrLifecyclePolicy(stack, 'lifecycle', {
    repository: repository.name,
    policy: JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.ecrImagesKept ?? 10 },
          action: { type: 'expire' },
        },
      ],
    }),
  });
  return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
}
