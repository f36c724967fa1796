import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Route } from '@cdktf/provider-aws/lib/route';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Image } from '@cdktf/provider-docker/lib/image';
import { RegistryImage } from '@cdktf/provider-docker/lib/registry-image';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { DataAwsEcrAuthorizationToken } from '@cdktf/provider-aws/lib/data-aws-ecr-authorization-token';
import {
  containerDefinitions,
  onlyResource,
  referenceTo,
  resourcesOfType,
  synthApp,
  SynthesizedStack,
} from './stack-helpers';

// GIVEN the embedded defaults (no environment variables), WHEN every stack is synthesized once,
// THEN the attributes below hold. Each test names the guarantee it proves.
let dev: SynthesizedStack;
let prod: SynthesizedStack;
let warnings: string[];

beforeAll(() => {
  const synthesized = synthApp({});
  dev = synthesized.stacks['vibejudge-dashboard-dev'];
  prod = synthesized.stacks['vibejudge-dashboard-prod'];
  warnings = synthesized.warnings;
});

const TASK_SG = (c: Record<string, any>) => c.name === 'vibejudge-dashboard-dev-tasks';
const ALB_SG = (c: Record<string, any>) => c.name === 'vibejudge-dashboard-dev-alb';

describe('correctness properties (design.md)', () => {
  test('Property 1: the running task count stays within 2..10 (desired 2, autoscaler owns it afterwards)', () => {
    expect(dev.json).toHaveResourceWithProperties(AppautoscalingTarget, {
      min_capacity: 2,
      max_capacity: 10,
      scalable_dimension: 'ecs:service:DesiredCount',
      service_namespace: 'ecs',
    });
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      desired_count: 2,
      lifecycle: { ignore_changes: ['desired_count'] },
    });
  });

  test('Property 2: a target failing 3 consecutive health checks gets no traffic (health check on /_stcore/health)', () => {
    expect(dev.json).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'ip',
      port: 8501,
      protocol: 'HTTP',
      health_check: expect.objectContaining({
        enabled: true,
        path: '/_stcore/health',
        interval: 30,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
        matcher: '200',
      }),
    });
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      load_balancer: [
        {
          target_group_arn: referenceTo(dev, 'aws_lb_target_group', 'arn'),
          container_name: 'streamlit-dashboard',
          container_port: 8501,
        },
      ],
    });
  });

  test('Property 3: a failed task is replaced (replica service, essential container with a health check, 60 s grace)', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      desired_count: 2,
      health_check_grace_period_seconds: 60,
    });
    const service = onlyResource(dev, 'aws_ecs_service');
    expect(service.scheduling_strategy ?? 'REPLICA').toBe('REPLICA');
    const [container] = containerDefinitions(dev);
    expect(container.essential).toBe(true);
    expect(container.healthCheck).toEqual(expect.objectContaining({ retries: 3, interval: 30, startPeriod: 60 }));
  });

  test('Property 4: deployments keep 100 % of the desired tasks healthy and may run up to 200 %', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
    });
  });

  test('Property 5: a failing deployment rolls back (circuit breaker and deployment alarms), old revisions stay', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      deployment_circuit_breaker: { enable: true, rollback: true },
      alarms: {
        enable: true,
        rollback: true,
        alarm_names: expect.arrayContaining([
          referenceTo(dev, 'aws_cloudwatch_metric_alarm', 'alarm_name', (c) => c.alarm_name === 'vibejudge-dashboard-dev-unhealthy-hosts'),
        ]),
      },
    });
    const alarmNames: string[] = onlyResource(dev, 'aws_ecs_service').alarms.alarm_names;
    expect(alarmNames.length).toBeGreaterThanOrEqual(2);
    expect(dev.json).toHaveResourceWithProperties(EcsTaskDefinition, { skip_destroy: true });
  });

  test('Property 6: scaling never goes below 2 or above 10 tasks', () => {
    expect(dev.json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 10 });
    expect(prod.json).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 10 });
    expect(resourcesOfType(dev, 'aws_appautoscaling_target')).toHaveLength(1);
  });

  test('Property 7: scale-out waits 60 s and scale-in 300 s, tracking 70 % average CPU', () => {
    expect(dev.json).toHaveResourceWithProperties(AppautoscalingPolicy, {
      policy_type: 'TargetTrackingScaling',
      target_tracking_scaling_policy_configuration: expect.objectContaining({
        target_value: 70,
        scale_out_cooldown: 60,
        scale_in_cooldown: 300,
        predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      }),
    });
  });

  test('Property 8: tasks accept traffic only on 8501 and only from the ALB security group', () => {
    const taskSg = referenceTo(dev, 'aws_security_group', 'id', TASK_SG);
    const albSg = referenceTo(dev, 'aws_security_group', 'id', ALB_SG);
    expect(dev.json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: taskSg,
      ip_protocol: 'tcp',
      from_port: 8501,
      to_port: 8501,
      referenced_security_group_id: albSg,
    });
    const taskIngress = resourcesOfType(dev, 'aws_vpc_security_group_ingress_rule').filter(
      (r) => r.security_group_id === taskSg,
    );
    expect(taskIngress).toHaveLength(1);
    expect(taskIngress[0].cidr_ipv4).toBeUndefined();
    expect(taskIngress[0].cidr_ipv6).toBeUndefined();
    for (const group of resourcesOfType(dev, 'aws_security_group')) {
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    }
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      network_configuration: expect.objectContaining({ security_groups: [taskSg] }),
    });
  });

  test('Property 9: the repository keeps at most the 10 most recent images', () => {
    const policy = JSON.parse(onlyResource(dev, 'aws_ecr_lifecycle_policy').policy);
    expect(policy.rules).toEqual([
      expect.objectContaining({
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
        action: { type: 'expire' },
      }),
    ]);
    expect(dev.json).toHaveResourceWithProperties(EcrLifecyclePolicy, {
      repository: referenceTo(dev, 'aws_ecr_repository', 'name'),
    });
  });

  test('Property 12: one task failing leaves a healthy one (2 on-demand tasks in 2 zones, 100 % minimum healthy)', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      desired_count: 2,
      deployment_minimum_healthy_percent: 100,
      capacity_provider_strategy: [
        { capacity_provider: 'FARGATE', base: 2, weight: 0 },
        { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 1 },
      ],
    });
    expect(onlyResource(dev, 'aws_ecs_service').network_configuration.subnets).toHaveLength(2);
  });

  test('Property 13: a healthy task answers its health check within 2 s (container check times out at 2 s)', () => {
    const [container] = containerDefinitions(dev);
    const command: string[] = container.healthCheck.command;
    expect(command.slice(0, 3)).toEqual(['CMD', 'python', '-c']);
    expect(command[3]).toContain("urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)");
    expect(command[3]).toContain('== 200');
    expect(dev.json).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: expect.objectContaining({ path: '/_stcore/health', matcher: '200' }),
    });
  });

  test('Property 14: the container runs as UID 1000, unprivileged, on a read-only root file system', () => {
    const [container] = containerDefinitions(dev);
    expect(container.user).toBe('1000:1000');
    expect(container.privileged).toBe(false);
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.mountPoints).toEqual([{ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false }]);
    expect(dev.json).toHaveResourceWithProperties(EcsTaskDefinition, { volume: [{ name: 'scratch' }] });
  });

  test('Property 15: the image is built from the repository Dockerfile (its size is proven by tests/container)', () => {
    expect(dev.json).toHaveResourceWithProperties(Image, {
      build: expect.objectContaining({ dockerfile: 'Dockerfile', platform: 'linux/arm64' }),
    });
    expect(onlyResource(dev, 'docker_image').build.context).toBe(process.cwd());
  });

  test('Property 16: every pushed image is scanned for vulnerabilities', () => {
    expect(dev.json).toHaveResourceWithProperties(EcrRepository, {
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(prod.json).toHaveResourceWithProperties(EcrRepository, {
      image_scanning_configuration: { scan_on_push: true },
    });
  });

  test('Property 17: tasks spread over two availability zones', () => {
    const subnets = resourcesOfType(dev, 'aws_subnet');
    expect(subnets.map((s) => s.availability_zone).sort()).toEqual([
      expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.[^.]+\.names, 0\)\}$/),
      expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.[^.]+\.names, 1\)\}$/),
    ]);
    const subnetIds = Object.keys(dev.parsed.resource.aws_subnet).map((id) => `\${aws_subnet.${id}.id}`);
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      availability_zone_rebalancing: 'ENABLED',
      network_configuration: expect.objectContaining({ subnets: expect.arrayContaining(subnetIds) }),
    });
    expect(dev.json).toHaveResourceWithProperties(Lb, { subnets: expect.arrayContaining(subnetIds) });
  });

  test('Property 18: every task gets exactly 0.5 vCPU and 1 GB (512 CPU units, 1024 MiB) on Fargate', () => {
    for (const stack of [dev, prod]) {
      expect(stack.json).toHaveResourceWithProperties(EcsTaskDefinition, {
        cpu: '512',
        memory: '1024',
        network_mode: 'awsvpc',
        requires_compatibilities: ['FARGATE'],
        runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' },
      });
    }
  });

  test('Property 19: HTTP on port 80 is redirected to HTTPS on 443 with a 301', () => {
    expect(prod.json).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: 'HTTP',
      default_action: [
        expect.objectContaining({
          type: 'redirect',
          redirect: expect.objectContaining({ port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' }),
        }),
      ],
    });
    expect(prod.json).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      default_action: [expect.objectContaining({ type: 'forward', target_group_arn: referenceTo(prod, 'aws_lb_target_group', 'arn') })],
    });
  });
});

