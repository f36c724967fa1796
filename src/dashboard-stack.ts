import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  CONTAINER_NAME,
  CONTAINER_PORT,
  EnvironmentConfig,
  HEALTH_CHECK_PATH,
  ResourceNames,
  resourceNames,
} from './config';
import { Network } from './network';
import { SecurityGroups } from './security-groups';
import { Registry } from './registry';
import { BuildImageSource, ContainerImage, PrePushedImageSource } from './image';
import { LoadBalancer } from './load-balancer';
import { DashboardService } from './service';
import { ServiceScaling } from './scaling';
import { Monitoring } from './monitoring';
import { BillingAlarm } from './cost/billing-alarm';
import { attachStateBackend, selectStateBackend, StateBackendSettings } from './state';
import { environmentTags } from './tags';
import { requireTerraformVersion } from './terraform-version';

/** Properties of {@link DashboardStack}. */
export interface DashboardStackProps {
  /** The validated configuration of the environment. */
  readonly config: EnvironmentConfig;
  /** Where the image comes from: built from the Dockerfile, or a pre-pushed tag. */
  readonly imageSource: BuildImageSource | PrePushedImageSource;
  /** `terraform.required_version`, e.g. `~> 1.11.0` (derived from `.terraform-version` by buildApp). */
  readonly requiredTerraformVersion: string;
}

/** One environment of the dashboard; it only wires the constructs together. */
export class DashboardStack extends TerraformStack {
  public readonly names: ResourceNames;
  public readonly backend: StateBackendSettings;
  public readonly network: Network;
  public readonly securityGroups: SecurityGroups;
  public readonly registry: Registry;
  public readonly image: ContainerImage;
  public readonly loadBalancer: LoadBalancer;
  public readonly monitoring: Monitoring;
  public readonly dashboard: DashboardService;
  public readonly scaling: ServiceScaling;
  /** Present when `billingAlarmThresholdUsd` is configured. */
  public readonly billingAlarm?: BillingAlarm;

  constructor(scope: Construct, props: DashboardStackProps) {
    const { config } = props;
    const names = resourceNames(config.environment);
    super(scope, names.stackId);
    this.names = names;
    requireTerraformVersion(this, props.requiredTerraformVersion);

    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: environmentTags(config) }] });
    this.backend = selectStateBackend(names.stackId, config);
    attachStateBackend(this, this.backend);

    this.network = new Network(this, 'network', {
      namePrefix: names.prefix,
      vpcCidr: config.vpcCidr,
      publicSubnetCidrs: config.publicSubnetCidrs,
    });
    this.securityGroups = new SecurityGroups(this, 'security-groups', {
      namePrefix: names.prefix,
      vpc: this.network.vpc,
      containerPort: CONTAINER_PORT,
    });
    this.registry = new Registry(this, 'registry', {
      repositoryName: names.repository,
      forceDelete: config.repositoryForceDelete,
    });
    this.image = new ContainerImage(this, 'image', {
      repository: this.registry.repository,
      source: props.imageSource,
      cpuArchitecture: config.cpuArchitecture,
    });
    this.loadBalancer = new LoadBalancer(this, 'load-balancer', {
      loadBalancerName: names.loadBalancer,
      targetGroupName: names.targetGroup,
      vpc: this.network.vpc,
      subnets: this.network.publicSubnets,
      securityGroup: this.securityGroups.loadBalancer,
      targetPort: CONTAINER_PORT,
      healthCheckPath: HEALTH_CHECK_PATH,
      certificateArn: config.certificateArn,
      domain:
        config.domainName === undefined
          ? undefined
          : { domainName: config.domainName, hostedZoneId: config.hostedZoneId },
      deletionProtection: config.deletionProtection,
    });
    this.monitoring = new Monitoring(this, 'monitoring', {
      namePrefix: names.prefix,
      logGroupName: names.logGroup,
      logRetentionDays: config.logRetentionDays,
      clusterName: names.cluster,
      serviceName: names.service,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroup.arnSuffix,
      alarmEmail: config.alarmEmail,
    });
    this.dashboard = new DashboardService(this, 'service', {
      clusterName: names.cluster,
      serviceName: names.service,
      taskFamily: names.taskFamily,
      containerName: CONTAINER_NAME,
      containerPort: CONTAINER_PORT,
      healthCheckPath: HEALTH_CHECK_PATH,
      imageUri: this.image.imageUri,
      repository: this.registry.repository,
      logGroup: this.monitoring.logGroup,
      targetGroup: this.loadBalancer.targetGroup,
      listener: this.loadBalancer.httpsListener ?? this.loadBalancer.httpListener,
      subnets: this.network.publicSubnets,
      securityGroup: this.securityGroups.tasks,
      apiBaseUrl: config.apiBaseUrl,
      cookieSecretParameterName: names.cookieSecretParameter,
      deploymentAlarms: this.monitoring.deploymentAlarms,
      taskCpu: config.taskCpu,
      taskMemoryMiB: config.taskMemoryMiB,
      cpuArchitecture: config.cpuArchitecture,
      capacityProviderStrategy: config.capacityProviderStrategy,
      containerInsights: config.containerInsights,
      assignPublicIp: config.assignPublicIp,
      desiredCount: config.minCapacity,
    });
    this.scaling = new ServiceScaling(this, 'scaling', {
      cluster: this.dashboard.cluster,
      service: this.dashboard.service,
      minCapacity: config.minCapacity,
      maxCapacity: config.maxCapacity,
      targetCpuUtilizationPercent: config.targetCpuUtilizationPercent,
      scaleOutCooldownSeconds: config.scaleOutCooldownSeconds,
      scaleInCooldownSeconds: config.scaleInCooldownSeconds,
    });

    if (config.billingAlarmThresholdUsd !== undefined) {
      this.billingAlarm = new BillingAlarm(this, 'billing-alarm', {
        namePrefix: names.prefix,
        thresholdUsd: config.billingAlarmThresholdUsd,
        alarmEmail: config.alarmEmail,
      });
    }

    const outputs: Record<string, [string, string]> = {
      LoadBalancerDNS: [this.loadBalancer.loadBalancer.dnsName, 'DNS name of the load balancer'],
      DashboardUrl: [this.loadBalancer.url, 'URL of the dashboard'],
      ECSClusterArn: [this.dashboard.cluster.arn, 'ARN of the ECS cluster'],
      ServiceArn: [this.dashboard.service.id, 'ARN of the ECS service'],
      ECRRepositoryUri: [this.registry.repository.repositoryUrl, 'URI of the ECR repository'],
      ECSClusterName: [this.dashboard.cluster.name, 'Name of the ECS cluster'],
      ECSServiceName: [this.dashboard.service.name, 'Name of the ECS service'],
      ECRRepositoryName: [this.registry.repository.name, 'Name of the ECR repository'],
      LogGroupName: [this.monitoring.logGroup.name, 'Log group of the containers'],
      TargetGroupArn: [this.loadBalancer.targetGroup.arn, 'ARN of the target group'],
      TaskDefinitionFamily: [this.dashboard.taskDefinition.family, 'Task definition family'],
      AlarmTopicArn: [this.monitoring.alarmTopic.arn, 'SNS topic every alarm notifies'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      const output = new TerraformOutput(this, name, { value, description });
      output.overrideLogicalId(name);
    }
  }
}
