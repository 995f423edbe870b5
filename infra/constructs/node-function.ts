/**
 * The one Node function construct (docs/architecture.md "Stacks"): runtime, architecture, bundling, logs, tracing and grants
 * are decided here once, for every route, job and custom resource.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel as EsbuildLogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
// cdk-nag's own rendering of a policy resource, so an acknowledgement names the finding exactly as reported.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { INDEXES } from '../../shared/store/table-definition.js';
import { BUNDLE_CHARSET, BUNDLE_TARGET, ESM_REQUIRE_BANNER, LAMBDA_ALIASES, MAIN_FIELDS } from '../bundling.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Access = 'read' | 'readwrite';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface NodeFunctionProps {
  /** The entry file, relative to the repo root. */
  entry: string;
  description: string;
  logLevel: LogLevel;
  logRetention: RetentionDays;
  /** @default 512 MB: a third of a vCPU, enough for a handler that mostly waits on DynamoDB. */
  memorySize?: number;
  /** @default 10 s: an HTTP API integration gives up after 30 s anyway. */
  timeout?: Duration;
  /** The customer-managed key that encrypts the function's log group (logs may hold client addresses). */
  logKey?: IKey | undefined;
}

/** The encryption context the applicant fields' data keys are bound to (shared/crypto/field-encryption.ts). */
export const APPLICANT_FIELDS_CONTEXT = { purpose: 'gongkai-applicant-fields' };

/**
 * Which table items a function may write: IAM `dynamodb:LeadingKeys` patterns of their partition keys
 * (shared/store/keys.ts). Absent: any item of the table (the application decides which).
 */
export type WritableKeys = readonly string[];

/**
 * The DynamoDB actions per access level. No function may delete an item, batch-write (which can delete) or
 * Scan: events are append-only (docs/architecture.md "Data and consistency"), idempotency records expire through TTL,
 * and the statistics read with Query, never a Scan. Transactions need the actions of their parts.
 */
const TABLE_ACTIONS: Record<Access, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
};

const BUCKET_ACTIONS: Record<Access, string[]> = {
  read: ['s3:GetObject'],
  readwrite: ['s3:GetObject', 's3:PutObject'],
};

