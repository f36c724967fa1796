import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

/** A custom domain served by the load balancer. */
export interface LoadBalancerDomain {
  /** e.g. `dashboard.vibejudge.ai`. */
  readonly domainName: string;
  /**
   * Route 53 public zone that holds the domain.
   * @default - the public zone named after the domain's parent (the domain itself when it has two labels)
   */
  readonly hostedZoneId?: string;
}

/** Properties of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  /** Load balancer name, e.g. `vibejudge-dashboard-alb-dev`. */
  readonly loadBalancerName: string;
  /** Target group name, e.g. `vibejudge-dashboard-tg-dev`. */
  readonly targetGroupName: string;
  readonly vpc: Vpc;
  /** Public subnets in at least two availability zones. */
  readonly subnets: Subnet[];
  readonly securityGroup: SecurityGroup;
  /** Port the targets listen on. */
  readonly targetPort: number;
  /** Path of the target health check. */
  readonly healthCheckPath: string;
  /**
   * Existing ACM certificate for the 443 listener.
   * @default - requested with DNS validation when `domain` is set, otherwise no HTTPS listener
   */
  readonly certificateArn?: string;
  /**
   * Custom domain: an alias record, and a DNS-validated certificate unless `certificateArn` is given.
   * @default - no custom domain; the dashboard is reached at the load balancer's DNS name
   */
  readonly domain?: LoadBalancerDomain;
  /**
   * Refuse to delete the load balancer.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds a connection may stay idle; Streamlit keeps one websocket per browser tab open.
   * @default 3600
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Seconds the load balancer keeps routing a browser to the same task (Streamlit keeps session state in one process).
   * @default 86400
   */
  readonly stickinessSeconds?: number;
  /**
   * Seconds a deregistering target keeps its in-flight requests.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * TLS policy of the 443 listener.
   * @default ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3, and 1.2 for older clients)
   */
  readonly sslPolicy?: string;
}

/**
 * The internet-facing application load balancer, its target group (IP targets, sticky sessions,
 * Streamlit's health endpoint) and listeners: 80 redirects to 443 (301) and 443 forwards, when a
 * certificate exists; otherwise (dev only, the configuration refuses it for prod) 80 forwards.
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly httpListener: LbListener;
  /** Undefined when there is no certificate. */
  public readonly httpsListener?: LbListener;
  /** The certificate the stack requested, when it requested one. */
  public readonly certificate?: AcmCertificate;
  /** The alias record, when a domain is configured. */
  public readonly aliasRecord?: Route53Record;
  /** `https://<domain or load balancer DNS>`, or `http://<load balancer DNS>` without a certificate. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);

    this.loadBalancer = new Lb(this, 'alb', {
      name: props.loadBalancerName,
      loadBalancerType: 'application',
      internal: false,
      subnets: props.subnets.map((s) => s.id),
      securityGroups: [props.securityGroup.id],
      dropInvalidHeaderFields: true,
      idleTimeout: props.idleTimeoutSeconds ?? 3600,
      enableDeletionProtection: props.deletionProtection ?? false,
      enableHttp2: true,
      desyncMitigationMode: 'defensive',
    });

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: props.targetGroupName,
      vpcId: props.vpc.id,
      targetType: 'ip',
      protocol: 'HTTP',
      port: props.targetPort,
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        path: props.healthCheckPath,
        port: 'traffic-port',
        interval: 30,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: '200',
      },
      // Streamlit keeps each session in one process: a reconnect or upload that lands elsewhere loses it.
      stickiness: { enabled: true, type: 'lb_cookie', cookieDuration: props.stickinessSeconds ?? 86400 },
    });

    let certificateArn = props.certificateArn;
    let zone: DataAwsRoute53Zone | undefined;
    let zoneId: string | undefined;
    if (props.domain !== undefined) {
      zoneId = props.domain.hostedZoneId;
      if (zoneId === undefined) {
        zone = new DataAwsRoute53Zone(this, 'zone', { name: parentZoneName(props.domain.domainName), privateZone: false });
        zoneId = zone.zoneId;
      }
      if (certificateArn === undefined) {
        this.certificate = new AcmCertificate(this, 'certificate', {
          domainName: props.domain.domainName,
          validationMethod: 'DNS',
          lifecycle: { createBeforeDestroy: true },
        });
        // One domain, so exactly one validation record.
        const option = this.certificate.domainValidationOptions.get(0);
        const validationRecord = new Route53Record(this, 'certificate-validation-record', {
          zoneId,
          name: option.resourceRecordName,
          type: option.resourceRecordType,
          records: [option.resourceRecordValue],
          ttl: 60,
          allowOverwrite: true,
        });
        const validation = new AcmCertificateValidation(this, 'certificate-validation', {
          certificateArn: this.certificate.arn,
          validationRecordFqdns: [validationRecord.fqdn],
        });
        // The listener waits for the validated certificate, not merely the requested one.
        certificateArn = validation.certificateArn;
      }
      this.aliasRecord = new Route53Record(this, 'alias-record', {
        zoneId,
        name: props.domain.domainName,
        type: 'A',
        alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
      });
    }

    if (certificateArn !== undefined) {
      this.httpListener = new LbListener(this, 'http', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
      });
      this.httpsListener = new LbListener(this, 'https', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificateArn,
        defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      });
      const host = props.domain?.domainName ?? this.loadBalancer.dnsName;
      this.url = `https://${host}`;
    } else {
      this.httpListener = new LbListener(this, 'http', {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      });
      this.url = `http://${this.loadBalancer.dnsName}`;
    }
  }
}

/** The public zone that holds `domainName`: its parent, or the name itself when it is an apex (two labels). */
export function parentZoneName(domainName: string): string {
  const labels = domainName.split('.');
  return labels.length <= 2 ? domainName : labels.slice(1).join('.');
}