describe('resources the issue pins down', () => {
  test('the VPC has DNS support, a default route to an internet gateway and no NAT gateway', () => {
    expect(dev.json).toHaveResourceWithProperties(Vpc, { enable_dns_support: true, enable_dns_hostnames: true });
    expect(dev.json).toHaveResourceWithProperties(Route, {
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: referenceTo(dev, 'aws_internet_gateway', 'id'),
    });
    expect(resourcesOfType(dev, 'aws_route_table_association')).toHaveLength(2);
    expect(dev.parsed.resource.aws_nat_gateway).toBeUndefined();
    expect(dev.json).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.1.0/24' });
    expect(dev.json).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.2.0/24' });
  });

  test('the cluster has Container Insights and the FARGATE and FARGATE_SPOT providers, base 2 on FARGATE', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsCluster, {
      name: 'vibejudge-cluster-dev',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(dev.json).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      default_capacity_provider_strategy: [
        { capacity_provider: 'FARGATE', base: 2, weight: 0 },
        { capacity_provider: 'FARGATE_SPOT', base: 0, weight: 1 },
      ],
    });
  });

  test('the service uses the capacity provider strategy, not launch_type (which would ignore Spot)', () => {
    const service = onlyResource(dev, 'aws_ecs_service');
    expect(service.launch_type).toBeUndefined();
    expect(service.capacity_provider_strategy).toHaveLength(2);
    expect(service.depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./), expect.stringMatching(/^aws_lb_listener\./)]),
    );
  });

  test('the service has public IPs, propagates tags and rebalances zones', () => {
    expect(dev.json).toHaveResourceWithProperties(EcsService, {
      name: 'vibejudge-dashboard-service-dev',
      propagate_tags: 'SERVICE',
      availability_zone_rebalancing: 'ENABLED',
      network_configuration: expect.objectContaining({ assign_public_ip: true }),
    });
  });

  test('the target group keeps a browser on one task (sticky sessions) and drains for 30 s', () => {
    expect(dev.json).toHaveResourceWithProperties(LbTargetGroup, {
      name: 'vibejudge-dashboard-tg-dev',
      deregistration_delay: '30',
      stickiness: { enabled: true, type: 'lb_cookie', cookie_duration: 86400 },
    });
  });

  test('the container gets API_BASE_URL from config and logs to the environment log group', () => {
    const [container] = containerDefinitions(dev);
    expect(container.name).toBe('streamlit-dashboard');
    expect(container.portMappings).toEqual([{ containerPort: 8501, hostPort: 8501, protocol: 'tcp' }]);
    expect(container.environment).toEqual(
      expect.arrayContaining([
        { name: 'API_BASE_URL', value: 'https://2nu0j4n648.execute-api.us-east-1.amazonaws.com/dev/api/v1' },
      ]),
    );
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: expect.objectContaining({
        'awslogs-group': referenceTo(dev, 'aws_cloudwatch_log_group', 'name'),
        'awslogs-stream-prefix': 'dashboard',
      }),
    });
    expect(dev.json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/ecs/vibejudge-dashboard-dev' });
  });

  test('the task definition runs the image by digest, never by tag', () => {
    const [container] = containerDefinitions(dev);
    expect(container.image).toBe(
      `${referenceTo(dev, 'aws_ecr_repository', 'repository_url')}@${referenceTo(dev, 'docker_registry_image', 'sha256_digest', (c) => !c.name.endsWith(':latest'))}`,
    );
  });

  test('the task definition does not set DASHBOARD_AUTOLOGIN_API_KEY (a local-development-only variable)', () => {
    for (const stack of [dev, prod]) {
      const [container] = containerDefinitions(stack);
      const names = [...(container.environment ?? []), ...(container.secrets ?? [])].map((v: { name: string }) => v.name);
      expect(names).not.toContain('DASHBOARD_AUTOLOGIN_API_KEY');
      expect(onlyResource(stack, 'aws_ecs_task_definition').container_definitions).not.toContain('AUTOLOGIN');
    }
  });

  test('build mode pushes <git sha> and latest through ECR credentials known at plan time', () => {
    const sha = /^[0-9a-f]{40}$/;
    const repoUrl = referenceTo(dev, 'aws_ecr_repository', 'repository_url');
    const pushes = resourcesOfType(dev, 'docker_registry_image').map((r) => r.name);
    expect(pushes).toHaveLength(2);
    expect(pushes).toContain(`${repoUrl}:latest`);
    expect(onlyResource(dev, 'docker_image').name).toMatch(new RegExp(`^\\$\\{aws_ecr_repository\\.[^}]+\\}:[0-9a-f]{40}$`));
    expect(onlyResource(dev, 'docker_image').name.split(':').pop()).toMatch(sha);
    const build = onlyResource(dev, 'docker_image').build;
    expect(build.build_args.GIT_REVISION).toBe(onlyResource(dev, 'docker_image').name.split(':').pop());
    expect(dev.json).toHaveResourceWithProperties(RegistryImage, { keep_remotely: true });
    expect(dev.json).toHaveDataSourceWithProperties(DataAwsEcrAuthorizationToken, {});
    expect(Object.values(dev.parsed.data?.aws_ecr_authorization_token ?? {})[0].registry_id).toBeUndefined();
    expect(dev.json).toHaveProviderWithProperties(DockerProvider, {
      registry_auth: [
        expect.objectContaining({
          address: expect.stringContaining('proxy_endpoint'),
          username: expect.stringContaining('user_name'),
          password: expect.stringContaining('password'),
        }),
      ],
    });
  });
});

