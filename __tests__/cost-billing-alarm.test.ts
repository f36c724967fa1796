import { Testing, TerraformStack } from 'cdktf';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ConfigError } from '../src/config/errors';
import { BillingAlarm, BillingAlarmProps, DEFAULT_BILLING_ALARM_THRESHOLD_USD } from '../src/cost/billing-alarm';

interface Synth {
  provider: { aws: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function synth(region: string, props: BillingAlarmProps): { json: string; parsed: Synth } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'billing');
  new AwsProvider(stack, 'aws', { region, defaultTags: [{ tags: { CostCenter: 'vibejudge' } }] });
  new BillingAlarm(stack, 'billing-alarm', props);
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) as Synth };
}

const only = (parsed: Synth, type: string): Record<string, unknown> => {
  const all = Object.values(parsed.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

describe('BillingAlarm', () => {
  it('alarms on AWS/Billing EstimatedCharges in USD above the threshold and notifies its own topic', () => {
    const { json } = synth('us-east-1', { namePrefix: 'vibejudge-dashboard-dev', thresholdUsd: DEFAULT_BILLING_ALARM_THRESHOLD_USD });
    expect(DEFAULT_BILLING_ALARM_THRESHOLD_USD).toBe(100);
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'vibejudge-dashboard-dev-billing',
      namespace: 'AWS/Billing',
      metric_name: 'EstimatedCharges',
      dimensions: { Currency: 'USD' },
      statistic: 'Maximum',
      period: 21600,
      threshold: 100,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.billing-alarm_topic_[A-Z0-9]+\.arn\}$/)],
    });
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: 'vibejudge-dashboard-dev-billing' });
  });

  it('uses the stack provider when the stack is in us-east-1', () => {
    const { parsed } = synth('us-east-1', { namePrefix: 'p', thresholdUsd: 50 });
    expect(parsed.provider.aws).toHaveLength(1);
    expect(only(parsed, 'aws_cloudwatch_metric_alarm').provider).toBe('aws');
    expect(only(parsed, 'aws_sns_topic').provider).toBe('aws');
  });

  it('puts alarm and topic in us-east-1 through an aliased provider when the stack is elsewhere', () => {
    const { parsed } = synth('eu-west-1', { namePrefix: 'p', thresholdUsd: 50 });
    expect(parsed.provider.aws).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ region: 'eu-west-1' }),
        expect.objectContaining({ alias: 'billing_us_east_1', region: 'us-east-1', default_tags: [{ tags: { CostCenter: 'vibejudge' } }] }),
      ]),
    );
    expect(only(parsed, 'aws_cloudwatch_metric_alarm').provider).toBe('aws.billing_us_east_1');
    expect(only(parsed, 'aws_sns_topic').provider).toBe('aws.billing_us_east_1');
  });

  it('subscribes the e-mail address only when one is given', () => {
    const withEmail = synth('eu-west-1', { namePrefix: 'p', thresholdUsd: 50, alarmEmail: 'ops@example.com' });
    expect(withEmail.json).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'ops@example.com',
      provider: 'aws.billing_us_east_1',
    });
    expect(synth('us-east-1', { namePrefix: 'p', thresholdUsd: 50 }).json).not.toHaveResource(SnsTopicSubscription);
  });

  it('rejects a threshold, prefix or e-mail it cannot use, one sentence each', () => {
    expect(() => synth('us-east-1', { namePrefix: 'p', thresholdUsd: 0 })).toThrow(
      new ConfigError('billingAlarmThresholdUsd 0 is not allowed; allowed: a number of US dollars above 0.'),
    );
    expect(() => synth('us-east-1', { namePrefix: ' ', thresholdUsd: 100 })).toThrow(
      new ConfigError('billing alarm namePrefix is empty; allowed: a non-empty name prefix such as vibejudge-dashboard-dev.'),
    );
    expect(() => synth('us-east-1', { namePrefix: 'p', thresholdUsd: 100, alarmEmail: 'ops' })).toThrow(
      new ConfigError('billing alarmEmail "ops" is not an e-mail address; allowed: name@domain.'),
    );
  });
});
