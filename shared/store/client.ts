/**
 * The one DynamoDB document client of a process, created at module scope on first use (docs/architecture.md: create
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

/**
 * An endpoint on this machine is DynamoDB Local (or another local emulator): the client signs with a fixed
 * region and fixed credentials, whatever AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE or AWS_ACCESS_KEY_ID
 * the shell holds, so that every process of the local stack (the bootstrap, the handlers, the CLIs) sees
 * the same database (DynamoDB Local also runs with -sharedDb, infra/local/dynamodb-local.ts).
 */
export function isLocalEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const LOCAL_REGION = 'local';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export function createDb(options: { endpoint?: string | undefined; tableName: string; region?: string }): Db {
  const local = options.endpoint !== undefined && isLocalEndpoint(options.endpoint);
  const client = new DynamoDBClient({
    region: local ? LOCAL_REGION : (options.region ?? LOCAL_REGION),
    // Fail fast enough to answer 503 well within API Gateway's 29 s: a connection must open within a
    // second and a request finish within five; the SDK retries throttling and transient errors (3 tries).
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    maxAttempts: 3,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // DynamoDB Local accepts any credentials; a remote endpoint uses the usual credential chain.
    ...(local ? { credentials: LOCAL_CREDENTIALS } : {}),
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
