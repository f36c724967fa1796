import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { CapacityProviderStrategy, ContainerInsights, CpuArchitecture } from './config';

/** Properties of {@link DashboardService}. */
export interface DashboardServiceProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** Task definition family (also the prefix of the role names). */
  readonly taskFamily: string;
  readonly containerName: string;
  readonly containerPort: number;
  /** Path Streamlit answers health checks on. */
  readonly healthCheckPath: string;
  /** Image by digest (`<repo>@sha256:...`). */
  readonly imageUri: string;
  /** The repository the execution role may pull from (and nothing else). */
  readonly repository: EcrRepository;
  /** The log group the execution role may write to (and nothing else). */
  readonly logGroup: CloudwatchLogGroup;
  readonly targetGroup: LbTargetGroup;
  /** The listener that forwards to the target group; the service is created after it. */
  readonly listener: LbListener;
  readonly subnets: Subnet[];
  readonly securityGroup: SecurityGroup;
  /** The VibeJudge API base (with `/api/v1`), passed as `API_BASE_URL`. */
  readonly apiBaseUrl: string;
  /** SSM parameter name of the shared Streamlit cookie secret. */
  readonly cookieSecretParameterName: string;
  /**
   * Alarms that roll a deployment back when they fire during it.
   * @default - no deployment alarms
   */
  readonly deploymentAlarms?: CloudwatchMetricAlarm[];
  /** @default 512 */
  readonly taskCpu?: number;
  /** @default 1024 */
  readonly taskMemoryMiB?: number;
  /** @default ARM64 */
  readonly cpuArchitecture?: CpuArchitecture;
  /** @default { fargateBase: 2, fargateWeight: 0, fargateSpotWeight: 1 } */
  readonly capacityProviderStrategy?: CapacityProviderStrategy;
  /** @default enabled */
  readonly containerInsights?: ContainerInsights;
  /** @default true */
  readonly assignPublicIp?: boolean;
  /** Initial desired count; later applies leave it to the autoscaler. @default 2 */
  readonly desiredCount?: number;
  /** @default 60 */
  readonly healthCheckGracePeriodSeconds?: number;
}

/** UID:GID of the image's `streamlit` user (requirement 1.3). */
export const CONTAINER_USER = '1000:1000';
/** Where the read-only root file system gets a writable scratch volume. */
export const SCRATCH_PATH = '/tmp';
/** The container's environment variable that carries the shared cookie secret. */
export const COOKIE_SECRET_VARIABLE = 'STREAMLIT_SERVER_COOKIE_SECRET';

/**
 * The ECS cluster (FARGATE + FARGATE_SPOT, Container Insights), the execution and task roles, the
 * shared Streamlit cookie secret, the task definition and the service behind the target group.
 */
export class DashboardService extends Construct {
  public readonly cluster: EcsCluster;
  public readonly capacityProviders: EcsClusterCapacityProviders;
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;
  public readonly cookieSecret: SsmParameter;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly service: EcsService;

