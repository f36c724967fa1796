import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchQueryDefinition } from '@cdktf/provider-aws/lib/cloudwatch-query-definition';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { dashboardBody } from './dashboard-body';
import { LOGS_INSIGHTS_QUERIES } from './queries';

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  /** Prefix of every name this construct creates, e.g. `vibejudge-dashboard-dev`. */
  readonly namePrefix: string;
  /** Log group the containers write to, e.g. `/ecs/vibejudge-dashboard-dev`. */
  readonly logGroupName: string;
  /**
   * Days CloudWatch keeps the container logs (requirement 9.2).
   * @default 7
   */
  readonly logRetentionDays?: number;
  /** ECS cluster name (a plain string from configuration, so alarms exist before the service). */
  readonly clusterName: string;
  /** ECS service name (a plain string from configuration). */
  readonly serviceName: string;
  /** `arn_suffix` of the load balancer (the `LoadBalancer` metric dimension). */
  readonly loadBalancerArnSuffix: string;
  /** `arn_suffix` of the target group (the `TargetGroup` metric dimension). */
  readonly targetGroupArnSuffix: string;
  /**
   * Address that receives every alarm and event notification by e-mail (the recipient must confirm).
   * @default - no subscription; subscribe to the `AlarmTopicArn` output yourself
   */
  readonly alarmEmail?: string;
}

/** The alarms the stack creates, by what they watch. */
export interface MonitoringAlarms {
  /** HealthyHostCount < 1: nothing can serve (requirement 9.5, property 20). */
  readonly healthyHosts: CloudwatchMetricAlarm;
  /** TargetResponseTime > 5 s for 2 consecutive minutes (requirement 9.6). */
  readonly responseTime: CloudwatchMetricAlarm;
  /** Service CPU > 90 % for 5 minutes. */
  readonly cpu: CloudwatchMetricAlarm;
  /** Service memory > 90 % for 5 minutes. */
  readonly memory: CloudwatchMetricAlarm;
  /** UnHealthyHostCount > 0 for 2 consecutive minutes. */
  readonly unhealthyHosts: CloudwatchMetricAlarm;
  /** Target 5XX responses > 1 % of requests (metric math). */
  readonly target5xxRate: CloudwatchMetricAlarm;
}

/** Thresholds of the alarms; the numbers the design and requirements 9.5-9.6 fix. */
export const ALARM_THRESHOLDS = {
  healthyHostsBelow: 1,
  responseTimeSeconds: 5,
  cpuPercent: 90,
  memoryPercent: 90,
  unhealthyHostsAbove: 0,
  target5xxPercent: 1,
} as const;

/**
 * Logs, alarms and notifications of one environment: the container log group, an SNS topic that every
 * alarm and critical ECS event notifies, the metric alarms of the design, EventBridge rules for failed
 * deployments and unexpectedly stopped tasks, a CloudWatch dashboard and saved Logs Insights queries.
 *
 * It is created before the ECS service (the service names its deployment alarms), so it takes the
 * cluster and service names as plain strings from configuration.
 */
