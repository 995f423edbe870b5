/**
 * One fan-out job (shared/jobs.ts fanOutJobs) on Step Functions: a state machine that
 * 1. plans the run (functions/scheduled/fan-out-plan.ts writes each phase's units to the job bucket),
 * 2. runs each phase as a Distributed Map reading those units (ItemReader), each unit one invocation of
 *    the job's unit function, retried per unit by the policy of shared/services/fan-out.ts (UNIT_RETRY: a
 *    definite answer such as a broken identity is not retried), at most `maxConcurrency` at once, every
 *    result written to the job bucket (ResultWriter) so a 10^4-unit map stays within Step Functions'
 *    256 KiB state limit; a failed unit does not stop the map (ToleratedFailurePercentage 100),
 * 3. summarises (functions/scheduled/fan-out-summary.ts: every failed unit named, the summary beside the
 *    plan), and fails the execution when a unit failed, which raises the alarm.
 * EventBridge starts it on the job's schedule (retried, undeliverable events to the dead-letter queue).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Fail,
  JsonPath,
  LogLevel,
  ResultWriterV2,
  S3JsonItemReader,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './acknowledge.js';
import { FIVE_MINUTES, type StackAlarms } from './alarms.js';
import type { NodeFunction } from './node-function.js';
import { scheduleOf } from './scheduled-jobs.js';
import { type FanOutJob, JOB_PHASES } from '../../shared/jobs.js';
import { UNIT_RETRY } from '../../shared/services/fan-out.js';
import type { Schedule } from 'aws-cdk-lib/aws-events';

export interface FanOutJobsProps {
  jobs: readonly FanOutJob[];
  table: ITable;
  reportBucket: IBucket;
  dataKey: IKey;
  blindIndexSecret: ISecret;
  logRetention: RetentionDays;
  alarms: StackAlarms;
}

/** A unit may read a year of one agency's cases: the memory of the scheduled jobs. */
const UNIT_MEMORY_MB = 1024;

/**
 * The fan-out jobs (shared/jobs.ts fanOutJobs): a state machine each, sharing the plan and summary
 * functions, the job bucket (plans, map results, summaries; kept 400 days) and a dead-letter queue for
 * the starts EventBridge could not deliver. Built into the scope the stack names (construct `FanOut`).
 */
export function fanOutJobStateMachines(scope: Construct, props: FanOutJobsProps): void {
  const { jobs, alarms } = props;
  if (jobs.length === 0) return;
  const fanOut = new Construct(scope, 'FanOut');
  const bucket = new Bucket(fanOut, 'Runs', {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ expiration: Duration.days(400), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      "Holds the fan-out jobs' own working files (unit lists of agency ids, map results, run summaries), no personal data, written and read only by the job functions and state machines; CloudTrail records their access.",
  });
  const deadLetters = new Queue(fanOut, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: "This queue is itself the dead-letter queue of the fan-out jobs' schedules." });
  alarms.alarm(
    fanOut,
    'UndeliveredStarts',
    deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
    'EventBridge 未能启动分片任务：请查看其死信队列。EventBridge could not start a fan-out job: see its dead-letter queue.',
  );
  const bind = (fn: NodeFunction) => {
    fn.addEnvironment('JOB_BUCKET', bucket.bucketName);
    return fn;
  };
  const plan = bind(
    alarms.monitoredFunction(fanOut, 'Plan', {
      entry: 'functions/scheduled/fan-out-plan.ts',
      description: 'Fan-out jobs: plans a run (its units) into the job bucket',
      timeout: Duration.minutes(5),
      memorySize: UNIT_MEMORY_MB,
    }),
  );
  plan.bindTable(props.table, 'read');
  plan.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('runs/*')] }));
  const summary = bind(
    alarms.monitoredFunction(fanOut, 'Summary', {
      entry: 'functions/scheduled/fan-out-summary.ts',
      description: 'Fan-out jobs: summarises a run from its map results, naming every failed unit',
      timeout: Duration.minutes(5),
      memorySize: UNIT_MEMORY_MB,
    }),
  );
  summary.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('results/*')] }));
  summary.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects('runs/*')] }));
  for (const fn of [plan, summary]) {
    acknowledgeWildcardResources(
      fn.role!,
      "Object access under the job bucket's runs/ (plans, summaries) and results/ (map results, summary only) prefixes, whose keys carry the run id; no list, delete or bucket-level action.",
    );
  }
  for (const job of jobs) {
    const unit = alarms.monitoredFunction(fanOut, `${job.id}Unit`, {
      entry: job.unitEntry,
      description: `${job.id}: one unit`,
      timeout: Duration.seconds(job.unitTimeoutSeconds),
      memorySize: UNIT_MEMORY_MB,
    });
    unit.bindTable(props.table, job.tableAccess);
    if (job.applicantFields) unit.bindApplicantFields(props.dataKey, job.applicantFields, props.blindIndexSecret);
    if (job.needsReportBucket) unit.bindBucket(props.reportBucket, 'readwrite');
    new FanOutJobStateMachine(fanOut, job.id, {
      job,
      schedule: scheduleOf(job),
      planFunction: plan,
      unitFunction: unit,
      summaryFunction: summary,
      bucket,
      deadLetters,
      logRetention: props.logRetention,
      logKey: props.dataKey,
      alarm: (where, id, metric, description) => {
        alarms.alarm(where, id, metric, description);
      },
    });
  }
}

