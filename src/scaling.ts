import { Construct } from 'constructs';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';

/** Properties of {@link ServiceScaling}. */
export interface ServiceScalingProps {
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  /** @default 2 */
  readonly minCapacity?: number;
  /** @default 10 */
  readonly maxCapacity?: number;
  /** @default 70 */
  readonly targetCpuUtilizationPercent?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
}

/** Target tracking on the service's average CPU between a floor and a ceiling of tasks (requirement 7). */
export class ServiceScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly cpuPolicy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    this.target = new AppautoscalingTarget(this, 'target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.cluster.name}/${props.service.name}`,
      minCapacity: props.minCapacity ?? 2,
      maxCapacity: props.maxCapacity ?? 10,
    });
    this.cpuPolicy = new AppautoscalingPolicy(this, 'cpu-target-tracking', {
      name: `${props.service.name}-cpu`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: props.targetCpuUtilizationPercent ?? 70,
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        scaleOutCooldown: props.scaleOutCooldownSeconds ?? 60,
        scaleInCooldown: props.scaleInCooldownSeconds ?? 300,
        disableScaleIn: false,
      },
    });
  }
}