describe('security defaults', () => {
  test('the ALB security group admits only 80 and 443, from the internet', () => {
    const albSg = referenceTo(dev, 'aws_security_group', 'id', ALB_SG);
    const ingress = resourcesOfType(dev, 'aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === albSg);
    expect(ingress.map((r) => [r.from_port, r.to_port, r.ip_protocol, r.cidr_ipv4]).sort()).toEqual([
      [443, 443, 'tcp', '0.0.0.0/0'],
      [80, 80, 'tcp', '0.0.0.0/0'],
    ]);
  });

  test('the ALB may send only to the task security group on 8501', () => {
    const albSg = referenceTo(dev, 'aws_security_group', 'id', ALB_SG);
    const egress = resourcesOfType(dev, 'aws_vpc_security_group_egress_rule').filter((r) => r.security_group_id === albSg);
    expect(egress).toEqual([
      expect.objectContaining({
        ip_protocol: 'tcp',
        from_port: 8501,
        to_port: 8501,
        referenced_security_group_id: referenceTo(dev, 'aws_security_group', 'id', TASK_SG),
      }),
    ]);
    expect(egress[0].cidr_ipv4).toBeUndefined();
  });

  test('tasks may send only HTTPS (443)', () => {
    const taskSg = referenceTo(dev, 'aws_security_group', 'id', TASK_SG);
    const egress = resourcesOfType(dev, 'aws_vpc_security_group_egress_rule').filter((r) => r.security_group_id === taskSg);
    expect(egress).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })]);
    expect(dev.json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 443, to_port: 443 });
  });

  test('the VPC default security group is emptied', () => {
    const group = onlyResource(dev, 'aws_default_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test('the execution role may pull only from this repository, write only this log group, read only the cookie secret', () => {
    const policy = JSON.parse(onlyResource(dev, 'aws_iam_role_policy').policy);
    expect(onlyResource(dev, 'aws_iam_role_policy').role).toBe(
      referenceTo(dev, 'aws_iam_role', 'id', (c) => c.name === 'vibejudge-dashboard-dev-execution'),
    );
    expect(policy.Statement).toEqual([
      { Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
      {
        Sid: 'PullThisRepository',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: referenceTo(dev, 'aws_ecr_repository', 'arn'),
      },
      {
        Sid: 'WriteThisLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${referenceTo(dev, 'aws_cloudwatch_log_group', 'arn')}:log-stream:*`,
      },
      { Sid: 'ReadCookieSecret', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: referenceTo(dev, 'aws_ssm_parameter', 'arn') },
    ]);
    expect(dev.parsed.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  test('the container drops every Linux capability and runs an init process as PID 1', () => {
    // GIVEN the synthesized task definitions WHEN their container definitions (a JSON string) are parsed
    expect(dev.json).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'vibejudge-dashboard-dev',
      container_definitions: expect.stringContaining('"linuxParameters"'),
    });
    for (const stack of [dev, prod]) {
      const [container] = containerDefinitions(stack);
      // THEN no capability is kept or added back, and ECS's init (tini) is PID 1
      expect(container.linuxParameters).toEqual({ capabilities: { drop: ['ALL'] }, initProcessEnabled: true });
    }
  });

  test('the task role has no permissions', () => {
    const taskRole = referenceTo(dev, 'aws_iam_role', 'id', (c) => c.name === 'vibejudge-dashboard-dev-task');
    const attached = resourcesOfType(dev, 'aws_iam_role_policy').filter((p) => p.role === taskRole);
    expect(attached).toEqual([]);
    const role = resourcesOfType(dev, 'aws_iam_role').find((c) => c.name === 'vibejudge-dashboard-dev-task');
    expect(role?.managed_policy_arns).toBeUndefined();
    expect(role?.inline_policy).toBeUndefined();
    expect(dev.json).toHaveResourceWithProperties(EcsTaskDefinition, {
      task_role_arn: referenceTo(dev, 'aws_iam_role', 'arn', (c) => c.name === 'vibejudge-dashboard-dev-task'),
    });
  });

  test('only ECS tasks of this account may assume the roles', () => {
    for (const role of resourcesOfType(dev, 'aws_iam_role')) {
      const policy = JSON.parse(role.assume_role_policy);
      expect(policy.Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': expect.stringContaining('account_id') } },
        }),
      ]);
    }
  });

  test('every task shares one cookie secret, a SecureString written write-only from an ephemeral password', () => {
    expect(dev.json).toHaveResourceWithProperties(SsmParameter, {
      name: '/vibejudge-dashboard/dev/streamlit-cookie-secret',
      type: 'SecureString',
      value_wo: '${ephemeral.aws_secretsmanager_random_password.vibejudge_dashboard_dev_cookie_secret.random_password}',
      value_wo_version: 1,
    });
    expect(onlyResource(dev, 'aws_ssm_parameter').value).toBeUndefined();
    expect(dev.parsed.ephemeral?.aws_secretsmanager_random_password).toEqual({
      vibejudge_dashboard_dev_cookie_secret: { password_length: 64, exclude_punctuation: true },
    });
    const [container] = containerDefinitions(dev);
    expect(container.secrets).toEqual([
      { name: 'STREAMLIT_SERVER_COOKIE_SECRET', valueFrom: referenceTo(dev, 'aws_ssm_parameter', 'arn') },
    ]);
  });

  test('XSRF protection stays on', () => {
    const [container] = containerDefinitions(dev);
    expect(container.environment).toEqual(
      expect.arrayContaining([{ name: 'STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION', value: 'true' }]),
    );
  });

  test('the ALB drops invalid headers, keeps websockets for an hour, and is deletion-protected in prod only', () => {
    expect(prod.json).toHaveResourceWithProperties(Lb, {
      name: 'vibejudge-dashboard-alb-prod',
      internal: false,
      load_balancer_type: 'application',
      drop_invalid_header_fields: true,
      idle_timeout: 3600,
      enable_deletion_protection: true,
    });
    expect(dev.json).toHaveResourceWithProperties(Lb, { drop_invalid_header_fields: true, enable_deletion_protection: false });
  });

  test('the repository is KMS-encrypted, every tag but latest is immutable, and only dev is force-deleted', () => {
    expect(dev.json).toHaveResourceWithProperties(EcrRepository, {
      name: 'vibejudge-dashboard-dev',
      encryption_configuration: [{ encryption_type: 'KMS' }],
      image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION',
      image_tag_mutability_exclusion_filter: [{ filter: 'latest', filter_type: 'WILDCARD' }],
      force_delete: true,
    });
    expect(prod.json).toHaveResourceWithProperties(EcrRepository, { name: 'vibejudge-dashboard-prod', force_delete: false });
  });
});

