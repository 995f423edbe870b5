/**
 * The one BatchGetItem loop (shared/store/query.ts batchGetEach): chunks of 100, unprocessed keys read
 * again until none is left, a bounded number of attempts, chunks in parallel or one after the other.
 */
import type { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../shared/store/client.js';
import { batchGetEach } from '../../../shared/store/query.js';

type Key = { PK: string };

/** A table that answers each call's keys, except that it leaves `unprocessed(call)` of them for later. */
function fakeDb(unprocessed: (call: number, keys: Key[]) => Key[]) {
  const calls: Key[][] = [];
  let inFlight = 0;
  let peak = 0;
  const send = async (command: BatchGetCommand) => {
    const request = command.input.RequestItems!.t!;
    const keys = request.Keys as Key[];
    calls.push(keys);
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    const left = unprocessed(calls.length, keys);
    const answered = keys.filter((k) => !left.includes(k)).map((k) => ({ ...k, read: request.ProjectionExpression }));
    return { Responses: { t: answered }, UnprocessedKeys: left.length > 0 ? { t: { Keys: left } } : {} };
  };
  const db = { doc: { send } as unknown as DynamoDBDocumentClient, tableName: 't' } satisfies Db;
  return { db, calls, peak: () => peak };
}

const keys = (n: number): Key[] => Array.from({ length: n }, (_, i) => ({ PK: `CASE#${String(i)}` }));
const read = { ProjectionExpression: '#r', ExpressionAttributeNames: { '#r': 'report' } };

describe('batchGetEach', () => {
  it('reads 250 keys in chunks of 100, 100 and 50, one after the other, handing every item once', async () => {
    const { db, calls, peak } = fakeDb(() => []);
    const seen: string[] = [];
    await batchGetEach(db, keys(250), read, (items) => seen.push(...items.map((i) => String(i.PK))), { what: 'case items' });
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(peak()).toBe(1);
    expect(seen.sort()).toEqual(keys(250).map((k) => k.PK).sort());
  });

  it('reads the chunks at once when parallel', async () => {
    const { db, peak } = fakeDb(() => []);
    await batchGetEach(db, keys(250), read, () => undefined, { what: 'case items', parallel: true });
    expect(peak()).toBe(3);
  });

  it('reads the unprocessed keys again until none is left', async () => {
    // The first call leaves its last 30 keys, the second its last 10.
    const { db, calls } = fakeDb((call, ks) => (call === 1 ? ks.slice(-30) : call === 2 ? ks.slice(-10) : []));
    const seen: string[] = [];
    await batchGetEach(db, keys(80), read, (items) => seen.push(...items.map((i) => String(i.PK))), { what: 'case items' });
    expect(calls.map((c) => c.length)).toEqual([80, 30, 10]);
    expect(new Set(seen).size).toBe(80);
    expect(seen).toHaveLength(80);
  });

  it('gives up after 8 calls for a chunk, waiting twice as long before each, naming how many items are left', async () => {
    vi.useFakeTimers();
    try {
      const { db, calls } = fakeDb((_call, ks) => ks.slice(-1));
      const started = Date.now();
      const outcome = expect(batchGetEach(db, keys(5), read, () => undefined, { what: 'report records' })).rejects.toThrow(
        'BatchGetItem left 1 report records unread after 8 attempts.',
      );
      await vi.runAllTimersAsync();
      await outcome;
      expect(calls).toHaveLength(8);
      // Back-offs 40, 80, …, 2560 ms before calls 2–8, plus the fake table's 1 ms a call.
      expect(Date.now() - started).toBe(40 + 80 + 160 + 320 + 640 + 1280 + 2560 + 8);
    } finally {
      vi.useRealTimers();
    }
  });
});
