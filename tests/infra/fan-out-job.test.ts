/**
 * CDK assertions on the fan-out jobs' state machines (infra/constructs/fan-out-job.ts), generated from
 * shared/jobs.ts fanOutJobs: plan → one Distributed Map per phase (items from the plan's object, results to
 * the job bucket, retries per unit as UNIT_RETRY, failures tolerated and summarised) → summary → fail when a
 * unit failed; scheduled by EventBridge; alarmed; least privilege; cdk-nag clean in aws and aws-cn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';
import { scheduleOf } from '../../infra/constructs/scheduled-jobs.js';
import { fanOutJobs, JOB_PHASES } from '../../shared/jobs.js';
import { UNIT_RETRY } from '../../shared/services/fan-out.js';

/** A synth of the whole app takes tens of seconds on a busy 2-core machine. */
const SYNTH_TIMEOUT = 300_000;
const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

type Resource = { Type: string; Properties: Record<string, any> };

function synth(context: Record<string, unknown> = {}, env?: { account: string; region: string }) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  const built = buildApp(app, env ? { env } : {});
  app.synth();
  return { app, stateless: Template.fromStack(built.stateless) };
}

/** The state machine's definition, its CloudFormation references replaced by their logical ids. */
function definitionOf(resource: Resource): any {
  const parts = resource.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const p = part as Record<string, any>;
      if (p.Ref) return `<${p.Ref}>`;
      if (p['Fn::GetAtt']) return `<${p['Fn::GetAtt'].join('.')}>`;
      return '<token>';
    })
    .join('');
  return JSON.parse(text);
}

const byId = (template: Template, type: string) => Object.entries(template.findResources(type)) as [string, Resource][];