export interface FanOutJobProps {
  job: FanOutJob;
  schedule: Schedule;
  planFunction: IFunction;
  unitFunction: IFunction;
  summaryFunction: IFunction;
  /** Plans, map results and summaries of runs. */
  bucket: IBucket;
  deadLetters: IQueue;
  logRetention: RetentionDays;
  /** The customer-managed key of the log groups (as the functions'). */
  logKey?: IKey | undefined;
  /** Raises an alarm to the stack's topic. */
  alarm: (scope: Construct, id: string, metric: IMetric, description: string) => void;
}

/** EventBridge retries a start it could not deliver, within six hours, then parks it in the dead-letter queue. */
const START_RETRIES = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

/** The longest a run may take: the year-end's target is 15 minutes, the sweep's 30; anything near this is stuck. */
const RUN_TIMEOUT = Duration.hours(2);

export class FanOutJobStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: FanOutJobProps) {
    super(scope, id);
    const { job } = props;

    const plan = new LambdaInvoke(this, 'Plan', {
      stateName: `${job.id} plan`,
      lambdaFunction: props.planFunction,
      payload: TaskInput.fromObject({
        job: job.job,
        runId: JsonPath.stringAt('$$.Execution.Name'),
        startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.plan',
    });

    const phases = JOB_PHASES[job.job];
    let chain = plan.next(this.phaseMap(props, phases[0], 0));
    phases.slice(1).forEach((phase, i) => {
      chain = chain.next(this.phaseMap(props, phase, i + 1));
    });

    const summary = new LambdaInvoke(this, 'Summary', {
      stateName: `${job.id} summary`,
      lambdaFunction: props.summaryFunction,
      payload: TaskInput.fromObject({ plan: JsonPath.objectAt('$.plan'), results: JsonPath.objectAt('$.results') }),
      payloadResponseOnly: true,
      resultPath: '$.summary',
    });
    const verdict = new Choice(this, 'AnyUnitFailed', { stateName: `${job.id} any unit failed?` })
      .when(
        Condition.numberGreaterThan('$.summary.failed', 0),
        new Fail(this, 'UnitsFailed', { stateName: `${job.id} units failed`, error: 'UnitsFailed', causePath: JsonPath.stringAt('$.summary.message') }),
      )
      .otherwise(new Succeed(this, 'Done', { stateName: `${job.id} done` }));

    const logs = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.logKey ? { encryptionKey: props.logKey } : {}),
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: job.description,
      definitionBody: DefinitionBody.fromChainable(chain.next(summary).next(verdict)),
      stateMachineType: StateMachineType.STANDARD,
      timeout: RUN_TIMEOUT,
      tracingEnabled: true,
      // Every state's events, without the data (unit inputs hold ids only, but results may name a cause).
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });

    new Rule(this, 'Schedule', {
      description: `${job.description} (${job.beijingTime}, Beijing time)`.slice(0, 512),
      schedule: props.schedule,
      targets: [new SfnStateMachine(this.stateMachine, { ...START_RETRIES, deadLetterQueue: props.deadLetters })],
    });

    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };
    const hours = RUN_TIMEOUT.toHours();
    props.alarm(this, 'Failed', this.stateMachine.metricFailed(sum), `${job.id} 有分片重试后仍失败，运行摘要逐一列出。${job.id}: a run failed (a unit failed after its retries: its summary names it).`);
    props.alarm(this, 'TimedOut', this.stateMachine.metricTimedOut(sum), `${job.id} 未在 ${hours} 小时内完成。${job.id}: a run did not finish within ${hours} hours.`);
    props.alarm(this, 'Aborted', this.stateMachine.metricAborted(sum), `${job.id} 的运行在完成前被停止。${job.id}: a run was stopped before it finished.`);

    // What Step Functions itself asks for, with no narrower resource to name.
    acknowledgeWildcardResources(
      this,
      'Generated by Step Functions: invoking the job functions by any version (<function arn>:*), the Distributed Map starting and stopping its own child executions (execution:<this state machine>:*), reading plans and writing results under the job bucket (<bucket arn>/*), and the log-delivery and X-Ray actions, which accept no resource but "*".',
    );
  }

  /** One phase: a Distributed Map over the units the plan wrote for it. */
  private phaseMap(props: FanOutJobProps, phase: string, index: number): DistributedMap {
    const { job, bucket } = props;
    const unit = new LambdaInvoke(this, `${phase}Unit`, {
      stateName: `${job.id} ${phase} unit`,
      lambdaFunction: props.unitFunction,
      payloadResponseOnly: true,
      // Retries are ours (below), one policy with the local runner.
      retryOnServiceExceptions: false,
    });
    unit.addRetry({ errors: [...UNIT_RETRY.never], maxAttempts: 0 });
    unit.addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(UNIT_RETRY.intervalSeconds),
      maxAttempts: UNIT_RETRY.attempts - 1,
      backoffRate: UNIT_RETRY.backoffRate,
    });
    const map = new DistributedMap(this, `${phase}Map`, {
      stateName: `${job.id} ${phase}`,
      comment: `The ${phase} units of ${job.job}, at most ${job.maxConcurrency} at once`,
      maxConcurrency: job.maxConcurrency,
      mapExecutionType: job.childExecution === 'EXPRESS' ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
      itemReader: new S3JsonItemReader({ bucket, key: JsonPath.stringAt(`$.plan.phases[${index}].key`) }),
      resultWriterV2: new ResultWriterV2({ bucket, prefix: `results/${job.job}/${phase}` }),
      toleratedFailurePercentage: 100,
      resultPath: `$.results.${phase}`,
    });
    map.itemProcessor(unit);
    return map;
  }
}