export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    // Our own role, not the default one: the default attaches AWSLambdaBasicExecutionRole, which may write to
    // any log group; this role may write only to the function's own log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    // Explicit, so its retention is set from the first deployment. Retained with the stack gone: the
    // Cybersecurity Law (网络安全法, Art. 21) asks for network logs to be kept at least six months.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.logKey ? { encryptionKey: props.logKey } : {}),
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description.slice(0, 256),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        LOG_LEVEL: props.logLevel,
        // Stack traces point into the TypeScript sources through the bundle's source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // The SDK is bundled at the version the tests ran against, not the runtime's, and loads faster.
        bundleAwsSDK: true,
        sourceMap: true,
        // Stack traces need the mappings only; the sources would double the asset.
        sourcesContent: false,
        // Module replacements decided in infra/bundling.ts; esbuild resolves them from the repo root.
        // The charset too: this aws-cdk-lib's `charset` option does not reach the esbuild command line.
        esbuildArgs: { '--alias': Object.entries(LAMBDA_ALIASES).map(([module, to]) => `${module}=${to}`), '--charset': BUNDLE_CHARSET },
        logLevel: EsbuildLogLevel.WARNING,
        forceDockerBundling: false,
      },
    });

    // Tracing.ACTIVE lets the role send trace segments; X-Ray's write actions accept no resource but "*".
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions; the tests allow "*" for X-Ray actions only.',
    });
  }

  /**
   * Points the function at the table (TABLE_NAME) and grants the access level on it and its indexes only;
   * with `writableKeys`, its writes only to items whose partition key matches one of them (IAM
   * `dynamodb:LeadingKeys`). The table's customer-managed key is used by DynamoDB on the function's behalf
   * (DynamoDB's own grant), so the function needs no KMS permission for it.
   */
  bindTable(table: ITable, access: Access, writableKeys?: WritableKeys): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const resources = [table.tableArn, ...Object.values(INDEXES).map((index) => `${table.tableArn}/index/${index.indexName}`)];
    if (access === 'read' || !writableKeys) {
      this.addToRolePolicy(new PolicyStatement({ actions: TABLE_ACTIONS[access], resources }));
      return;
    }
    const reads = TABLE_ACTIONS.read;
    this.addToRolePolicy(new PolicyStatement({ actions: reads, resources }));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: TABLE_ACTIONS.readwrite.filter((action) => !reads.includes(action)),
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...writableKeys] } },
      }),
    );
  }

  /**
   * The applicant fields (shared/crypto/field-encryption.ts): KMS_KEY_ID, and kms:Decrypt (read) or also
   * kms:GenerateDataKey (readwrite) on the key, only for data keys bound to the applicant-fields context;
   * writers also read the blind-index secret (every case written carries its identity index).
   */
  bindApplicantFields(key: IKey, access: Access, blindIndex: ISecret): void {
    this.addEnvironment('KMS_KEY_ID', key.keyArn);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': APPLICANT_FIELDS_CONTEXT.purpose } },
      }),
    );
    if (access === 'readwrite') this.bindSecret(blindIndex, 'BLIND_INDEX_SECRET_ARN', key);
  }

  /** Reads one secret (its ARN in `variable`): GetSecretValue on it, and kms:Decrypt through Secrets Manager only. */
  bindSecret(secret: ISecret, variable: string, key: IKey): void {
    this.addEnvironment(variable, secret.secretArn);
    this.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );
  }

  /**
   * Points the function at the document bucket (DOCUMENT_BUCKET): `read` = object reads (downloads);
   * `render` = object reads and writes plus listing, so that a missing file answers 404 rather than 403
   * (the renderer writes a file only when its key is free: shared/store/document-storage.ts). No delete.
   */
  bindDocumentBucket(bucket: IBucket, access: 'read' | 'render'): void {
    const here = Stack.of(this);
    const producer = Stack.of(bucket);
    const bucketArn = producer === here ? bucket.bucketArn : producer.exportValue(bucket.bucketArn);
    const objects = `${bucketArn}/documents/*`;
    this.addEnvironment('DOCUMENT_BUCKET', bucket.bucketName);
    this.addToRolePolicy(
      new PolicyStatement({ actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [objects] }),
    );
    if (access === 'render') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn], conditions: { StringLike: { 's3:prefix': ['documents/*'] } } }),
      );
    }
    this.grantBucketKey(bucket, access === 'read' ? 'read' : 'write');
    Validations.of(this.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(here.resolve(objects))}]`,
      reason:
        'Document files have generated keys (documents/<case>/<document>.<format>); the grant covers that prefix of the document bucket only; the renderer alone may also delete there (the files of an anonymised case).',
    });
  }

  /** The bucket's objects are encrypted under the customer-managed key: S3 uses it on the function's behalf. */
  private grantBucketKey(bucket: IBucket, access: 'read' | 'write'): void {
    if (!bucket.encryptionKey) return;
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [bucket.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );
  }

  /** Points the function at the report bucket (REPORT_BUCKET) and grants object reads, or reads and writes. */
  bindBucket(bucket: IBucket, access: Access): void {
    const here = Stack.of(this);
    const producer = Stack.of(bucket);
    // Across stacks, take the ARN as an explicit import now: the policy then resolves to the same text at
    // construction and in the template, so the acknowledgement below names the finding cdk-nag reports.
    const bucketArn = producer === here ? bucket.bucketArn : producer.exportValue(bucket.bucketArn);
    const objects = `${bucketArn}/*`;
    this.addEnvironment('REPORT_BUCKET', bucket.bucketName);
    this.addToRolePolicy(new PolicyStatement({ actions: BUCKET_ACTIONS[access], resources: [objects] }));
    this.grantBucketKey(bucket, access === 'read' ? 'read' : 'write');
    Validations.of(this.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(here.resolve(objects))}]`,
      reason:
        'Report files have generated keys (year, agency, template, format); the grant covers the objects of the report bucket only, with no list, delete or bucket-level action.',
    });
  }
}
