/**
 * The outbox: work that follows an event — render a document's files, send a notification — written in
 * the event's transaction, so none is lost when the event is stored and none exists when it is not. In AWS
 * the table's stream delivers each new outbox item to the function that does the work
 * (functions/stream/*); locally a poller in `npm start` reads the outbox partitions (infra/local). Both call
 * the same code (shared/services/outbox-work.ts).
 *
 * Exactly once: before doing a piece of work, the worker claims it with a conditional put of its done-mark
 * (state `claimed`, with a lease); after the work it sets `done`. A repeated delivery finds the mark and
 * skips; a failed attempt deletes its claim and throws, so the stream retries it (then the dead-letter
 * queue). Only a worker that dies between sending and marking leaves a claim whose lease expires: then the
 * work is done again (the one case where a notification could be sent twice; said in docs/architecture.md).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll, withoutKeys } from './query.js';
import { ENTITY, OUTBOX_SHARDS, outboxKey, outboxPartition, SCHEMA_VERSION, workDoneKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-definition.js';

export const NOTIFICATION_TOPICS = ['receipt', 'correction', 'fee', 'extension', 'reply'] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export type OutboxWork =
  | { id: string; kind: 'render_document'; caseId: string; documentId: string; createdAt: string }
  /** Delete an anonymised case's document files (written with the `anonymise` event). */
  | { id: string; kind: 'erase_document_files'; caseId: string; documentId: string; createdAt: string }
  | {
      id: string;
      kind: 'notify';
      channel: 'email' | 'sms';
      topic: NotificationTopic;
      caseId: string;
      /** The document the notification announces, when there is one. */
      documentId?: string;
      createdAt: string;
    };

/** Outbox items and done-marks live 30 days (long past the stream's 24 h retention and the retries). */
const RETENTION_SECONDS = 30 * 24 * 3600;
/** How long a claim holds before another worker may take the work over. */
export const CLAIM_LEASE_SECONDS = 300;

export function shardOf(workId: string): number {
  return createHash('sha256').update(workId).digest()[0]! % OUTBOX_SHARDS;
}

export function outboxItem(db: Db, work: OutboxWork, now: Date) {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...outboxKey(work.id, shardOf(work.id)),
        entity: ENTITY.outbox,
        schemaVersion: SCHEMA_VERSION,
        work,
        [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The outbox work still present (the local poller; in AWS the stream delivers it instead). */
export async function listOutbox(db: Db): Promise<OutboxWork[]> {
  const all: OutboxWork[] = [];
  for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
    const items = await queryAll(db, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': outboxPartition(shard) },
      ConsistentRead: true,
    });
    all.push(...items.map((item) => (withoutKeys<{ work: OutboxWork }>(item)).work));
  }
  return all.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Removes an outbox item whose work is done (locally; in AWS its TTL removes it). */
export async function deleteOutboxItem(db: Db, workId: string): Promise<void> {
  await guarded(() => db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: outboxKey(workId, shardOf(workId)) })));
}

/**
 * Claims a piece of work: 'claimed' when this worker may do it now, 'done' when it was already done,
 * 'busy' when another worker holds an unexpired claim.
 */
export async function claimWork(db: Db, workId: string, now: Date): Promise<'claimed' | 'done' | 'busy'> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await guarded(() =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...workDoneKey(workId),
            entity: ENTITY.workDone,
            schemaVersion: SCHEMA_VERSION,
            state: 'claimed',
            leaseUntil: nowSeconds + CLAIM_LEASE_SECONDS,
            [TTL_ATTRIBUTE]: nowSeconds + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#state = :claimed AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': nowSeconds },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return 'claimed';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      const state = (error as ConditionalCheckFailedException & { Item?: Record<string, { S?: string }> }).Item?.state?.S;
      return state === 'done' ? 'done' : 'busy';
    }
    throw error;
  }
}

export async function markWorkDone(db: Db, workId: string, detail: Record<string, unknown>): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: workDoneKey(workId),
        UpdateExpression: 'SET #state = :done, detail = :detail REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': 'done', ':detail': detail },
      }),
    ),
  );
}

/** Gives a claim back after a failed attempt, so the retry can do the work. */
export async function releaseWork(db: Db, workId: string): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: workDoneKey(workId),
        ConditionExpression: '#state = :claimed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':claimed': 'claimed' },
      }),
    ),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}
