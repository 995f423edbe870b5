/**
 * CDK assertions for #13 items 5 and 10: the customer-managed key (rotation on) under the table, the report
 * bucket, every log group and the secrets; the applicant-field grants bound to their encryption context; the
 * query-code secret in Secrets Manager with its rotation; public functions writing only their own items
 * (dynamodb:LeadingKeys).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';
import { QUERY_CODE_ROTATION_DAYS } from '../../infra/stacks/stateful-stack.js';
import { routeList } from '../../shared/http/routes.js';
import { scheduledJobs } from '../../shared/jobs.js';
import { WRITABLE_KEYS } from '../../shared/store/keys.js';

const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, any>; Effect: string };

let stateful: Template;
let stateless: Template;
let keyId: string;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const built = buildApp(app);
  app.synth();
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
  keyId = Object.keys(stateful.findResources('AWS::KMS::Key'))[0]!;
}, 120_000);

const resources = (template: Template, type: string) => Object.entries(template.findResources(type)) as [string, Resource][];

/** The statements of the role of the function whose logical id starts with `prefix`. */
function statementsOf(template: Template, prefix: string): Statement[] {
  const [, fn] = resources(template, 'AWS::Lambda::Function').find(([id]) => id.startsWith(prefix))!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe('the customer-managed key', () => {
  it('is one symmetric key with yearly rotation, retained', () => {
    const keys = resources(stateful, 'AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    expect(keys[0]![1].Properties).toMatchObject({ EnableKeyRotation: true, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(keys[0]![1].DeletionPolicy).toBe('Retain');
  });

  it('encrypts the table and the report bucket', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    const [, reports] = resources(stateful, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Reports'))!;
    expect(reports.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('encrypts every log group (functions, API access logs), and lets CloudWatch Logs of this account use it', () => {
    const groups = [...resources(stateless, 'AWS::Logs::LogGroup'), ...resources(stateful, 'AWS::Logs::LogGroup')];
    expect(groups.length).toBeGreaterThan(routeList.length);
    for (const [id, group] of groups) expect(group.Properties.KmsKeyId, id).toBeDefined();
    const [, key] = resources(stateful, 'AWS::KMS::Key')[0]!;
    const logs = (key.Properties.KeyPolicy.Statement as Statement[]).find((s) => JSON.stringify(s).includes('logs.'))!;
    expect(JSON.stringify(logs.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
  });
});

describe('the applicant fields (envelope encryption under the key)', () => {
  it('are readable only by the functions that declare them, bound to their encryption context', () => {
    for (const definition of [...routeList, ...scheduledJobs]) {
      const prefix = 'method' in definition ? `Routes${definition.id}` : `Jobs${definition.id}`;
      const statements = statementsOf(stateless, prefix);
      const kms = statements.filter((s) => JSON.stringify(s.Condition ?? {}).includes('kms:EncryptionContext:purpose'));
      const expected = { read: ['kms:Decrypt'], readwrite: ['kms:Decrypt', 'kms:GenerateDataKey'], none: [] }[definition.applicantFields ?? 'none'];
      expect(actionsOf(kms).sort(), definition.id).toEqual(expected);
      for (const s of kms) expect(s.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': 'gongkai-applicant-fields' } });
    }
    // The statistics never see an identity.
    expect(actionsOf(statementsOf(stateless, 'RoutesGetReport'))).not.toContain('kms:Decrypt');
  });
});

describe('the secrets', () => {
  it('are in Secrets Manager under the key; the query-code one rotates every 30 days through its own function', () => {
    // Not the edge's origin secret: no personal data, under Secrets Manager's AWS managed key, which its
    // us-east-1 replica needs (tests/infra/edge.test.ts).
    const secrets = resources(stateful, 'AWS::SecretsManager::Secret').filter(([id]) => !id.startsWith('OriginSecret'));
    expect(secrets).toHaveLength(2);
    for (const [, secret] of secrets) expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const [queryCodeId] = secrets.find(([id]) => id.startsWith('QueryCodeSecret'))!;
    stateful.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: queryCodeId },
      RotationRules: { ScheduleExpression: `rate(${QUERY_CODE_ROTATION_DAYS} days)` },
    });
    const rotation = statementsOf(stateful, 'RotateQueryCodeSecret');
    expect(actionsOf(rotation)).toEqual(
      expect.arrayContaining(['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage']),
    );
    for (const s of rotation.filter((st) => actionsOf([st]).some((a) => a.startsWith('secretsmanager:')))) {
      expect(s.Resource).toEqual({ Ref: queryCodeId });
    }
  });

  it('the query-code secret is read only by the routes that open cases, and not kept in the table', () => {
    for (const route of routeList) {
      const reads = statementsOf(stateless, `Routes${route.id}`).filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue'));
      const names = reads.map((s) => JSON.stringify(s.Resource));
      expect(names.some((n) => n.includes('QueryCodeSecret')), route.id).toBe(route.queryCodeSecret === true);
    }
  });
});

describe('least privilege in the data (dynamodb:LeadingKeys)', () => {
  it('lets each public function write only the items it creates', () => {
    const publicRoutes = routeList.filter((r) => r.auth === 'public' && r.tableAccess === 'readwrite');
    expect(publicRoutes.map((r) => r.id).sort()).toEqual(['GetApplication', 'GetApplicationDocument', 'SubmitApplication']);
    const expected: Record<string, string[]> = {
      // With the receipt (登记回执, issue 14): its number counter and its outbox work, in the case's transaction.
      SubmitApplication: [
        WRITABLE_KEYS.case,
        WRITABLE_KEYS.publicIdempotency,
        WRITABLE_KEYS.publicContentIdempotency,
        WRITABLE_KEYS.rateCounter,
        WRITABLE_KEYS.documentCounter,
        WRITABLE_KEYS.outbox,
      ],
      GetApplication: [WRITABLE_KEYS.rateCounter],
      GetApplicationDocument: [WRITABLE_KEYS.rateCounter],
    };
    for (const route of publicRoutes) {
      const statements = statementsOf(stateless, `Routes${route.id}`).filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
      const writes = statements.filter((s) => actionsOf([s]).some((a) => ['dynamodb:PutItem', 'dynamodb:UpdateItem'].includes(a)));
      expect(writes).toHaveLength(1);
      expect(writes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': expected[route.id] } });
      expect(JSON.stringify(writes[0]!.Resource)).not.toContain('/index/');
      // Every other DynamoDB statement of the function only reads.
      for (const s of statements.filter((st) => st !== writes[0])) {
        expect(actionsOf([s]).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      }
    }
  });

  it('refuses a public route that writes without naming its keys', () => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const careless = routeList.map((r) => (r.id === 'GetApplication' ? { ...r, writableKeys: undefined } : r));
    expect(() => buildApp(app, { routes: careless })).toThrow(/GetApplication writes the table: name its writableKeys/);
  });
});
