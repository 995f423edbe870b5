/**
 * The work of the outbox (shared/store/outbox.ts), done exactly once each: render a document's files
 * (shared/services/render-work.ts) and notify the applicant (shared/services/notify-work.ts). In AWS the
 * table's stream delivers the new outbox items to two functions (functions/stream/render-documents.ts,
 * functions/stream/send-notifications.ts), retried by Lambda and sent to a dead-letter queue after the last
 * failure; locally `npm start` polls the outbox (infra/local). Each function is given only the performer of
 * its kind, so neither bundles the other's libraries (the `docx` library, the applicant-field keys).
 */
import type { Db } from '../store/client.js';
import { claimWork, markWorkDone, releaseWork, type OutboxWork } from '../store/outbox.js';

export class WorkBusyError extends Error {
  override readonly name = 'WorkBusyError';
}

/** Does one piece of work (render or notify); what it returns is kept with the done mark. */
export type Performer = (work: OutboxWork) => Promise<Record<string, unknown>>;

export interface WorkDeps {
  db: Db;
  now: () => Date;
  perform: Performer;
}

/** Does one piece of work once: 'done' now, or 'skipped' when it was done before. Throws to be retried. */
export async function doWork(deps: WorkDeps, work: OutboxWork): Promise<'done' | 'skipped'> {
  const claim = await claimWork(deps.db, work.id, deps.now());
  if (claim === 'done') return 'skipped';
  if (claim === 'busy') throw new WorkBusyError(`Work ${work.id} is being done by another worker.`);
  let detail: Record<string, unknown>;
  try {
    detail = await deps.perform(work);
  } catch (error) {
    // Not done (the provider refused, the store failed): give the claim back so that the retry does it.
    await releaseWork(deps.db, work.id);
    throw error;
  }
  // Done (a message the provider accepted): the claim is never given back from here on, so a failed done
  // mark does not send it again — a redelivery within the claim's lease (CLAIM_LEASE_SECONDS) finds it held
  // ('busy'). Only a worker that dies between the provider's acceptance and this mark, for longer than the
  // lease, leaves a message that is sent again when the lease runs out (SES and SNS take no idempotency key).
  await markWorkDone(deps.db, work.id, detail);
  return 'done';
}
