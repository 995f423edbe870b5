/**
 * What outlives the code (STYLE.md §6): the table and the report bucket, retained, protected and recoverable.
 * The stateless stack receives them as props; CloudFormation then refuses to delete this stack, or the
 * exports, while the stateless stack still uses them.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { INDEXES, KEY_ATTRIBUTES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/table-definition.js';

export interface StatefulStackProps extends StackProps {
  /** How long the bucket's server access logs are kept (the same retention as the function logs). */
  accessLogRetention: RetentionDays;
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly reportBucket: Bucket;
  /** The cases' written notices (DOCX, HTML): personal data, versioned, never deleted by the functions. */
  readonly documentBucket: Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    // Built from shared/store/table-definition.ts, as the local table is, so the two cannot drift.
    const string = (name: string) => {
      if (!KEY_ATTRIBUTES.includes(name)) throw new Error(`${name} is not a key attribute of the table definition`);
      return { name, type: AttributeType.STRING };
    };
    this.table = new Table(this, 'Table', {
      partitionKey: string(TABLE_KEYS.partitionKey),
      sortKey: string(TABLE_KEYS.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.DEFAULT, // at rest, with an AWS owned key: nothing to manage or pay for
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
        "This bucket receives the report bucket's server access logs; logging it too would only log the log delivery.",
    });

    // Generated reports (DESIGN.md "Data and consistency"). Versioned: a regenerated report keeps the one
    // published before it.
    this.reportBucket = new Bucket(this, 'Reports', {
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
    });

    // The cases' documents (docs/domain.md §9): immutable once issued; a correction is a new object.
    this.documentBucket = new Bucket(this, 'Documents', {
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
    });

    new CfnOutput(this, 'ReportBucketName', {
      value: this.reportBucket.bucketName,
      description: 'Where generated reports land',
    });
  }
}
