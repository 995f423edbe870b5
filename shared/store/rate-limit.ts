/**
 * Failed-attempt counters for the public status view (query-code guessing): fixed windows, one item per
 * subject and window, expiring with the table's TTL. The same code runs locally and in AWS, since API
 * Gateway throttles per route, not per client or per application.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { ENTITY, rateLimitKey, SCHEMA_VERSION } from './keys.js';
import { TTL_ATTRIBUTE } from './table-definition.js';

export interface RateLimit {
  /** What is counted (`app:<id>`, `client:<ip>`). */
  subject: string;
  limit: number;
  windowSeconds: number;
}

function windowOf(rule: RateLimit, now: Date) {
  const start = Math.floor(now.getTime() / 1000 / rule.windowSeconds) * rule.windowSeconds;
  return { start, end: start + rule.windowSeconds };
}

/**
 * The seconds until the first exhausted window ends, or 0 when every subject may still try.
 * One BatchGetItem for all subjects.
 */
export async function exhaustedFor(db: Db, rules: RateLimit[], now: Date): Promise<number> {
  const keys = rules.map((rule) => rateLimitKey(rule.subject, windowOf(rule, now).start));
  const result = await guarded(() =>
    db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keys, ConsistentRead: true } } })),
  );
  const counts = new Map((result.Responses?.[db.tableName] ?? []).map((item) => [`${item.PK}|${item.SK}`, Number(item.count)]));
  let wait = 0;
  rules.forEach((rule, i) => {
    const key = keys[i]!;
    if ((counts.get(`${key.PK}|${key.SK}`) ?? 0) >= rule.limit) {
      wait = Math.max(wait, windowOf(rule, now).end - Math.floor(now.getTime() / 1000));
    }
  });
  return wait;
}

/** Counts one failed attempt against every subject. */
export async function countFailure(db: Db, rules: RateLimit[], now: Date): Promise<void> {
  await Promise.all(
    rules.map((rule) => {
      const { start, end } = windowOf(rule, now);
      return guarded(() =>
        db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: rateLimitKey(rule.subject, start),
            UpdateExpression: 'ADD #count :one SET #entity = :entity, #schema = :schema, #expires = :expires',
            ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity', '#schema': 'schemaVersion', '#expires': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':entity': ENTITY.rateLimit, ':schema': SCHEMA_VERSION, ':expires': end + 60 },
          }),
        ),
      );
    }),
  );
}

/**
 * Takes one unit of `rule`'s current window if it has room, atomically (a conditional ADD: of N concurrent
 * callers exactly `limit` succeed). Returns the window taken from, or the seconds until it ends when it is
 * full (nothing counted then).
 */
export async function take(db: Db, rule: RateLimit, now: Date): Promise<{ taken: true; windowStart: number } | { taken: false; retryAfter: number }> {
  const { start, end } = windowOf(rule, now);
  try {
    await guarded(() =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: rateLimitKey(rule.subject, start),
          UpdateExpression: 'ADD #count :one SET #entity = :entity, #schema = :schema, #expires = :expires',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity', '#schema': 'schemaVersion', '#expires': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':entity': ENTITY.rateLimit, ':schema': SCHEMA_VERSION, ':expires': end + 60 },
        }),
      ),
    );
    return { taken: true, windowStart: start };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { taken: false, retryAfter: Math.max(1, end - Math.floor(now.getTime() / 1000)) };
  }
}

/** Gives back a unit taken from the window starting at `windowStart` (an attempt that turned out not to count). */
export async function giveBack(db: Db, rule: RateLimit, windowStart: number): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: rateLimitKey(rule.subject, windowStart),
        UpdateExpression: 'ADD #count :minus',
        ConditionExpression: 'attribute_exists(#count)',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':minus': -1 },
      }),
    ),
  ).catch((error: unknown) => {
    // The window's item expired meanwhile: nothing to give back.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

/** Counts one unit against `rule` whatever the count (atomic ADD); returns the count after it and the seconds left in the window. */
export async function countOne(db: Db, rule: RateLimit, now: Date): Promise<{ count: number; retryAfter: number }> {
  const { start, end } = windowOf(rule, now);
  const result = await guarded(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: rateLimitKey(rule.subject, start),
        UpdateExpression: 'ADD #count :one SET #entity = :entity, #schema = :schema, #expires = :expires',
        ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity', '#schema': 'schemaVersion', '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':entity': ENTITY.rateLimit, ':schema': SCHEMA_VERSION, ':expires': end + 60 },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return { count: Number(result.Attributes?.count ?? 1), retryAfter: Math.max(1, end - Math.floor(now.getTime() / 1000)) };
}
