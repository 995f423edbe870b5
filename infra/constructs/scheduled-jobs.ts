/**
 * The scheduled jobs (shared/jobs.ts): one function per job on an EventBridge schedule, retried by Lambda
 * and by EventBridge, then parked in a dead-letter queue that raises an alarm. Built into the scope the
 * stack names, so construct paths (and logical ids) stay those of the stack.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduledJob } from '../../shared/jobs.js';
import { FIVE_MINUTES, type StackAlarms } from './alarms.js';

export interface ScheduledJobsProps {
  jobs: readonly ScheduledJob[];
  table: ITable;
  reportBucket: IBucket;
  dataKey: IKey;
  blindIndexSecret: ISecret;
  alarms: StackAlarms;
}

/** Scheduled jobs may read a year of cases (the statistics): more time and memory than a request. */
const JOB_SIZE = { timeout: Duration.minutes(15), memorySize: 1024 };

/**
 * A failed run is retried twice by Lambda, an event EventBridge could not deliver twice by EventBridge, each
 * within six hours; then it lands in the jobs' dead-letter queue, which raises an alarm.
 */
const JOB_RETRIES = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

export function scheduledJobFunctions(scope: Construct, props: ScheduledJobsProps): void {
  const { jobs, alarms } = props;
  if (jobs.length === 0) return;
  const jobScope = new Construct(scope, 'Jobs');
  const deadLetters = new Queue(jobScope, 'DeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetters).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter queue of the scheduled jobs.',
  });
  alarms.alarm(
    jobScope,
    'FailedRuns',
    deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
    '定时任务重试后仍失败，或其事件无法投递：请查看死信队列。A scheduled job failed after its retries, or its event could not be delivered: see the dead-letter queue.',
  );

  for (const job of jobs) {
    const fn = alarms.monitoredFunction(jobScope, job.id, { entry: job.entry, description: job.description, ...JOB_SIZE });
    fn.bindTable(props.table, job.tableAccess);
    if (job.applicantFields) fn.bindApplicantFields(props.dataKey, job.applicantFields, props.blindIndexSecret);
    if (job.needsReportBucket) fn.bindBucket(props.reportBucket, 'readwrite');
    // EventBridge invokes asynchronously: the function's own failures are retried and then parked by
    // Lambda (onFailure); the rule's dead-letter queue takes the events EventBridge could not deliver.
    fn.configureAsyncInvoke({ ...JOB_RETRIES, onFailure: new SqsDestination(deadLetters) });
    new Rule(jobScope, `${job.id}Schedule`, {
      description: `${job.description} (${job.beijingTime}, Beijing time)`.slice(0, 512),
      schedule: scheduleOf(job),
      targets: [new LambdaFunction(fn, { ...JOB_RETRIES, deadLetterQueue: deadLetters })],
    });
  }
}

/**
 * The EventBridge schedule of a job (cron in UTC), after checking that `scheduleUtc` and `beijingTime`
 * name the same time of day (Beijing = UTC+8, no DST): mixing the two up is the classic mistake here.
 */
export function scheduleOf(job: Pick<ScheduledJob, 'id' | 'beijingTime' | 'scheduleUtc'>): Schedule {
  const stated = /^(\d{2}):(\d{2})(?!\d)/.exec(job.beijingTime);
  if (!stated) throw new Error(`Job ${job.id}: beijingTime must start with HH:MM, got "${job.beijingTime}"`);
  const { minute, hour } = job.scheduleUtc;
  if (/^\d{1,2}$/.test(minute) && /^\d{1,2}$/.test(hour)) {
    const beijing = `${String((Number(hour) + 8) % 24).padStart(2, '0')}:${minute.padStart(2, '0')}`;
    if (beijing !== `${stated[1]}:${stated[2]}`) {
      const utc = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
      throw new Error(`Job ${job.id}: ${utc} UTC is ${beijing} in Beijing, not ${stated[0]}`);
    }
  }
  return Schedule.cron({ ...job.scheduleUtc });
}
