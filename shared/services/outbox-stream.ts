/**
 * The table's stream as outbox deliveries (AWS): each INSERT of an outbox item (shared/store/outbox.ts)
 * becomes one piece of work for the functions/stream/* functions, which do it exactly once
 * (shared/services/outbox-work.ts) and report the records that failed, so Lambda retries just those and
 * sends them to the dead-letter queue after the last attempt (ReportBatchItemFailures).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ENTITY } from '../store/keys.js';
import type { OutboxWork } from '../store/outbox.js';
import { doWork, type WorkDeps } from './outbox-work.js';

export interface StreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string };
}

/** The outbox work of a stream record of kind `kind`, or undefined (any other item or change). */
export function workOf(record: StreamRecord, kinds: readonly OutboxWork['kind'][]): OutboxWork | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (item.entity !== ENTITY.outbox) return undefined;
  const work = item.work as OutboxWork;
  return kinds.includes(work.kind) ? work : undefined;
}

export async function handleStreamBatch(
  records: readonly StreamRecord[],
  kinds: readonly OutboxWork['kind'][],
  deps: WorkDeps,
  onError: (work: OutboxWork, error: unknown) => void,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of records) {
    const work = workOf(record, kinds);
    if (!work) continue;
    try {
      await doWork(deps, work);
    } catch (error) {
      onError(work, error);
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      // Records of a shard are retried from the first failure on: stop here, keep their order.
      break;
    }
  }
  return { batchItemFailures: failures };
}
