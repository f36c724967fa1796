/** What the CloudWatch dashboard shows; values may be Terraform tokens. */
export interface DashboardBodyProps {
  readonly region: string;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly logGroupName: string;
  readonly alarmArns: string[];
}

/**
 * The dashboard's JSON body: the service metrics of requirement 9.3 (CPU, memory, desired and running
 * tasks), the load balancer metrics of requirement 9.4 (response time, healthy and unhealthy hosts,
 * 4XX/5XX), the alarm states and the latest errors from the logs.
 *
 * Tokens inside the strings are resolved by cdktf into Terraform interpolations.
 */
export function dashboardBody(props: DashboardBodyProps): string {
  const service = ['ClusterName', props.clusterName, 'ServiceName', props.serviceName];
  const alb = ['LoadBalancer', props.loadBalancerArnSuffix];
  const targets = ['TargetGroup', props.targetGroupArnSuffix, ...alb];
  const metricWidget = (x: number, y: number, title: string, metrics: unknown[][], extra: object = {}) => ({
    type: 'metric',
    x,
    y,
    width: 8,
    height: 6,
    properties: { title, region: props.region, view: 'timeSeries', stacked: false, period: 60, metrics, ...extra },
  });
  const widgets = [
    {
      type: 'alarm',
      x: 0,
      y: 0,
      width: 24,
      height: 3,
      properties: { title: 'Alarms', alarms: props.alarmArns },
    },
    metricWidget(0, 3, 'Service CPU and memory (%)', [
      ['AWS/ECS', 'CPUUtilization', ...service, { label: 'CPU' }],
      ['AWS/ECS', 'MemoryUtilization', ...service, { label: 'Memory' }],
    ], { yAxis: { left: { min: 0, max: 100 } } }),
    metricWidget(8, 3, 'Tasks (desired / running)', [
      ['ECS/ContainerInsights', 'DesiredTaskCount', ...service, { label: 'Desired' }],
      ['ECS/ContainerInsights', 'RunningTaskCount', ...service, { label: 'Running' }],
    ]),
    metricWidget(16, 3, 'Healthy / unhealthy targets', [
      ['AWS/ApplicationELB', 'HealthyHostCount', ...targets, { stat: 'Minimum', label: 'Healthy' }],
      ['AWS/ApplicationELB', 'UnHealthyHostCount', ...targets, { stat: 'Maximum', label: 'Unhealthy' }],
    ]),
    metricWidget(0, 9, 'Target response time (s)', [
      ['AWS/ApplicationELB', 'TargetResponseTime', ...targets, { stat: 'Average', label: 'Average' }],
      ['AWS/ApplicationELB', 'TargetResponseTime', ...targets, { stat: 'p95', label: 'p95' }],
    ], { annotations: { horizontal: [{ label: 'alarm', value: 5 }] } }),
    metricWidget(8, 9, 'Requests and errors', [
      ['AWS/ApplicationELB', 'RequestCount', ...alb, { stat: 'Sum', label: 'Requests' }],
      ['AWS/ApplicationELB', 'HTTPCode_Target_4XX_Count', ...targets, { stat: 'Sum', label: 'Target 4XX' }],
      ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...targets, { stat: 'Sum', label: 'Target 5XX' }],
      ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', ...alb, { stat: 'Sum', label: 'ALB 5XX' }],
    ]),
    metricWidget(16, 9, 'Active connections (websockets)', [
      ['AWS/ApplicationELB', 'ActiveConnectionCount', ...alb, { stat: 'Sum', label: 'Active' }],
      ['AWS/ApplicationELB', 'NewConnectionCount', ...alb, { stat: 'Sum', label: 'New' }],
    ]),
    {
      type: 'log',
      x: 0,
      y: 15,
      width: 24,
      height: 6,
      properties: {
        title: 'Latest errors',
        region: props.region,
        view: 'table',
        query: `SOURCE '${props.logGroupName}' | fields @timestamp, @logStream, @message | filter @message like /ERROR|Exception|Failed/ | sort @timestamp desc | limit 20`,
      },
    },
  ];
  return JSON.stringify({ widgets });
}
