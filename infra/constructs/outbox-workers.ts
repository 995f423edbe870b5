/**
 * The outbox workers (shared/store/outbox.ts): two functions on the table's stream, each receiving only the
 * new outbox items of its kind (event filtering), retried per record (ReportBatchItemFailures, bisecting)
 * and parked in a dead-letter queue after the last attempt, with an alarm. The notifier may send e-mail as
 * the configured address only, and SMS (SNS Publish to a phone number has no resource ARN). Built into the
 * scope the stack names, so construct paths (and logical ids) stay those of the stack.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FIVE_MINUTES, type StackAlarms } from './alarms.js';
import { DOCUMENT_WORK_KINDS } from '../../shared/services/render-work.js';

export interface OutboxWorkersProps {
  table: ITable;
  documentBucket: IBucket;
  dataKey: IKey;
  blindIndexSecret: ISecret;
  /** The sender of the notification e-mails (an SES-verified identity); none: e-mail work fails into the DLQ. */
  notifyFromEmail?: string | undefined;
  alarms: StackAlarms;
}

export function outboxWorkers(scope: Construct, props: OutboxWorkersProps): void {
  const { table, alarms } = props;
  if (!table.tableStreamArn) throw new Error('The table needs its stream for the outbox workers.');
  const outbox = new Construct(scope, 'Outbox');
  const deadLetters = new Queue(outbox, 'DeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the outbox workers.' });
  alarms.alarm(
    outbox,
    'FailedWork',
    deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
    '文书生成或通知发送重试后仍失败：请查看发件箱死信队列。A document could not be rendered or a notification sent after its retries: see the outbox dead-letter queue.',
  );
  // FilterRule.isEqual is typed `any`: it gives the pattern `[value]` of an equality filter.
  const is = (value: string): unknown => FilterRule.isEqual(value) as unknown;
  const source = (...kinds: string[]) =>
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      retryAttempts: 8,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(deadLetters),
      filters: [
        FilterCriteria.filter({
          eventName: is('INSERT'),
          dynamodb: { NewImage: { entity: { S: is('outbox') }, work: { M: { kind: { S: kinds.length === 1 ? is(kinds[0]!) : (FilterRule.or(...kinds) as unknown) } } } } },
        }),
      ],
    });

  const renderer = alarms.monitoredFunction(outbox, 'RenderDocuments', {
    entry: 'functions/stream/render-documents.ts',
    description: 'Renders issued documents (DOCX, HTML) into the document bucket, and deletes those of anonymised cases, from the outbox',
    memorySize: 1024,
    timeout: Duration.minutes(1),
  });
  renderer.bindTable(table, 'readwrite');
  renderer.bindDocumentBucket(props.documentBucket, 'render');
  renderer.addEventSource(source(...DOCUMENT_WORK_KINDS));

  const notifier = alarms.monitoredFunction(outbox, 'SendNotifications', {
    entry: 'functions/stream/send-notifications.ts',
    description: 'Sends the e-mail (SES) and SMS (SNS) notifications of the outbox, each once',
    timeout: Duration.seconds(30),
  });
  notifier.bindTable(table, 'readwrite');
  // The addresses are read from the case item, where they are sealed (shared/crypto/field-encryption.ts).
  notifier.bindApplicantFields(props.dataKey, 'read', props.blindIndexSecret);
  notifier.addEventSource(source('notify'));
  notifier.addEnvironment('NOTIFY_TRANSPORT', 'aws');
  const from = props.notifyFromEmail;
  const stack = Stack.of(scope);
  if (from) {
    notifier.addEnvironment('NOTIFY_FROM_EMAIL', from);
    const domain = from.slice(from.indexOf('@') + 1);
    notifier.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: from }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': from } },
      }),
    );
  }
  notifier.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
  // …and never to a topic or an application endpoint: only direct SMS.
  notifier.addToRolePolicy(
    new PolicyStatement({ effect: Effect.DENY, actions: ['sns:Publish'], resources: [stack.formatArn({ service: 'sns', resource: '*' })] }),
  );
  Validations.of(notifier.role!).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'SNS Publish to a phone number (SMS) has no resource ARN; publishing to any topic or endpoint ARN of the account is denied beside it.',
  });
}
