/**
 * CDK assertions for the written notices (docs/domain.md §9): the table's stream, the document bucket, the
 * two outbox workers on the stream (filtered to their kind of work, retried per record, a dead-letter queue
 * with an alarm), and least privilege: the renderer writes documents under their prefix and deletes only
 * there (an anonymised case's files; the lifecycle expires their old versions the next day); the notifier sends e-mail as the configured address only and SMS, never to a topic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';

const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

let stateful: Template;
let stateless: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], notifyFromEmail: 'notice@gongkai.example.gov.cn' } });
  const built = buildApp(app);
  app.synth();
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
}, 120_000);

type Resource = { Properties: Record<string, any> };
const functionNamed = (fragment: string) => {
  const entries = Object.entries(stateless.findResources('AWS::Lambda::Function')) as [string, Resource][];
  const found = entries.find(([id]) => id.includes(fragment));
  if (!found) throw new Error(`no function ${fragment}`);
  return found;
};
const policiesOf = (logicalId: string) => {
  const role = functionNamed(logicalId)[1].Properties.Role['Fn::GetAtt'][0] as string;
  return (Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[])
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
};
const actionsOf = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('outbox and documents infrastructure', () => {
  it('streams new images of the table and keeps documents in their own retained, versioned, private bucket', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    const buckets = Object.values(stateful.findResources('AWS::S3::Bucket')) as Resource[];
    const documents = buckets.find((b) => b.Properties.LoggingConfiguration?.LogFilePrefix === 'documents/');
    expect(documents).toBeDefined();
    expect(documents!.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    // An anonymised case's files, once deleted, do not stay as old versions beyond the next day.
    expect(documents!.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 1 }, ExpiredObjectDeleteMarker: true }),
    ]);
    expect(documents!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    // Personal data: under the deployment's customer-managed key, as the table and the report bucket.
    const [rule] = documents!.Properties.BucketEncryption.ServerSideEncryptionConfiguration as { ServerSideEncryptionByDefault: Record<string, unknown> }[];
    expect(rule!.ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } });
  });

  it('feeds each worker only its kind of outbox work, retried per record, with a dead-letter queue', () => {
    // The renderer also deletes the files of anonymised cases' documents (erase_document_files).
    for (const kind of [['render_document', 'erase_document_files'], ['notify']]) {
      stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 8,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { entity: { S: ['outbox'] }, work: { M: { kind: { S: kind } } } } },
              }),
            },
          ],
        },
      });
    }
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('outbox dead-letter queue'),
    });
  });

  it('lets the renderer read, write and delete document files under documents/ only (deletes: of anonymised cases)', () => {
    const [id, fn] = functionNamed('RenderDocuments');
    expect(fn.Properties.Environment.Variables.DOCUMENT_BUCKET).toBeDefined();
    const actions = actionsOf(policiesOf(id));
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
    // It deletes objects (a delete marker in the versioned bucket), never versions: those the lifecycle expires.
    expect(actions.filter((a) => /Delete/.test(a))).toEqual(['s3:DeleteObject']);
    const remove = policiesOf(id).find((s) => actionsOf([s]).includes('s3:DeleteObject'))!;
    expect(JSON.stringify(remove.Resource)).toContain('/documents/*');
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
  });

  it('lets the notifier send e-mail as the configured address only, and SMS but never to a topic; no bucket access', () => {
    const [id, fn] = functionNamed('SendNotifications');
    expect(fn.Properties.Environment.Variables).toMatchObject({ NOTIFY_FROM_EMAIL: 'notice@gongkai.example.gov.cn', NOTIFY_TRANSPORT: 'aws' });
    expect(fn.Properties.Environment.Variables.DOCUMENT_BUCKET).toBeUndefined();
    const statements = policiesOf(id);
    const ses = statements.find((s) => actionsOf([s]).includes('ses:SendEmail'))!;
    expect(ses.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'notice@gongkai.example.gov.cn' } });
    expect(JSON.stringify(ses.Resource)).toContain('identity/gongkai.example.gov.cn');
    const deny = statements.find((s) => s.Effect === 'Deny')!;
    expect(actionsOf([deny])).toEqual(['sns:Publish']);
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('gives the download routes object reads on the document bucket and nothing more of it', () => {
    for (const route of ['GetCaseDocument', 'GetApplicationDocument']) {
      const [id, fn] = functionNamed(route);
      expect(fn.Properties.Environment.Variables.DOCUMENT_BUCKET).toBeDefined();
      expect(actionsOf(policiesOf(id)).filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    }
  });
});
