import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchQueryDefinition } from '@cdktf/provider-aws/lib/cloudwatch-query-definition';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Monitoring, MonitoringProps } from '../src/monitoring';
import { SynthesizedStack, referenceTo, synthApp } from './stack-helpers';

const BASE_PROPS: MonitoringProps = {
  namePrefix: 'vibejudge-dashboard-dev',
  logGroupName: '/ecs/vibejudge-dashboard-dev',
  clusterName: 'vibejudge-cluster-dev',
  serviceName: 'vibejudge-dashboard-service-dev',
  loadBalancerArnSuffix: 'app/vibejudge-dashboard-alb-dev/0123456789abcdef',
  targetGroupArnSuffix: 'targetgroup/vibejudge-dashboard-tg-dev/0123456789abcdef',
};

interface Synthesized {
  json: string;
  parsed: { resource: Record<string, Record<string, Record<string, unknown>>> };
}

function synthMonitoring(props: Partial<MonitoringProps> = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'monitoring-test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new Monitoring(stack, 'monitoring', { ...BASE_PROPS, ...props });
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) };
}

function resourcesOf(synth: Synthesized, type: string): Record<string, unknown>[] {
  return Object.values(synth.parsed.resource[type] ?? {});
}

function alarmNamed(synth: Synthesized, name: string): Record<string, unknown> {
  const alarm = resourcesOf(synth, CloudwatchMetricAlarm.tfResourceType).find((a) => a.alarm_name === name);
  if (!alarm) throw new Error(`no alarm named ${name}`);
  return alarm;
}

describe('correctness properties on the synthesized dev stack', () => {
  let dev: SynthesizedStack;
  beforeAll(() => {
    dev = synthApp({ DASHBOARD_ENVIRONMENTS: 'dev', DASHBOARD_IMAGE_TAG: 'abc1234' }).stacks['vibejudge-dashboard-dev'];
  });

  test('Property 10: logs older than 7 days are deleted from the container log group', () => {
    expect(dev.json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/ecs/vibejudge-dashboard-dev',
      retention_in_days: 7,
    });
    const taskDefinition = Object.values(dev.parsed.resource.aws_ecs_task_definition)[0];
    const [container] = JSON.parse(taskDefinition.container_definitions);
    expect(container.logConfiguration.options['awslogs-group']).toBe(
      referenceTo(dev, 'aws_cloudwatch_log_group', 'name'),
    );
  });

  test('Property 20: HealthyHostCount below 1 puts an alarm in ALARM state that notifies the SNS topic', () => {
    expect(dev.json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'vibejudge-dashboard-dev-healthy-hosts',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HealthyHostCount',
      dimensions: {
        LoadBalancer: referenceTo(dev, 'aws_lb', 'arn_suffix'),
        TargetGroup: referenceTo(dev, 'aws_lb_target_group', 'arn_suffix'),
      },
      statistic: 'Minimum',
      period: 60,
      evaluation_periods: 1,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
      alarm_actions: [referenceTo(dev, 'aws_sns_topic', 'arn', (topic) => topic.name === 'vibejudge-dashboard-dev-alarms')],
    });
  });

  test('the service rolls back a deployment when the unhealthy-host or 5XX-rate alarm fires', () => {
    const service = Object.values(dev.parsed.resource.aws_ecs_service)[0];
    expect(service.alarms).toEqual({
      enable: true,
      rollback: true,
      alarm_names: [
        referenceTo(dev, 'aws_cloudwatch_metric_alarm', 'alarm_name', (a) => a.alarm_name.endsWith('-unhealthy-hosts')),
        referenceTo(dev, 'aws_cloudwatch_metric_alarm', 'alarm_name', (a) => a.alarm_name.endsWith('-target-5xx-rate')),
      ],
    });
  });
});

