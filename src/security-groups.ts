import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

/** Properties of {@link SecurityGroups}. */
export interface SecurityGroupsProps {
  /** Prefix of the group names, e.g. `vibejudge-dashboard-dev`. */
  readonly namePrefix: string;
  readonly vpc: Vpc;
  /** Port the containers listen on. */
  readonly containerPort: number;
  /**
   * Listener ports the load balancer opens to the internet.
   * @default [80, 443]
   */
  readonly listenerPorts?: readonly number[];
}

/**
 * The two security groups and their rules, each a separate rule resource:
 * - load balancer: in on the listener ports (80, 443) from anywhere; out only to the task group on the container port;
 * - tasks: in on the container port only from the load balancer's group; out on 443 only (ECR, logs, the API).
 */
export class SecurityGroups extends Construct {
  public readonly loadBalancer: SecurityGroup;
  public readonly tasks: SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const listenerPorts = props.listenerPorts ?? [80, 443];

    // Groups carry no inline rules: rules live in their own resources (mixing both makes Terraform flap).
    this.loadBalancer = new SecurityGroup(this, 'alb', {
      name: `${props.namePrefix}-alb`,
      description: 'Dashboard load balancer: HTTP and HTTPS from the internet, to the tasks on the container port',
      vpcId: props.vpc.id,
      tags: { Name: `${props.namePrefix}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.tasks = new SecurityGroup(this, 'tasks', {
      name: `${props.namePrefix}-tasks`,
      description: 'Dashboard tasks: the container port from the load balancer only, HTTPS out',
      vpcId: props.vpc.id,
      tags: { Name: `${props.namePrefix}-tasks` },
      lifecycle: { createBeforeDestroy: true },
    });

    for (const port of listenerPorts) {
      new VpcSecurityGroupIngressRule(this, `alb-in-${port}`, {
        securityGroupId: this.loadBalancer.id,
        description: `Port ${port} from the internet`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: '0.0.0.0/0',
      });
    }
    new VpcSecurityGroupEgressRule(this, 'alb-out-tasks', {
      securityGroupId: this.loadBalancer.id,
      description: `Port ${props.containerPort} to the dashboard tasks`,
      ipProtocol: 'tcp',
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: this.tasks.id,
    });

    new VpcSecurityGroupIngressRule(this, 'tasks-in-alb', {
      securityGroupId: this.tasks.id,
      description: `Port ${props.containerPort} from the load balancer only`,
      ipProtocol: 'tcp',
      fromPort: props.containerPort,
      toPort: props.containerPort,
      referencedSecurityGroupId: this.loadBalancer.id,
    });
    new VpcSecurityGroupEgressRule(this, 'tasks-out-https', {
      securityGroupId: this.tasks.id,
      description: 'HTTPS out: ECR, CloudWatch Logs, SSM and the VibeJudge API',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
  }
}
