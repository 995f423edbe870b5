/**
 * The one DynamoDB document client of a process, created at module scope on first use (docs/architecture.md: create
 * SDK clients once). `DYNAMODB_ENDPOINT` points it at DynamoDB Local or any compatible endpoint.
 *
 * A stalled or unreachable store must answer 503 in seconds, never hang until API Gateway's 29 s (issue
 * 10). Two limits, both real aborts of the HTTP request:
 * - each attempt: the connection must open within ATTEMPT_CONNECT_MS and the answer arrive within
 *   ATTEMPT_TIMEOUT_MS (`throwOnRequestTimeout`: with the installed @smithy/node-http-handler a
 *   requestTimeout otherwise only logs a warning and the request goes on waiting);
 * - each store call, all its attempts and back-offs together: STORE_DEADLINE_MS, an AbortSignal given
 *   to every `send`, so the SDK's retry cannot stretch it.
 * Both errors are transient (shared/store/errors.ts): the route answers 503 with Retry-After. So every
 * route answers a stalled store within the deadline plus its own work: unavailableBoundMs(), the bound
 * the resilience suite (tests/resilience/stall.test.ts) checks and docs/api.md states.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';
import { remainingStoreBudgetMs, STORE_DEADLINE_MS, storeDeadlineMs } from './budget.js';

export { requestStoreBudgetMs, STORE_DEADLINE_MS, unavailableBoundMs } from './budget.js';

export const ATTEMPT_CONNECT_MS = 1_000;
export const ATTEMPT_TIMEOUT_MS = 2_000;
/** Work that is not an HTTP request (the local bootstrap and CLIs, the calendar seeding, test fixtures): a store call may take this long. */
export const SETUP_DEADLINE_MS = 60_000;

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

export function createDb(options: {
  endpoint?: string | undefined;
  tableName: string;
  region?: string;
  /** The limit of one store call, all attempts together (default STORE_DEADLINE_MS). */
  deadlineMs?: number;
}): Db {
  const local = options.endpoint !== undefined && isLocalEndpoint(options.endpoint);
  const client = new DynamoDBClient({
    region: local ? LOCAL_REGION : (options.region ?? LOCAL_REGION),
    requestHandler: {
      connectionTimeout: ATTEMPT_CONNECT_MS,
      requestTimeout: Math.max(ATTEMPT_TIMEOUT_MS, (options.deadlineMs ?? STORE_DEADLINE_MS) / 2),
      throwOnRequestTimeout: true,
    },
    // The SDK retries throttling and transient errors, within STORE_DEADLINE_MS.
    maxAttempts: 3,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // DynamoDB Local accepts any credentials; a remote endpoint uses the usual credential chain.
    ...(local ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  withDeadline(doc, options.deadlineMs ?? STORE_DEADLINE_MS);
  return { doc, tableName: options.tableName };
}

/**
 * Every `send` of this client gets an AbortSignal that fires after `ms` (unless the caller passes its own):
 * the SDK aborts the request in flight and does not start another attempt.
 */
function withDeadline(doc: DynamoDBDocumentClient, ms: number): void {
  type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  const send = doc.send.bind(doc) as Send;
  const bounded: Send = (command, options) => {
    const remaining = Math.min(ms, remainingStoreBudgetMs());
    const abortSignal = remaining > 0 ? AbortSignal.timeout(Math.ceil(remaining)) : AbortSignal.abort(abortError());
    return send(command, { abortSignal, ...options });
  };
  Object.defineProperty(doc, 'send', { value: bounded, configurable: true, writable: true });
}

function abortError(): Error {
  const error = new Error('The request has used up its time for the store.');
  error.name = 'AbortError';
  return error;
}

/** The process-wide client built from the environment. */
export function db(): Db {
  if (!shared) {
    const env = config();
    shared = createDb({ endpoint: env.DYNAMODB_ENDPOINT, tableName: env.TABLE_NAME, region: env.AWS_REGION, deadlineMs: storeDeadlineMs() });
  }
  return shared;
}
