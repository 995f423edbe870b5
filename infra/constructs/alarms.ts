/**
 * The stack's alarms: one SNS topic (optionally e-mailed), and alarms at the first occurrence in five
 * minutes on it; and the functions of the stateless stack, each with alarms on its errors and throttles.
 * Built into the scope each caller names, so every construct path (and so every logical id) is the one
 * the stack had before these parts were split out of it.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { METRIC, type MetricName } from '../../shared/metrics.js';
import { type LogLevel, NodeFunction, type NodeFunctionProps } from './node-function.js';

export const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms on the application's own counters (shared/metrics.ts): the metric, its period, the sum that
 * raises the alarm, and what it means. A single 503 or a few 409s are normal life (a client retries, two
 * officers act at once); bursts are not. A missed deadline or a report not published is worth a look at once.
 * Every alarm text reaches the on-call officer in the alarm e-mail: Simplified Chinese first, then English.
 */
const COUNTER_ALARMS: readonly { metric: MetricName; period: Duration; threshold: number; description: string }[] = [
  { metric: METRIC.unavailable, period: FIVE_MINUTES, threshold: 5, description: '数据库拒绝或停滞：五分钟内 5 次以上 503。The store refused or stalled: five or more 503 answers in five minutes.' },
  { metric: METRIC.lockedOut, period: FIVE_MINUTES, threshold: 50, description: '疑似猜测查询码：五分钟内 50 次以上 429 锁定。Query-code guessing: fifty or more 429 lock-outs in five minutes.' },
  { metric: METRIC.versionConflicts, period: FIVE_MINUTES, threshold: 20, description: '五分钟内 20 次以上 409 冲突：是否有客户端循环重试过期操作？Twenty or more 409 conflicts in five minutes: a client retrying stale actions in a loop?' },
  { metric: METRIC.overdueFlags, period: Duration.days(1), threshold: 1, description: '每日巡检发现已超过答复期限的申请（依法逾期）。The daily sweep found a case past its deadline (an answer late by law).' },
  { metric: METRIC.yearEndFailures, period: Duration.days(1), threshold: 1, description: '年度报告任务有报告未能发布，详见其日志。The year-end job could not publish a report: see its log line naming each.' },
];

export class StackAlarms {
  readonly topic: Topic;
  /** The namespace of the application's counters: the stack's name, so stages never mix. */
  readonly metricsNamespace: string;

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
    this.metricsNamespace = Stack.of(scope).stackName;
    for (const c of COUNTER_ALARMS) {
      const metric = new Metric({ namespace: this.metricsNamespace, metricName: c.metric, period: c.period, statistic: 'Sum' });
      this.alarm(scope, `${c.metric}Alarm`, metric, c.description, c.threshold);
    }
  }

  /** Alarms at the first occurrence in five minutes: on this system any error is worth a look. */
  alarm(scope: Construct, id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold,
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
    fn.addEnvironment('METRICS_NAMESPACE', this.metricsNamespace);
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };
    this.alarm(scope, `${id}Errors`, fn.metricErrors(sum), `${id} 运行失败。${id} failed.`);
    this.alarm(scope, `${id}Throttles`, fn.metricThrottles(sum), `${id} 被限流。${id} was throttled.`);
    return fn;
  }
}
