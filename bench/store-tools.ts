/**
 * What the store benches share: writing many items fast (BatchWriteItem, 25 a call, several writers, the
 * unprocessed items sent again) and a document client that samples the heap after a forced GC at every
 * DynamoDB response (for the measuring processes run with --expose-gc).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../shared/store/client.js';

/** Writes `items` with BatchWriteItem, `workers` calls in flight, until DynamoDB has taken every item. */
export async function batchWrite(db: Db, items: readonly Record<string, unknown>[], workers = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/**
 * `plain` with its `send` wrapped: after every response, `onResponse(heapMb)` with the heap in MB measured
 * after a forced garbage collection (`gc`, from --expose-gc).
 */
export function heapSampledDb(plain: Db, gc: () => void, onResponse: (heapMb: number) => void): Db {
  return {
    tableName: plain.tableName,
    doc: new Proxy(plain.doc, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (...args: unknown[]) => {
          const result = await (target.send as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          onResponse(heapMbAfterGc(gc));
          return result;
        };
      },
    }),
  };
}

/** The heap in use, in MB, after a forced garbage collection. */
export function heapMbAfterGc(gc: () => void): number {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}
