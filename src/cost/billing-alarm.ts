import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ConfigError } from '../config/errors';

/** The threshold the design recommends for the billing alarm, US dollars of estimated monthly charges. */
export const DEFAULT_BILLING_ALARM_THRESHOLD_USD = 100;

/** AWS publishes the AWS/Billing metrics only in us-east-1. */
export const BILLING_METRICS_REGION = 'us-east-1';

/** Period of the alarm: AWS updates EstimatedCharges a few times a day, so shorter periods are mostly empty. */
export const BILLING_ALARM_PERIOD_SECONDS = 21600;

/** Properties of {@link BillingAlarm}. */
export interface BillingAlarmProps {
  /** Prefix of the alarm and topic names, e.g. `vibejudge-dashboard-dev`. */
  readonly namePrefix: string;
  /**
   * Alarm when the month's estimated charges of the whole account exceed this many US dollars
   * (the design recommends {@link DEFAULT_BILLING_ALARM_THRESHOLD_USD}).
   */
  readonly thresholdUsd: number;
  /**
   * E-mail address subscribed to the billing topic (the recipient must confirm the subscription).
   * @default - no subscription; the topic exists for other subscribers
   */
  readonly alarmEmail?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The default (un-aliased) AWS provider of the stack, if there is one. */
function defaultProvider(scope: Construct): AwsProvider | undefined {
  return TerraformStack.of(scope)
    .node.findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
}

/**
 * A CloudWatch alarm on the account's estimated charges (AWS/Billing EstimatedCharges, Currency
 * USD) with its own SNS topic, both in us-east-1 where AWS publishes billing metrics. When the
 * stack's provider is in another region an aliased us-east-1 provider is added for them.
 *
 * The metric exists only after "Receive Billing Alerts" is turned on in the account's Billing
 * preferences (by the root user or an IAM user with billing access); until then the alarm stays
 * INSUFFICIENT_DATA. It watches the whole account, not just this stack.
 */
export class BillingAlarm extends Construct {
  /** The us-east-1 provider the alarm and topic use (the stack's own when it is in us-east-1). */
  public readonly provider: AwsProvider;
  /** Topic the alarm notifies. */
  public readonly topic: SnsTopic;
  /** The estimated-charges alarm. */
  public readonly alarm: CloudwatchMetricAlarm;
  /** The e-mail subscription, when `alarmEmail` is set. */
  public readonly emailSubscription?: SnsTopicSubscription;

  constructor(scope: Construct, id: string, props: BillingAlarmProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.namePrefix.trim() === '') {
      problems.push('billing alarm namePrefix is empty; allowed: a non-empty name prefix such as vibejudge-dashboard-dev.');
    }
    if (!Number.isFinite(props.thresholdUsd) || props.thresholdUsd <= 0) {
      problems.push(`billingAlarmThresholdUsd ${props.thresholdUsd} is not allowed; allowed: a number of US dollars above 0.`);
    }
    if (props.alarmEmail !== undefined && !EMAIL.test(props.alarmEmail)) {
      problems.push(`billing alarmEmail "${props.alarmEmail}" is not an e-mail address; allowed: name@domain.`);
    }
    if (problems.length > 0) {
      throw new ConfigError(problems);
    }

    const stackProvider = defaultProvider(this);
    this.provider =
      stackProvider !== undefined && stackProvider.region === BILLING_METRICS_REGION
        ? stackProvider
        : new AwsProvider(this, 'us-east-1', {
            alias: 'billing_us_east_1',
            region: BILLING_METRICS_REGION,
            // Keep the stack's cost-allocation tags on what this provider creates.
            defaultTags: stackProvider?.defaultTags,
          });

    this.topic = new SnsTopic(this, 'topic', {
      provider: this.provider,
      name: `${props.namePrefix}-billing`,
    });
    if (props.alarmEmail !== undefined) {
      this.emailSubscription = new SnsTopicSubscription(this, 'email', {
        provider: this.provider,
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    }
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      provider: this.provider,
      alarmName: `${props.namePrefix}-billing`,
      alarmDescription: `Estimated AWS charges this month exceed ${props.thresholdUsd} USD (whole account; needs "Receive Billing Alerts" enabled).`,
      namespace: 'AWS/Billing',
      metricName: 'EstimatedCharges',
      dimensions: { Currency: 'USD' },
      statistic: 'Maximum',
      period: BILLING_ALARM_PERIOD_SECONDS,
      evaluationPeriods: 1,
      threshold: props.thresholdUsd,
      comparisonOperator: 'GreaterThanThreshold',
      // The metric is sparse; a gap is not a breach.
      treatMissingData: 'notBreaching',
      alarmActions: [this.topic.arn],
    });
  }
}