  constructor(scope: Construct, id: string, props: DashboardServiceProps) {
    super(scope, id);
    const strategy = props.capacityProviderStrategy ?? { fargateBase: 2, fargateWeight: 0, fargateSpotWeight: 1 };
    const account = new DataAwsCallerIdentity(this, 'account', {});
    const region = new DataAwsRegion(this, 'region', {});

    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? 'enabled' }],
    });
    const strategyItems = [
      { capacityProvider: 'FARGATE', base: strategy.fargateBase, weight: strategy.fargateWeight },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: strategy.fargateSpotWeight },
    ];
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: strategyItems,
    });

    // Streamlit signs its XSRF cookie with server.cookieSecret; each process would invent its own, so a
    // request that reaches another task fails the XSRF check. One secret for all tasks, generated by an
    // ephemeral resource and written to a write-only attribute: it never appears in plan or state, and
    // value_wo_version keeps it stable across applies (bump the version to rotate it).
    const stack = TerraformStack.of(this);
    const passwordId = `${props.taskFamily.replace(/[^A-Za-z0-9_]/g, '_')}_cookie_secret`;
    stack.addOverride(`ephemeral.aws_secretsmanager_random_password.${passwordId}`, {
      password_length: 64,
      exclude_punctuation: true,
    });
    this.cookieSecret = new SsmParameter(this, 'cookie-secret', {
      name: props.cookieSecretParameterName,
      description: 'Streamlit server.cookieSecret shared by every dashboard task',
      type: 'SecureString',
      valueWo: `\${ephemeral.aws_secretsmanager_random_password.${passwordId}.random_password}`,
      valueWoVersion: 1,
    });

    const assumeRolePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Confused-deputy guard: only ECS acting for this account may assume the roles.
          Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
        },
      ],
    });
    this.executionRole = new IamRole(this, 'execution-role', {
      name: `${props.taskFamily}-execution`,
      description: 'ECS agent: pull the dashboard image, write its logs, read its cookie secret',
      assumeRolePolicy,
    });
    new IamRolePolicy(this, 'execution-role-policy', {
      name: `${props.taskFamily}-pull-image-write-logs-read-secret`,
      role: this.executionRole.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          // GetAuthorizationToken is account-wide: AWS does not allow scoping it to a repository.
          { Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
          {
            Sid: 'PullThisRepository',
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: props.repository.arn,
          },
          {
            Sid: 'WriteThisLogGroup',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${props.logGroup.arn}:log-stream:*`,
          },
          {
            Sid: 'ReadCookieSecret',
            Effect: 'Allow',
            Action: ['ssm:GetParameters'],
            Resource: this.cookieSecret.arn,
          },
        ],
      }),
    });
    // The dashboard calls no AWS API: the task role exists (so no default credentials leak in) and has no policy.
    this.taskRole = new IamRole(this, 'task-role', {
      name: `${props.taskFamily}-task`,
      description: 'Dashboard containers: no AWS permissions',
      assumeRolePolicy,
    });

    const healthUrl = `http://127.0.0.1:${props.containerPort}${props.healthCheckPath}`;
    const containerDefinition = {
      name: props.containerName,
      image: props.imageUri,
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      privileged: false,
      portMappings: [{ containerPort: props.containerPort, hostPort: props.containerPort, protocol: 'tcp' }],
      environment: [
        { name: 'API_BASE_URL', value: props.apiBaseUrl },
        { name: 'STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION', value: 'true' },
      ],
      secrets: [{ name: COOKIE_SECRET_VARIABLE, valueFrom: this.cookieSecret.arn }],
      mountPoints: [{ sourceVolume: 'scratch', containerPath: SCRATCH_PATH, readOnly: false }],
      // Least privilege: Streamlit needs no Linux capability (it binds 8501, above 1024). With an
      // init process as PID 1, Streamlit gets ECS's SIGTERM forwarded and the kernel's default
      // signal behaviour (a PID 1 has none), and orphaned processes are reaped.
      linuxParameters: { capabilities: { drop: ['ALL'] }, initProcessEnabled: true },
      // The image has Python, not curl: the check fetches Streamlit's health endpoint with the standard library.
      healthCheck: {
        command: [
          'CMD',
          'python',
          '-c',
          `import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('${healthUrl}', timeout=2).status == 200 else 1)`,
        ],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 60,
      },
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': props.logGroup.name,
          'awslogs-region': region.region,
          'awslogs-stream-prefix': 'dashboard',
        },
      },
    };

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: props.taskFamily,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.taskCpu ?? 512),
      memory: String(props.taskMemoryMiB ?? 1024),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.cpuArchitecture ?? 'ARM64' },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: JSON.stringify([containerDefinition]),
      volume: [{ name: 'scratch' }],
      // Old revisions stay registered, so a manual rollback target always exists.
      skipDestroy: true,
    });

    const alarmNames = (props.deploymentAlarms ?? []).map((a) => a.alarmName);
    this.service = new EcsService(this, 'service', {
      name: props.serviceName,
      cluster: this.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount ?? 2,
      // A service with launch_type ignores capacity providers; the strategy is what puts tasks on Spot.
      capacityProviderStrategy: strategyItems,
      platformVersion: 'LATEST',
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: alarmNames.length > 0 ? { alarmNames, enable: true, rollback: true } : undefined,
      healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
      availabilityZoneRebalancing: 'ENABLED',
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      networkConfiguration: {
        subnets: props.subnets.map((s) => s.id),
        securityGroups: [props.securityGroup.id],
        assignPublicIp: props.assignPublicIp ?? true,
      },
      loadBalancer: [
        {
          targetGroupArn: props.targetGroup.arn,
          containerName: props.containerName,
          containerPort: props.containerPort,
        },
      ],
      // The autoscaler owns the desired count after the first apply.
      lifecycle: { ignoreChanges: ['desired_count'] },
      // The target group must be attached to a listener, and the capacity providers to the cluster, first.
      dependsOn: [props.listener, this.capacityProviders],
    });
  }
}