export class Monitoring extends Construct {
  /** The container log group. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The topic every alarm and event rule notifies. */
  public readonly alarmTopic: SnsTopic;
  /** Every metric alarm, by what it watches. */
  public readonly alarms: MonitoringAlarms;
  /** Alarms ECS watches during deployments (unhealthy hosts, target 5XX rate) for `aws_ecs_service.alarms`. */
  public readonly deploymentAlarms: CloudwatchMetricAlarm[];
  /** EventBridge rules that notify the topic: failed (rolled back) deployments, unexpectedly stopped tasks. */
  public readonly eventRules: { readonly deploymentFailed: CloudwatchEventRule; readonly taskStopped: CloudwatchEventRule };
  /** The CloudWatch dashboard of the key metrics. */
  public readonly dashboard: CloudwatchDashboard;
  /** The saved Logs Insights queries. */
  public readonly queries: CloudwatchQueryDefinition[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    const region = new DataAwsRegion(this, 'region');
    const caller = new DataAwsCallerIdentity(this, 'caller');

    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays ?? 7,
    });

    // Not encrypted with a KMS key on purpose: CloudWatch alarms cannot publish to a topic encrypted
    // with the AWS managed key (alias/aws/sns), and the notifications carry no secrets.
    this.alarmTopic = new SnsTopic(this, 'alarm_topic', { name: `${prefix}-alarms` });

    // EventBridge needs a resource policy to publish; CloudWatch alarms of this account are allowed too.
    new SnsTopicPolicy(this, 'alarm_topic_policy', {
      arn: this.alarmTopic.arn,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowEventBridgeAndCloudWatchFromThisAccount',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
            Action: 'sns:Publish',
            Resource: this.alarmTopic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': caller.accountId } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.alarmTopic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });

    if (props.alarmEmail) {
      new SnsTopicSubscription(this, 'alarm_email', {
        topicArn: this.alarmTopic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    }

    const albDimensions = {
      LoadBalancer: props.loadBalancerArnSuffix,
      TargetGroup: props.targetGroupArnSuffix,
    };
    const serviceDimensions = { ClusterName: props.clusterName, ServiceName: props.serviceName };

    this.alarms = {
      healthyHosts: this.metricAlarm('healthy_hosts', `${prefix}-healthy-hosts`, {
        alarmDescription: 'No healthy target behind the load balancer: the dashboard is down.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        dimensions: albDimensions,
        statistic: 'Minimum',
        period: 60,
        evaluationPeriods: 1,
        comparisonOperator: 'LessThanThreshold',
        threshold: ALARM_THRESHOLDS.healthyHostsBelow,
        // No data means no target reports at all: treat it as the outage it is.
        treatMissingData: 'breaching',
      }),
      responseTime: this.metricAlarm('response_time', `${prefix}-response-time`, {
        alarmDescription: 'Average target response time above 5 s for 2 consecutive minutes.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: albDimensions,
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: ALARM_THRESHOLDS.responseTimeSeconds,
        treatMissingData: 'notBreaching',
      }),
      cpu: this.metricAlarm('cpu_high', `${prefix}-cpu-high`, {
        alarmDescription: 'Service CPU above 90 % for 5 minutes (auto scaling targets 70 %).',
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        dimensions: serviceDimensions,
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: ALARM_THRESHOLDS.cpuPercent,
        treatMissingData: 'notBreaching',
      }),
      memory: this.metricAlarm('memory_high', `${prefix}-memory-high`, {
        alarmDescription: 'Service memory above 90 % for 5 minutes: tasks are close to being killed.',
        namespace: 'AWS/ECS',
        metricName: 'MemoryUtilization',
        dimensions: serviceDimensions,
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: ALARM_THRESHOLDS.memoryPercent,
        treatMissingData: 'notBreaching',
      }),
      unhealthyHosts: this.metricAlarm('unhealthy_hosts', `${prefix}-unhealthy-hosts`, {
        alarmDescription: 'At least one target failed its health checks for 2 consecutive minutes.',
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: albDimensions,
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: ALARM_THRESHOLDS.unhealthyHostsAbove,
        treatMissingData: 'notBreaching',
      }),
      target5xxRate: this.metricAlarm('target_5xx_rate', `${prefix}-target-5xx-rate`, {
        alarmDescription: 'More than 1 % of requests answered 5XX by the tasks in 3 of the last 5 minutes.',
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: ALARM_THRESHOLDS.target5xxPercent,
        treatMissingData: 'notBreaching',
        metricQuery: [
          {
            id: 'rate',
            label: 'Target 5XX (% of requests)',
            // No requests means no errors: without the IF the rate would be undefined (missing data).
            expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
            returnData: true,
          },
          {
            id: 'errors',
            metric: {
              namespace: 'AWS/ApplicationELB',
              metricName: 'HTTPCode_Target_5XX_Count',
              dimensions: albDimensions,
              period: 60,
              stat: 'Sum',
            },
          },
          {
            id: 'requests',
            metric: {
              namespace: 'AWS/ApplicationELB',
              metricName: 'RequestCount',
              dimensions: albDimensions,
              period: 60,
              stat: 'Sum',
            },
          },
        ],
      }),
    };
    this.deploymentAlarms = [this.alarms.unhealthyHosts, this.alarms.target5xxRate];

    const clusterArnSuffix = `:cluster/${props.clusterName}`;
    const serviceArnSuffix = `:service/${props.clusterName}/${props.serviceName}`;

    // A deployment that fails, including one the circuit breaker rolls back, emits
    // SERVICE_DEPLOYMENT_FAILED (its reason says "rolling back").
    const deploymentFailed = new CloudwatchEventRule(this, 'deployment_failed', {
      name: `${prefix}-deployment-failed`,
      description: 'ECS deployment of the dashboard failed or was rolled back by the circuit breaker.',
      eventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        resources: [{ suffix: serviceArnSuffix }],
        detail: { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
      }),
    });
    this.notifyFromRule('deployment_failed_to_topic', deploymentFailed, {
      paths: { reason: '$.detail.reason', deployment: '$.detail.deploymentId', time: '$.time' },
      message: `"Deployment <deployment> of ${props.serviceName} failed at <time>: <reason>"`,
    });

    // Scale-in, deployments and Spot interruptions stop tasks on purpose; these stops are not.
    const taskStopped = new CloudwatchEventRule(this, 'task_stopped', {
      name: `${prefix}-task-stopped`,
      description: 'A dashboard task stopped unexpectedly (crash, failed start or failed health checks).',
      eventPattern: JSON.stringify({
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: {
          clusterArn: [{ suffix: clusterArnSuffix }],
          group: [`service:${props.serviceName}`],
          lastStatus: ['STOPPED'],
          $or: [
            { stopCode: ['TaskFailedToStart', 'EssentialContainerExited'] },
            {
              stoppedReason: [
                { prefix: 'Task failed ELB health checks' },
                { prefix: 'Task failed container health checks' },
              ],
            },
          ],
        },
      }),
    });
    this.notifyFromRule('task_stopped_to_topic', taskStopped, {
      paths: { task: '$.detail.taskArn', code: '$.detail.stopCode', reason: '$.detail.stoppedReason' },
      message: `"Task <task> of ${props.serviceName} stopped unexpectedly (<code>): <reason>"`,
    });
    this.eventRules = { deploymentFailed, taskStopped };

    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: prefix,
      dashboardBody: dashboardBody({
        region: region.region,
        clusterName: props.clusterName,
        serviceName: props.serviceName,
        loadBalancerArnSuffix: props.loadBalancerArnSuffix,
        targetGroupArnSuffix: props.targetGroupArnSuffix,
        logGroupName: props.logGroupName,
        alarmArns: Object.values(this.alarms).map((alarm: CloudwatchMetricAlarm) => alarm.arn),
      }),
    });

    this.queries = LOGS_INSIGHTS_QUERIES.map(
      (query) =>
        new CloudwatchQueryDefinition(this, `query_${query.id}`, {
          name: `${prefix}/${query.title}`,
          logGroupNames: [this.logGroup.name],
          queryString: query.queryString,
        }),
    );
  }

  /** A metric alarm that notifies the topic when it fires and when it recovers. */
  private metricAlarm(
    id: string,
    alarmName: string,
    config: Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions'>,
  ): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, id, {
      ...config,
      alarmName,
      alarmActions: [this.alarmTopic.arn],
      okActions: [this.alarmTopic.arn],
    });
  }

  private notifyFromRule(
    id: string,
    rule: CloudwatchEventRule,
    transform: { paths: Record<string, string>; message: string },
  ): void {
    new CloudwatchEventTarget(this, id, {
      rule: rule.name,
      arn: this.alarmTopic.arn,
      inputTransformer: { inputPaths: transform.paths, inputTemplate: transform.message },
    });
  }
}
