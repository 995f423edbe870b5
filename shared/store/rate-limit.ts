/**
 * Failed-attempt counters for the public status view (query-code guessing): fixed windows, one item per
 * subject and window, expiring with the table's TTL. The same code runs locally and in AWS, since API
 * Gateway throttles per route, not per client or per application.
 */
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
