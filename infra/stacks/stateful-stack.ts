/**
 * What outlives the code (docs/architecture.md "Stacks"): the deployment's customer-managed KMS key, the table and the report
 * bucket encrypted under it, and the two secrets (query-code and blind-index keys, shared/crypto/secret-store.ts),
 * retained, protected and recoverable; and the HTTP API itself, without its routes (route-api.ts httpApi()): its
 * address is the edge's origin, which must exist before the edge, and the edge before the stateless stack.
 * The stateless stack receives them as props; CloudFormation then refuses to delete this stack, or the
 * exports, while the stateless stack still uses them.
 */
import { Aws, CfnCondition, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type LifecycleRule, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { CfnRotationSchedule, type CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { awsCall, type AwsCallLogs } from '../constructs/aws-call.js';
import type { Construct } from 'constructs';
import { NodeFunction, type LogLevel } from '../constructs/node-function.js';
import { httpApi, type HttpApiProps } from '../constructs/route-api.js';
import { INDEXES, KEY_ATTRIBUTES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-definition.js';

export interface StatefulStackProps extends StackProps {
  /** How long the bucket's server access logs are kept (the same retention as the function logs). */
  accessLogRetention: RetentionDays;
  /** The rotation function's log level. */
  logLevel: LogLevel;
  /**
   * With the edge (CloudFront in front of the API): the name of the secret CloudFront sends to the API in
   * `x-origin-verify` (shared/http/origin.ts), replicated to us-east-1, where the edge stack reads it.
   */
  originSecretName?: string | undefined;
  /** The HTTP API (routes, authorizer and stage: stateless stack). */
  api: HttpApiProps;
  /**
   * With the edge and no custom domain: the SSM parameter, in us-east-1, where the API's execute-api host
   * name is written at deployment for the edge stack to read (its origin).
   */
  apiOriginParameter?: string | undefined;
}

/** The query-code secret is rotated this often (its idempotency records live a day: AWSPREVIOUS covers them). */
export const QUERY_CODE_ROTATION_DAYS = 30;

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly reportBucket: Bucket;
  /** The customer-managed key of the table, the report bucket, the log groups, the secrets and the applicant fields. */
  readonly dataKey: Key;
  /** The HMAC key deriving idempotent submissions' query codes (rotated by the stateless stack's rotation function). */
  readonly queryCodeSecret: Secret;
  /** The HMAC key of the identity numbers' blind index (never rotated: stored indexes would no longer match). */
  readonly blindIndexSecret: Secret;
  /** The edge's origin secret (only with the edge; props.originSecretName). */
  readonly originSecret: Secret | undefined;
  /** The cases' written notices (DOCX, HTML): personal data, versioned, never deleted by the functions. */
  readonly documentBucket: Bucket;
  /** The HTTP API, without routes. */
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    // PIPL Art. 51(3) (encryption of personal information) under the deployment's own key, rotated yearly
    // by KMS (old key material stays to decrypt). Retained: without it nothing encrypted can be read.
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Gongkai: table, report bucket, logs, secrets and applicant fields (envelope encryption)',
      enableKeyRotation: true,
      keySpec: KeySpec.SYMMETRIC_DEFAULT,
      keyUsage: KeyUsage.ENCRYPT_DECRYPT,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts the function and API log groups of this account and region with it; the
    // service principal is regional (logs.<region>.amazonaws.com, .com.cn in the China regions).
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(Fn.join('', ['logs.', Aws.REGION, '.', Aws.URL_SUFFIX]))],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
        },
      }),
    );
    new CfnOutput(this, 'DataKeyArn', { value: this.dataKey.keyArn, description: 'The customer-managed KMS key of the data' });

    const secret = (secretId: string, description: string) =>
      new Secret(this, secretId, {
        description,
        encryptionKey: this.dataKey,
        // 64 letters and digits: the HMAC key as the functions read it (SecretString, UTF-8 bytes).
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.queryCodeSecret = secret('QueryCodeSecret', 'Gongkai: HMAC key deriving the query codes of idempotent submissions (rotated)');
    this.blindIndexSecret = secret('BlindIndexSecret', 'Gongkai: HMAC key of the blind index of identity numbers (never rotated)');
    this.rotateQueryCodeSecret(props);
    Validations.of(this.blindIndexSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'This key computes the blind index stored on every case to find equal identity numbers; a rotated key would make every stored index unfindable. It never leaves Secrets Manager and the functions that write cases.',
    });

    this.originSecret = props.originSecretName ? this.createOriginSecret(props.originSecretName) : undefined;

    this.api = httpApi(this, props.api);
    if (props.apiOriginParameter) this.publishApiOrigin(props.apiOriginParameter, { key: this.dataKey, retention: props.accessLogRetention });

    // Built from shared/store/table-definition.ts, as the local table is, so the two cannot drift.
    const string = (name: string) => {
      if (!KEY_ATTRIBUTES.includes(name)) throw new Error(`${name} is not a key attribute of the table definition`);
      return { name, type: AttributeType.STRING };
    };
    this.table = new Table(this, 'Table', {
      partitionKey: string(TABLE_KEYS.partitionKey),
      sortKey: string(TABLE_KEYS.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      // At rest under the deployment's own key (PIPL Art. 51(3)); the applicant's identity is sealed at
      // field level besides (shared/crypto/field-encryption.ts), so an export or backup alone reveals none.
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The outbox (shared/store/outbox.ts): new outbox items reach the document renderer and the notifier.
      stream: StreamViewType.NEW_IMAGE,
    });
    for (const index of Object.values(INDEXES)) {
      const projection: readonly string[] | 'ALL' = index.projection;
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        ...(projection === 'ALL'
          ? { projectionType: ProjectionType.ALL }
          : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection] }),
      });
    }

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, // log delivery cannot write to a KMS-encrypted bucket
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules:
        props.accessLogRetention === RetentionDays.INFINITE
          ? []
          : [{ expiration: Duration.days(props.accessLogRetention) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "This bucket receives the report and document buckets' server access logs; logging it too would only log the log delivery.",
    });

    // Generated reports (docs/architecture.md "Data and consistency"). Versioned: a regenerated report keeps the one
    // published before it.
    // Both buckets hold personal data (names in documents, identities behind reports' figures): under the
    // deployment's own key, as the table, one KMS data key per bucket and period (not one call per object),
    // private, retained, and logged into the access-log bucket under their own prefix.
    const privateBucket = (id: string, logPrefix: string, lifecycleRules?: LifecycleRule[]) =>
      new Bucket(this, id, {
        versioned: true,
        ...(lifecycleRules ? { lifecycleRules } : {}),
        encryption: BucketEncryption.KMS,
        encryptionKey: this.dataKey,
        bucketKeyEnabled: true,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: RemovalPolicy.RETAIN,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: logPrefix,
      });
    this.reportBucket = privateBucket('Reports', 'reports/');

    // The cases' documents (docs/domain.md §9): immutable once issued; a correction is a new object. Deleted
    // only when their case is anonymised (retention, erasure): the delete leaves a noncurrent version, which
    // the lifecycle removes the next day, so an erased applicant's letters do not linger in old versions.
    this.documentBucket = privateBucket('Documents', 'documents/', [
      { id: 'ErasedDocuments', noncurrentVersionExpiration: Duration.days(1), expiredObjectDeleteMarker: true },
    ]);

    new CfnOutput(this, 'QueryCodeSecretArn', { value: this.queryCodeSecret.secretArn, description: 'The rotated query-code key' });
    new CfnOutput(this, 'ReportBucketName', {
      value: this.reportBucket.bucketName,
      description: 'Where generated reports land',
    });
  }

  /**
   * The value CloudFront adds to every request to the API (`x-origin-verify`), so the API refuses requests
   * that went around the distribution and its WAF (shared/http/origin.ts). The edge stack, in us-east-1,
   * reads it by name with a CloudFormation dynamic reference, which resolves in the stack's own region: the
   * secret is replicated there, unless the API is in us-east-1 itself (a condition, as the stacks name no
   * region at synth). Not personal data, so the AWS managed key of Secrets Manager (which a replica needs in
   * its region anyway).
   */
  private createOriginSecret(name: string): Secret {
    const secret = new Secret(this, 'OriginSecret', {
      secretName: name,
      description: 'Gongkai: the value CloudFront sends to the API in x-origin-verify; requests without it are refused',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const outsideUsEast1 = new CfnCondition(this, 'ApiOutsideUsEast1', { expression: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, 'us-east-1')) });
    (secret.node.defaultChild as CfnSecret).replicaRegions = Fn.conditionIf(outsideUsEast1.logicalId, [{ Region: 'us-east-1' }], Aws.NO_VALUE);
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront holds the value as resolved at the edge stack\'s last deployment, so an automatic rotation would cut the API off after the next one. Rotated by hand (docs/deployment.md "The edge"): put a new value, then deploy the edge stack with -c originSecretVersion; the API accepts the current and the previous version meanwhile.',
    });
    new CfnOutput(this, 'OriginSecretArn', { value: secret.secretArn, description: 'The edge origin secret (x-origin-verify)' });
    return secret;
  }

  /**
   * Writes the API's execute-api host name (`<id>.execute-api.<region>.amazonaws.com`) into the SSM
   * parameter `name` in us-east-1, where the edge stack reads it as a CloudFormation parameter of type
   * `AWS::SSM::Parameter::Value<String>` (resolved by CloudFormation at each of its deployments). The stacks
   * name no region at synthesis and CDK makes no reference across regions, so the value crosses at
   * deployment; it changes only if this API is replaced.
   */
  private publishApiOrigin(name: string, logs: AwsCallLogs): void {
    const host = Fn.select(1, Fn.split('://', this.api.apiEndpoint));
    const put = {
      service: 'SSM',
      action: 'putParameter',
      parameters: { Name: name, Value: host, Type: 'String', Overwrite: true, Description: "Gongkai: the HTTP API's execute-api host, the edge's origin" },
      region: 'us-east-1',
      physicalResourceId: PhysicalResourceId.of(name),
    };
    awsCall(this, 'ApiOrigin', {
      onCreate: put,
      onUpdate: put,
      onDelete: { service: 'SSM', action: 'deleteParameter', parameters: { Name: name }, region: 'us-east-1' },
      statements: [
        new PolicyStatement({
          actions: ['ssm:PutParameter', 'ssm:DeleteParameter'],
          resources: [`arn:${Aws.PARTITION}:ssm:us-east-1:${Aws.ACCOUNT_ID}:parameter${name}`],
        }),
      ],
      logs,
    });
    new CfnOutput(this, 'ApiOriginHost', { value: host, description: "The HTTP API's execute-api host: the edge's origin" });
  }

  /**
   * Rotation of the query-code secret every QUERY_CODE_ROTATION_DAYS by functions/custom/rotate-secret.ts
   * (shared/crypto/rotation.ts): exactly the four Secrets Manager calls it makes, on this secret only, and
   * kms:GenerateDataKey / Decrypt through Secrets Manager only.
   */
  private rotateQueryCodeSecret(props: StatefulStackProps): void {
    const fn = new NodeFunction(this, 'RotateQueryCodeSecret', {
      entry: 'functions/custom/rotate-secret.ts',
      description: 'Secrets Manager rotation of the query-code HMAC key (a new random key each time)',
      logLevel: props.logLevel,
      logRetention: props.accessLogRetention,
      logKey: this.dataKey,
      timeout: Duration.seconds(30),
    });
    const secretArn = this.queryCodeSecret.secretArn;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        resources: [secretArn],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
      }),
    );
    fn.addPermission('SecretsManagerInvokes', {
      principal: new ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: secretArn,
    });
    const schedule = new CfnRotationSchedule(this, 'QueryCodeSecretRotation', {
      secretId: secretArn,
      rotationLambdaArn: fn.functionArn,
      rotationRules: { scheduleExpression: `rate(${QUERY_CODE_ROTATION_DAYS} days)` },
    });
    schedule.node.addDependency(fn);
  }
}