describe('the fan-out jobs, as configured in shared/jobs.ts', () => {
  let s: ReturnType<typeof synth>;
  beforeAll(() => {
    s = synth();
  }, SYNTH_TIMEOUT);

  const machineOf = (jobId: string) => {
    const found = byId(s.stateless, 'AWS::StepFunctions::StateMachine').find(([id]) => id.startsWith(`FanOut${jobId}StateMachine`));
    expect(found, jobId).toBeDefined();
    return found!;
  };

  it('has one standard state machine per job, traced, logging every state, with a run timeout', () => {
    expect(byId(s.stateless, 'AWS::StepFunctions::StateMachine')).toHaveLength(fanOutJobs.length);
    for (const job of fanOutJobs) {
      const [, machine] = machineOf(job.id);
      expect(machine.Properties.StateMachineType).toBe('STANDARD');
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
      expect(definitionOf(machine).TimeoutSeconds).toBe(7200);
    }
  });

  it('plans, runs each phase as a Distributed Map over the planned units with retries per unit, then summarises and fails on a failed unit', () => {
    for (const job of fanOutJobs) {
      const definition = definitionOf(machineOf(job.id)[1]);
      const states = definition.States as Record<string, any>;
      const phases = JOB_PHASES[job.job];
      // The order: plan, the phases in the order the local runner runs them, summary, verdict.
      const order: string[] = [];
      for (let name: string | undefined = definition.StartAt; name; name = states[name].Next) order.push(name);
      expect(order).toEqual([`${job.id} plan`, ...phases.map((p) => `${job.id} ${p}`), `${job.id} summary`, `${job.id} any unit failed?`]);
      // Lambda invoked directly (the function's ARN as the resource): its answer is the state's result.
      expect(states[`${job.id} plan`].Resource).toBe('<FanOutPlanEB609083.Arn>');
      expect(states[`${job.id} plan`].Parameters).toEqual({ job: job.job, 'runId.$': '$$.Execution.Name', 'startedAt.$': '$$.Execution.StartTime' });

      phases.forEach((phase, index) => {
        const map = states[`${job.id} ${phase}`];
        expect(map.Type).toBe('Map');
        expect(map.MaxConcurrency).toBe(job.maxConcurrency);
        expect(map.ToleratedFailurePercentage).toBe(100);
        expect(map.ResultPath).toBe(`$.results.${phase}`);
        expect(map.ItemReader.ReaderConfig).toEqual({ InputType: 'JSON' });
        expect(map.ItemReader.Parameters['Key.$']).toBe(`$.plan.phases[${index}].key`);
        expect(map.ItemReader.Resource).toMatch(/:states:::s3:getObject$/);
        expect(map.ResultWriter.Parameters.Prefix).toBe(`results/${job.job}/${phase}`);
        expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: job.childExecution });
        const unit = map.ItemProcessor.States[map.ItemProcessor.StartAt];
        expect(unit.Type).toBe('Task');
        // The item itself is the unit function's event.
        expect(unit.Resource).toMatch(new RegExp(`^<FanOut${job.id}Unit.*\\.Arn>$`));
        expect(unit.Parameters).toBeUndefined();
        expect(unit.Retry).toEqual([
          { ErrorEquals: [...UNIT_RETRY.never], MaxAttempts: 0 },
          { ErrorEquals: ['States.ALL'], IntervalSeconds: UNIT_RETRY.intervalSeconds, MaxAttempts: UNIT_RETRY.attempts - 1, BackoffRate: UNIT_RETRY.backoffRate },
        ]);
        expect(unit.End).toBe(true);
      });

      const summary = states[`${job.id} summary`];
      expect(summary.Parameters).toEqual({ 'plan.$': '$.plan', 'results.$': '$.results' });
      expect(summary.ResultPath).toBe('$.summary');
      const verdict = states[`${job.id} any unit failed?`];
      expect(verdict.Choices).toEqual([{ Variable: '$.summary.failed', NumericGreaterThan: 0, Next: `${job.id} units failed` }]);
      expect(states[`${job.id} units failed`]).toEqual({ Type: 'Fail', Error: 'UnitsFailed', CausePath: '$.summary.message' });
      expect(states[verdict.Default].Type).toBe('Succeed');
    }
  });

  it('starts each job on its schedule, retrying, with undeliverable starts parked in a dead-letter queue', () => {
    for (const job of fanOutJobs) {
      const [machineId] = machineOf(job.id);
      const rule = byId(s.stateless, 'AWS::Events::Rule').find(([, r]) => r.Properties.Targets[0].Arn.Ref === machineId);
      expect(rule, job.id).toBeDefined();
      expect(rule![1].Properties.ScheduleExpression).toBe(scheduleOf(job).expressionString);
      expect(rule![1].Properties.Targets[0]).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 } });
      expect(rule![1].Properties.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^FanOutDeadLetters/);
    }
    expect(scheduleOf(fanOutJobs.find((j) => j.job === 'year-end')!).expressionString).toBe('cron(30 16 31 12 ? *)');
    expect(scheduleOf(fanOutJobs.find((j) => j.job === 'deadline-sweep')!).expressionString).toBe('cron(0 22 * * ? *)');
  });

  it('alarms when a run fails, times out or is aborted', () => {
    const alarms = byId(s.stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    for (const job of fanOutJobs) {
      const [machineId] = machineOf(job.id);
      const metrics = alarms.filter((a) => a.Namespace === 'AWS/States' && a.Dimensions[0].Value.Ref === machineId).map((a) => a.MetricName);
      expect(metrics.sort()).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    }
  });

  it('gives the unit, plan and summary functions what they need and no more', () => {
    const functions = byId(s.stateless, 'AWS::Lambda::Function');
    const policies = byId(s.stateless, 'AWS::IAM::Policy');
    const actionsOf = (prefix: string) => {
      const [, fn] = functions.find(([id]) => id.startsWith(prefix))!;
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const statements = policies.filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId)).flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
      return { fn, statements: statements as { Action: string | string[]; Resource: unknown }[] };
    };
    for (const job of fanOutJobs) {
      const { fn, statements } = actionsOf(`FanOut${job.id}Unit`);
      expect(fn.Properties.Timeout).toBe(job.unitTimeoutSeconds);
      expect('REPORT_BUCKET' in fn.Properties.Environment.Variables).toBe(job.needsReportBucket);
      const s3 = statements.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith('s3:'));
      expect(s3.sort()).toEqual(job.needsReportBucket ? ['s3:GetObject', 's3:PutObject'] : []);
    }
    const plan = actionsOf('FanOutPlan');
    expect(plan.fn.Properties.Environment.Variables.JOB_BUCKET).toBeDefined();
    const planS3 = plan.statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
    expect(planS3.map((st) => st.Action)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(planS3[0]!.Resource)).toContain('/runs/*');
    const planTable = plan.statements.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
    expect(planTable.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    const summary = actionsOf('FanOutSummary');
    expect(summary.statements.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('keeps the runs in a private, encrypted, TLS-only bucket that expires them after 400 days', () => {
    const [[, bucket]] = byId(s.stateless, 'AWS::S3::Bucket') as [[string, Resource]];
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ ExpirationInDays: 400, Status: 'Enabled' });
    s.stateless.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, { Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }] },
    });
  });

  it('passes cdk-nag, its wildcards acknowledged one by one', () => {
    expect(new AwsSolutionsChecks().validateScope(s.app).violations).toEqual([]);
  });

  it('synthesises for aws-cn (cn-northwest-1) with no aws-partition ARN, cdk-nag clean', () => {
    const cn = synth({ jwtIssuer: 'https://idp.example.gov.cn/realms/gongkai', jwtAudience: 'gongkai-web' }, { account: '123456789012', region: 'cn-northwest-1' });
    const text = JSON.stringify(cn.stateless.toJSON());
    expect(text).not.toContain('arn:aws:');
    expect(byId(cn.stateless, 'AWS::StepFunctions::StateMachine')).toHaveLength(fanOutJobs.length);
    expect(new AwsSolutionsChecks().validateScope(cn.app).violations).toEqual([]);
  }, SYNTH_TIMEOUT);
});
