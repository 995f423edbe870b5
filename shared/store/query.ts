/**
 * Every item a Query matches, page by page (DynamoDB returns at most 1 MB a page). The one pagination
 * loop of the store; callers that must stream (the year-end statistics) iterate `queryPages` instead of
 * collecting.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