describe('stack shape', () => {
  test('every resource carries the default tags project, component, environment, managed-by, cost-center', () => {
    for (const [stack, environment] of [[dev, 'dev'], [prod, 'prod']] as const) {
      expect(stack.json).toHaveProviderWithProperties(AwsProvider, {
        region: 'us-east-1',
        default_tags: [
          {
            tags: {
              project: 'vibejudge',
              component: 'dashboard',
              environment,
              'managed-by': 'cdktf',
              'cost-center': 'vibejudge',
            },
          },
        ],
      });
    }
  });

  test('the outputs are exactly the ones docs/CONVENTIONS.md lists', () => {
    for (const stack of [dev, prod]) {
      expect(Object.keys(stack.parsed.output).sort()).toEqual(
        [
          'LoadBalancerDNS', 'DashboardUrl', 'ECSClusterArn', 'ServiceArn', 'ECRRepositoryUri', 'ECSClusterName',
          'ECSServiceName', 'ECRRepositoryName', 'LogGroupName', 'TargetGroupArn', 'TaskDefinitionFamily', 'AlarmTopicArn',
        ].sort(),
      );
    }
    expect(dev.parsed.output.LoadBalancerDNS.value).toBe(referenceTo(dev, 'aws_lb', 'dns_name'));
    expect(dev.parsed.output.DashboardUrl.value).toBe(`http://${referenceTo(dev, 'aws_lb', 'dns_name')}`);
    expect(prod.parsed.output.DashboardUrl.value).toBe('https://dashboard.vibejudge.ai');
  });

  test('dev and prod can share one account and region: no AWS name appears in both', () => {
    const namesOf = (stack: SynthesizedStack): string[] => {
      const names: string[] = [];
      for (const resources of Object.values(stack.parsed.resource)) {
        for (const config of Object.values(resources)) {
          for (const key of ['name', 'family', 'alarm_name', 'dashboard_name', 'bucket']) {
            const value = config[key];
            if (typeof value === 'string' && !value.startsWith('${')) {
              names.push(value);
            }
          }
        }
      }
      return names;
    };
    const devNames = namesOf(dev);
    const prodNames = namesOf(prod);
    expect(devNames.length).toBeGreaterThan(15);
    expect(devNames.filter((n) => prodNames.includes(n))).toEqual([]);
  });

  test('dev without a certificate serves plain HTTP on 80 and warns at synth', () => {
    expect(resourcesOfType(dev, 'aws_lb_listener')).toEqual([
      expect.objectContaining({ port: 80, protocol: 'HTTP', default_action: [expect.objectContaining({ type: 'forward' })] }),
    ]);
    expect(warnings).toContain(
      'dev: no certificate or domain is configured, so the load balancer serves plain HTTP on port 80; set DASHBOARD_DEV_CERTIFICATE_ARN or DASHBOARD_DEV_DOMAIN_NAME for HTTPS.',
    );
  });

  test("prod on the default API, the backend's dev stage, warns at synth and names DASHBOARD_PROD_API_BASE_URL", () => {
    expect(warnings).toContain(
      'prod: apiBaseUrl "https://2nu0j4n648.execute-api.us-east-1.amazonaws.com/dev/api/v1" is the backend\'s dev stage, so the production dashboard would read and change dev data; set DASHBOARD_PROD_API_BASE_URL to the production API (ending in /api/v1).',
    );
    // dev talking to the dev stage is what it is for
    expect(warnings.filter((w) => w.startsWith('dev: apiBaseUrl'))).toEqual([]);
  });

  test('prod requests a DNS-validated certificate for its default domain, looks the zone up by name, and adds an alias', () => {
    expect(prod.parsed.data?.aws_route53_zone).toEqual({
      [Object.keys(prod.parsed.data?.aws_route53_zone ?? {})[0]]: { name: 'vibejudge.ai', private_zone: false },
    });
    expect(onlyResource(prod, 'aws_acm_certificate')).toEqual(
      expect.objectContaining({ domain_name: 'dashboard.vibejudge.ai', validation_method: 'DNS' }),
    );
    const listener = resourcesOfType(prod, 'aws_lb_listener').find((l) => l.port === 443);
    expect(listener?.certificate_arn).toBe(referenceTo(prod, 'aws_acm_certificate_validation', 'certificate_arn'));
    const alias = resourcesOfType(prod, 'aws_route53_record').find((r) => r.type === 'A');
    expect(alias).toEqual(
      expect.objectContaining({
        name: 'dashboard.vibejudge.ai',
        alias: { name: referenceTo(prod, 'aws_lb', 'dns_name'), zone_id: referenceTo(prod, 'aws_lb', 'zone_id'), evaluate_target_health: true },
      }),
    );
  });

  test('prod keeps its state in S3 with encryption and native locking; dev keeps it locally', () => {
    expect(prod.parsed.terraform.backend).toEqual({
      s3: {
        bucket: 'vibejudge-dashboard-tfstate',
        key: 'vibejudge-dashboard-prod/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(dev.parsed.terraform.backend).toEqual({ local: { path: 'terraform.vibejudge-dashboard-dev.tfstate' } });
  });
});
