/**
 * The one DynamoDB document client of a process, created at module scope on first use (STYLE.md: create
 * SDK clients once). `DYNAMODB_ENDPOINT` points it at DynamoDB Local or any compatible endpoint.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';

export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

let shared: Db | undefined;

export function createDb(options: { endpoint?: string | undefined; tableName: string; region?: string }): Db {
  const client = new DynamoDBClient({
    region: options.region ?? 'local',
    // Fail fast enough to answer 503 well within API Gateway's 29 s: a connection must open within a
    // second and a request finish within five; the SDK retries throttling and transient errors (3 tries).
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    maxAttempts: 3,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // DynamoDB Local accepts any credentials; a real endpoint uses the usual credential chain.
    ...(options.endpoint && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: options.tableName };
}

/** The process-wide client built from the environment. */
export function db(): Db {
  if (!shared) {
    const env = config();
    shared = createDb({ endpoint: env.DYNAMODB_ENDPOINT, tableName: env.TABLE_NAME, region: env.AWS_REGION });
  }
  return shared;
}
