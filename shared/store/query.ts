/**
 * Every item a Query matches, page by page (DynamoDB returns at most 1 MB a page). The one pagination
 * loop of the store; callers that must stream (the year-end statistics) iterate `queryPages` instead of
 * collecting. And the one BatchGetItem loop (`batchGetEach`).
 */
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { guarded } from './errors.js';

export async function* queryPages(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): AsyncGenerator<Record<string, any>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() => db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: startKey })));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export async function queryAll(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  for await (const page of queryPages(db, input)) items.push(...page);
  return items;
}

/** An item without its keys and bookkeeping attributes (what the caller stored). */
export function withoutKeys<T>(item: Record<string, unknown>, ...more: string[]): T {
  const copy: Record<string, unknown> = { ...item };
  for (const name of ['PK', 'SK', 'entity', 'schemaVersion', ...more]) delete copy[name];
  return copy as T;
}

/** DynamoDB's limit of keys per BatchGetItem call. */
const BATCH_GET_LIMIT = 100;
/** Calls per chunk before the unprocessed keys that remain are an error. */
const BATCH_GET_ATTEMPTS = 8;

/** What a BatchGetItem reads of each item. */
export interface BatchRead {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ConsistentRead?: boolean;
}

/**
 * The items of `keys` by BatchGetItem, in chunks of 100, each chunk's unprocessed keys read again after an
 * exponential back-off (20 ms × 2^attempt) until none is left, at most 8 calls a chunk (then an error naming
 * how many `what` are left unread). Each call's items are handed to `each` as they arrive, so a caller folds
 * them without holding them all; a missing item is simply not handed. `parallel`: all chunks at once (the
 * statistics), else one after the other.
 */
export async function batchGetEach(
  db: Db,
  keys: readonly Record<string, unknown>[],
  read: BatchRead,
  each: (items: Record<string, any>[]) => void,
  options: { what: string; parallel?: boolean },
): Promise<void> {
  const chunk = async (first: Record<string, unknown>[]): Promise<void> => {
    let pending = first;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= BATCH_GET_ATTEMPTS) {
        throw new Error(`BatchGetItem left ${String(pending.length)} ${options.what} unread after ${String(attempt)} attempts.`);
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await guarded(() => db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending, ...read } } })));
      each(result.Responses?.[db.tableName] ?? []);
      pending = (result.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  };
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) chunks.push(keys.slice(i, i + BATCH_GET_LIMIT));
  if (options.parallel) await Promise.all(chunks.map(chunk));
  else for (const keysOfChunk of chunks) await chunk(keysOfChunk);
}