describe('Monitoring', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthMonitoring();
  });

  test('the log retention follows the logRetentionDays prop', () => {
    expect(synthMonitoring({ logRetentionDays: 30 }).json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 30,
    });
  });

  test('every alarm notifies the topic when it fires and when it recovers', () => {
    const alarms = resourcesOf(synth, CloudwatchMetricAlarm.tfResourceType);
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.monitoring_alarm_topic_[^.]+\.arn\}$/)]);
      expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
    }
  });

  test('response time above 5 s for 2 consecutive periods raises an alarm (requirement 9.6)', () => {
    expect(alarmNamed(synth, 'vibejudge-dashboard-dev-response-time')).toMatchObject({
      metric_name: 'TargetResponseTime',
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
    });
  });

  test('CPU and memory above 90 % for 5 minutes raise alarms on the service', () => {
    for (const [name, metric] of [
      ['vibejudge-dashboard-dev-cpu-high', 'CPUUtilization'],
      ['vibejudge-dashboard-dev-memory-high', 'MemoryUtilization'],
    ]) {
      expect(alarmNamed(synth, name)).toMatchObject({
        namespace: 'AWS/ECS',
        metric_name: metric,
        dimensions: { ClusterName: 'vibejudge-cluster-dev', ServiceName: 'vibejudge-dashboard-service-dev' },
        threshold: 90,
        period: 300,
        evaluation_periods: 1,
        comparison_operator: 'GreaterThanThreshold',
      });
    }
  });

  test('any unhealthy host raises an alarm', () => {
    expect(alarmNamed(synth, 'vibejudge-dashboard-dev-unhealthy-hosts')).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
  });

  test('a target 5XX rate above 1 % of requests raises an alarm computed with metric math', () => {
    const alarm = alarmNamed(synth, 'vibejudge-dashboard-dev-target-5xx-rate');
    expect(alarm).toMatchObject({ threshold: 1, comparison_operator: 'GreaterThanThreshold' });
    const queries = alarm.metric_query as Record<string, unknown>[];
    expect(queries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'rate',
          expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
          return_data: true,
        }),
        expect.objectContaining({
          id: 'errors',
          metric: expect.objectContaining({ metric_name: 'HTTPCode_Target_5XX_Count', stat: 'Sum' }),
        }),
        expect.objectContaining({
          id: 'requests',
          metric: expect.objectContaining({ metric_name: 'RequestCount', stat: 'Sum' }),
        }),
      ]),
    );
  });

  test('the deployment alarms are the unhealthy-host and 5XX-rate alarms', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'deployment-alarms');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const monitoring = new Monitoring(stack, 'monitoring', BASE_PROPS);
    expect(monitoring.deploymentAlarms).toEqual([monitoring.alarms.unhealthyHosts, monitoring.alarms.target5xxRate]);
  });

  test('a failed or rolled-back deployment of this service notifies the topic', () => {
    const rule = resourcesOf(synth, CloudwatchEventRule.tfResourceType).find(
      (r) => r.name === 'vibejudge-dashboard-dev-deployment-failed',
    );
    expect(JSON.parse(rule?.event_pattern as string)).toEqual({
      source: ['aws.ecs'],
      'detail-type': ['ECS Deployment State Change'],
      resources: [{ suffix: ':service/vibejudge-cluster-dev/vibejudge-dashboard-service-dev' }],
      detail: { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
    });
  });

  test('an unexpectedly stopped task notifies the topic, but scale-in, deployments and Spot reclaims do not', () => {
    const rule = resourcesOf(synth, CloudwatchEventRule.tfResourceType).find(
      (r) => r.name === 'vibejudge-dashboard-dev-task-stopped',
    );
    const pattern = JSON.parse(rule?.event_pattern as string);
    expect(pattern.detail).toMatchObject({
      clusterArn: [{ suffix: ':cluster/vibejudge-cluster-dev' }],
      group: ['service:vibejudge-dashboard-service-dev'],
      lastStatus: ['STOPPED'],
    });
    const stopCodes = pattern.detail.$or.flatMap((branch: { stopCode?: string[] }) => branch.stopCode ?? []);
    expect(stopCodes).toEqual(['TaskFailedToStart', 'EssentialContainerExited']);
    expect(stopCodes).not.toContain('SpotInterruption');
    expect(stopCodes).not.toContain('ServiceSchedulerInitiated');
    expect(JSON.stringify(pattern.detail.$or)).toContain('Task failed ELB health checks');
  });

  test('both event rules publish a readable message to the topic', () => {
    const targets = resourcesOf(synth, CloudwatchEventTarget.tfResourceType);
    expect(targets).toHaveLength(2);
    for (const target of targets) {
      expect(target.arn).toMatch(/aws_sns_topic\.monitoring_alarm_topic_[^.]+\.arn/);
      expect(target.input_transformer).toEqual(
        expect.objectContaining({ input_template: expect.stringContaining('vibejudge-dashboard-service-dev') }),
      );
    }
  });

  test('only EventBridge and CloudWatch of this account may publish to the topic, over TLS', () => {
    const policy = resourcesOf(synth, SnsTopicPolicy.tfResourceType)[0].policy as string;
    expect(policy).toContain('events.amazonaws.com');
    expect(policy).toContain('cloudwatch.amazonaws.com');
    expect(policy).toContain('aws:SourceAccount');
    expect(policy).toContain('aws:SecureTransport');
  });

  test('an alarm e-mail subscribes to the topic only when configured', () => {
    expect(resourcesOf(synth, SnsTopicSubscription.tfResourceType)).toHaveLength(0);
    expect(synthMonitoring({ alarmEmail: 'ops@example.com' }).json).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'ops@example.com',
    });
  });

  test('the dashboard shows service, task-count and load balancer metrics and the alarms', () => {
    const dashboard = resourcesOf(synth, CloudwatchDashboard.tfResourceType)[0];
    expect(dashboard.dashboard_name).toBe('vibejudge-dashboard-dev');
    const body = dashboard.dashboard_body as string;
    for (const metric of [
      'CPUUtilization',
      'MemoryUtilization',
      'DesiredTaskCount',
      'RunningTaskCount',
      'TargetResponseTime',
      'HealthyHostCount',
      'UnHealthyHostCount',
      'HTTPCode_Target_5XX_Count',
    ]) {
      expect(body).toContain(`"${metric}"`);
    }
    expect(body).toContain('"type":"alarm"');
  });

  test("the design's three Logs Insights queries are saved for the log group", () => {
    const queries = resourcesOf(synth, CloudwatchQueryDefinition.tfResourceType);
    const byName = Object.fromEntries(queries.map((q) => [q.name as string, q]));
    expect(Object.keys(byName).sort()).toEqual([
      'vibejudge-dashboard-dev/api-response-times',
      'vibejudge-dashboard-dev/find-errors',
      'vibejudge-dashboard-dev/task-starts-and-stops',
    ]);
    for (const query of queries) {
      expect(query.log_group_names).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\.monitoring_log_group_[^.]+\.name/)]);
    }
    expect(byName['vibejudge-dashboard-dev/find-errors'].query_string).toContain(
      'filter @message like /ERROR|Exception|Failed/',
    );
    expect(byName['vibejudge-dashboard-dev/api-response-times'].query_string).toContain(
      'parse @message /response_time_ms=',
    );
  });
});
