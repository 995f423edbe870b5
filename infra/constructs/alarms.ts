/**
 * The stack's alarms: one SNS topic (optionally e-mailed), and alarms at the first occurrence in five
 * minutes on it; and the functions of the stateless stack, each with alarms on its errors and throttles.
 * Built into the scope each caller names, so every construct path (and so every logical id) is the one
 * the stack had before these parts were split out of it.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { type LogLevel, NodeFunction, type NodeFunctionProps } from './node-function.js';

export const FIVE_MINUTES = Duration.minutes(5);

export class StackAlarms {
  readonly topic: Topic;

  constructor(
    scope: Construct,
    alarmEmail: string | undefined,
    private readonly logs: { logLevel: LogLevel; logRetention: RetentionDays; logKey: IKey },
  ) {
    this.topic = new Topic(scope, 'Alarms', { displayName: 'Gongkai alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm and metric names only, never case data; CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key would add a key and its policy for no data worth it.',
    });
    if (alarmEmail) this.topic.addSubscription(new EmailSubscription(alarmEmail));
  }

  /** Alarms at the first occurrence in five minutes: on this system any error is worth a look. */
  alarm(scope: Construct, id: string, metric: IMetric, description: string): Alarm {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }

  /** A function with the stack's log settings and alarms on its errors and throttles. */
  monitoredFunction(
    scope: Construct,
    id: string,
    options: Pick<NodeFunctionProps, 'entry' | 'description' | 'memorySize' | 'timeout'>,
  ): NodeFunction {
    const fn = new NodeFunction(scope, id, { ...options, ...this.logs });
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };
    this.alarm(scope, `${id}Errors`, fn.metricErrors(sum), `${id} failed.`);
    this.alarm(scope, `${id}Throttles`, fn.metricThrottles(sum), `${id} was throttled.`);
    return fn;
  }
}
