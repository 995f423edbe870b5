/**
 * Cases and their events (docs/architecture.md "Data and consistency"). A case is its events; the case item holds
 * the state derived by replaying them (stored for queries), the applicant's identity (the only place it
 * is kept), and a `version` equal to the number of events. Every write is one transaction: the case
 * item (created, or updated on its version) plus the new event items, plus an idempotency record when
 * the request carried a key. Nothing is half-written.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseState } from '../domain/case-state.js';
import type { CaseEvent } from '../domain/types.js';
import { toReportCase } from '../reports/from-case-state.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll, withoutKeys } from './query.js';
import {
  caseIndexKeys,
  caseKey,
  ENTITY,
  EVENT_SK_PREFIX,
  eventKey,
  filingItemKeys,
  idempotencyKey,
  SCHEMA_VERSION,
} from './keys.js';
import { checkItem } from './items.js';
import { anonymousApplicant, openedApplicant, storedApplicant } from './sealed-applicant.js';
import type { StoredApplication } from './stored-application.js';
import { REPORT_ATTRIBUTE, TTL_ATTRIBUTE } from './table-definition.js';
import { ServiceUnavailableError, VersionConflictError } from '../errors.js';

/** What a case item holds besides its derived state: the application as the applicant gave it. */
export interface CaseRecord {
  id: string;
  agencyId: string;
  version: number;
  state: CaseState;
  applicant: StoredApplication['applicant'];
  request: StoredApplication['request'];
  delivery: StoredApplication['delivery'];
  /** SHA-256 of the query code (public status view); absent for cases registered without one. */
  queryCodeHash?: string;
  /**
   * When the applicant's personal data was removed (shared/services/retention.ts). The item then keeps
   * only the applicant's kind (statistics: natural person, organisation type) and document type; the
   * name, the sealed fields, the blind index, the request text and the query-code hash are gone.
   */
  anonymisedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An idempotency record written in the same transaction as the work it protects. It holds no personal
 * data: keyed hashes of the key and of the request (HMAC with the table's secret, so not even a guessed
 * body can be confirmed from it) and the id of the case; the answer is rebuilt from the case on replay
 * (and the query code re-derived, never stored).
 */
export interface IdempotencyWrite {
  /** Whose key: `public` (the online form), `officer:<sub>`, or `content:<public|register:agency>` without a key. */
  owner: string;
  keyHash: string;
  requestHash: string;
  caseId: string;
  /** The version of the query-code secret the code was derived with (shared/crypto/secret-store.ts). */
  secretVersion?: string | undefined;
  expiresAtEpochSeconds: number;
}

export interface IdempotencyRecord {
  requestHash: string;
  caseId: string;
  secretVersion?: string;
}

/** What `createCase` did: created the case, or found the key held by an earlier request and returns its record. */
export type CreateOutcome = { created: true } | { created: false; earlier: IdempotencyRecord };

/** Attempts of a creation that keeps colliding with another transaction in flight on the same key. */
const CREATE_ATTEMPTS = 20;

/** An anonymised case's own fields: without the query-code hash and the request's text. */
function anonymisedFields(record: CaseRecord): Omit<CaseRecord, 'queryCodeHash'> {
  const { queryCodeHash: _hash, ...rest } = record;
  return { ...rest, request: { description: '' } };
}

export async function caseItem(record: CaseRecord): Promise<Record<string, unknown>> {
  return {
    ...caseKey(record.id),
    ...caseIndexKeys({
      id: record.id,
      agencyId: record.agencyId,
      status: record.state.status,
      receivedDate: record.state.receivedDate,
      dueDate: record.state.dueDate,
      closedDate: record.state.closedDate,
      pausedUntil: !record.state.paused
        ? undefined
        : record.state.fee?.status === 'notified'
          ? record.state.fee.paymentDueDate
          : record.state.consultations.at(-1)?.windowEnd,
      anonymised: record.anonymisedAt !== undefined,
    }),
    entity: ENTITY.case,
    schemaVersion: SCHEMA_VERSION,
    ...(record.anonymisedAt !== undefined ? anonymisedFields(record) : record),
    ...(record.anonymisedAt !== undefined
      ? // Nothing sealed, no blind index, no name: only what the statistics count (anonymousApplicant).
        { applicant: { ...anonymousApplicant(record.applicant), idDocument: { type: record.applicant.idDocument.type } } }
      : {
          // The worklist shows the name; the index projects it, not the applicant (table-definition.ts).
          applicantName: record.applicant.name,
          ...(await storedApplicant(record.id, record.applicant)),
        }),
    [REPORT_ATTRIBUTE]: toReportCase(record.state),
  };
}

export function eventItem(caseId: string, event: CaseEvent): Record<string, unknown> {
  return { ...eventKey(caseId, event.seq), entity: ENTITY.event, schemaVersion: SCHEMA_VERSION, caseId, ...event };
}

/** The events that file an appeal or a complaint: each gets an appeal marker (keys.ts filingItemKeys). */
const FILING_EVENTS: ReadonlySet<CaseEvent['type']> = new Set(['file_reconsideration', 'file_lawsuit', 'file_complaint']);

/**
 * The appeal markers of `events`: one per filing, indexed by its filing year, so that the year-end
 * statistics of that year find the case even when it was received and closed in earlier years
 * (docs/domain.md §7: an appeal or complaint counts in the year it was filed; read by report-source.ts).
 */
export function filingItems(agencyId: string, caseId: string, events: readonly CaseEvent[]): Record<string, unknown>[] {
  return events
    .filter((event) => FILING_EVENTS.has(event.type))
    .map((event) => ({
      ...filingItemKeys(agencyId, caseId, event.seq, event.effectiveDate),
      entity: ENTITY.filing,
      schemaVersion: SCHEMA_VERSION,
      caseId,
      seq: event.seq,
      type: event.type,
      filedDate: event.effectiveDate,
    }));
}

function idempotencyItem(write: IdempotencyWrite): Record<string, unknown> {
  return {
    ...idempotencyKey(write.owner, write.keyHash),
    entity: ENTITY.idempotency,
    schemaVersion: SCHEMA_VERSION,
    requestHash: write.requestHash,
    caseId: write.caseId,
    ...(write.secretVersion ? { secretVersion: write.secretVersion } : {}),
    [TTL_ATTRIBUTE]: write.expiresAtEpochSeconds,
  };
}

/**
 * Creates a case with its first events in one transaction: the case id must be new and the idempotency
 * key (if any) unused or expired. Returns `{created: true}`, or, when the key is already held, `{created:
 * false, earlier}` with the record that holds it, read from the failed condition itself
 * (`ReturnValuesOnConditionCheckFailure`), so the caller neither catches nor polls. A transaction that only
 * collided with another one in flight on the same key (TransactionConflict) wrote nothing and is tried
 * again shortly: once the other commits, the condition fails and its record comes back; past the attempts,
 * 503 (the client retries safely). The agency is checked by the caller (agencies are never deleted).
 */
export async function createCase(
  db: Db,
  record: CaseRecord,
  events: CaseEvent[],
  now: Date,
  idempotency?: IdempotencyWrite,
  extra: ExtraWrites = { items: [] },
): Promise<CreateOutcome> {
  const base = [
    ...(idempotency
      ? [
          {
            Put: {
              TableName: db.tableName,
              Item: idempotencyItem(idempotency),
              // A record past its expiry that TTL has not removed yet no longer holds the key.
              ConditionExpression: 'attribute_not_exists(PK) OR #expires < :now',
              ExpressionAttributeNames: { '#expires': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
            },
          },
        ]
      : []),
    { Put: { TableName: db.tableName, Item: await caseItem(record), ConditionExpression: 'attribute_not_exists(PK)' } },
    ...events.map((event) => ({
      Put: { TableName: db.tableName, Item: eventItem(record.id, event), ConditionExpression: 'attribute_not_exists(PK)' },
    })),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await guarded(() => db.doc.send(new TransactWriteCommand({ TransactItems: [...base, ...extra.items] as never })));
      return { created: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const extraFailed = failedExtras(reasons, base.length);
      if (extraFailed.length > 0 && !reasons.slice(0, base.length).some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new ExtraConditionFailed(extraFailed);
      }
      const held = idempotency ? reasons[0] : undefined;
      if (held?.Code === 'ConditionalCheckFailed' && held.Item) {
        const earlier = idempotencyRecordOf(unmarshall(held.Item));
        if (earlier) return { created: false, earlier };
        throw new ServiceUnavailableError(2, true); // a record that names no case: nothing to replay, nothing written
      }
      // Another failed condition (a case id or event that exists) is a bug, not a retry.
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) throw error;
      // Cancelled without a failed condition (a collision with a transaction in flight): nothing was
      // written; try again shortly, and past the attempts answer 503, not 500.
      if (attempt >= CREATE_ATTEMPTS) throw new ServiceUnavailableError(2, true);
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
  }
}

/**
 * The idempotency record that holds a key now, if any (read before numbering a new case's receipt): as in
 * createCase's condition, a record past its expiry that TTL has not removed yet holds nothing.
 */
export async function findIdempotencyRecord(db: Db, owner: string, keyHash: string, now: Date): Promise<IdempotencyRecord | undefined> {
  const result = await guarded(() => db.doc.send(new GetCommand({ TableName: db.tableName, Key: idempotencyKey(owner, keyHash), ConsistentRead: true })));
  const item = result.Item;
  if (!item || (item[TTL_ATTRIBUTE] as number) < Math.floor(now.getTime() / 1000)) return undefined;
  return idempotencyRecordOf(item);
}

/** The record of an idempotency item (checked: entity and schema version); undefined if it names no case. */
function idempotencyRecordOf(item: Record<string, unknown>): IdempotencyRecord | undefined {
  checkItem(item, ENTITY.idempotency);
  // Records written before the case id had its own attribute kept the answer, whose `id` is the case.
  const caseId = typeof item.caseId === 'string' ? item.caseId : (item.response as { body?: { id?: string } } | undefined)?.body?.id;
  if (typeof caseId !== 'string') return undefined;
  return { requestHash: item.requestHash as string, caseId, ...(typeof item.secretVersion === 'string' ? { secretVersion: item.secretVersion } : {}) };
}

export async function getCase(db: Db, id: string): Promise<CaseRecord | undefined> {
  const result = await guarded(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: caseKey(id), ConsistentRead: true })),
  );
  const item = result.Item;
  if (!item) return undefined;
  checkItem(item, ENTITY.case);
  return fromCaseItem(item);
}

async function fromCaseItem(item: Record<string, any>): Promise<CaseRecord> {
  return {
    id: item.id,
    agencyId: item.agencyId,
    version: item.version,
    state: item.state,
    applicant: await openedApplicant(item),
    request: item.request,
    delivery: item.delivery,
    ...(item.queryCodeHash ? { queryCodeHash: item.queryCodeHash } : {}),
    ...(item.anonymisedAt ? { anonymisedAt: item.anonymisedAt } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The whole history of a case, in order (Query on the case's partition). */
export async function listEvents(db: Db, caseId: string): Promise<CaseEvent[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).PK, ':sk': EVENT_SK_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => {
    checkItem(item, ENTITY.event);
    return withoutKeys<CaseEvent>(item, 'caseId');
  });
}

/** Items written in an event's transaction besides the case and its events (documents, counters, outbox). */
export interface ExtraWrites {
  items: Record<string, unknown>[];
}

/**
 * An extra item's condition failed while the case's version still matched (a document number counter
 * moved on): nothing was written; the caller reads the counter again and retries.
 */
export class ExtraConditionFailed extends Error {
  override readonly name = 'ExtraConditionFailed';
  constructor(readonly indexes: number[]) {
    super(`The condition of extra transaction item(s) ${indexes.join(', ')} failed.`);
  }
}

/** The positions, among the extra items, of those whose condition failed. */
function failedExtras(reasons: readonly { Code?: string | undefined }[], baseLength: number): number[] {
  return reasons
    .map((r, i) => (i >= baseLength && r.Code === 'ConditionalCheckFailed' ? i - baseLength : -1))
    .filter((i) => i >= 0);
}

/**
 * Appends events to a case in one transaction: the case item is replaced with its new state only if
 * its version is still `record.version` (optimistic concurrency), and each event is new; a filing of an
 * appeal or complaint also writes its appeal marker (filingItems) in the same transaction, and so do the
 * `extra` items (a document, its number counter, outbox work). Throws VersionConflictError with the
 * current version when another write came first, ExtraConditionFailed when only an extra item's
 * condition failed.
 */
export async function appendEvents(
  db: Db,
  record: CaseRecord,
  next: CaseRecord,
  events: CaseEvent[],
  extra: ExtraWrites = { items: [] },
): Promise<void> {
  const base = [
    {
      Put: {
        TableName: db.tableName,
        Item: await caseItem(next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': record.version },
      },
    },
    ...events.map((event) => ({
      Put: { TableName: db.tableName, Item: eventItem(record.id, event), ConditionExpression: 'attribute_not_exists(PK)' },
    })),
    ...filingItems(record.agencyId, record.id, events).map((item) => ({
      Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
    })),
  ];
  const command = new TransactWriteCommand({ TransactItems: [...base, ...extra.items] as never });
  // A transaction that only collided with another one in flight (TransactionConflict) has not lost:
  // the version condition keeps a retry safe, so it is retried a few times before it counts as a 409.
  for (let attempt = 0; ; attempt++) {
    try {
      await guarded(() => db.doc.send(command));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const lost = reasons.slice(0, base.length).some((r) => r.Code === 'ConditionalCheckFailed');
      const extraFailed = failedExtras(reasons, base.length);
      if (!lost && extraFailed.length > 0) throw new ExtraConditionFailed(extraFailed);
      if (!lost && attempt < 5) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      const current = await getCase(db, record.id);
      // Still at the expected version: nobody else won, the transaction only kept colliding — nothing was
      // written, so the client should retry (503), not re-read and re-decide (409).
      if (!lost && current?.version === record.version) throw new ServiceUnavailableError(2, true);
      throw new VersionConflictError(current?.version ?? record.version);
    }
  }
}

/**
 * Writes a re-derived state (no new event: the clock was recomputed for a new calendar) if the case is
 * still at the same version. Returns false when it changed meanwhile.
 */
export async function replaceCaseState(db: Db, record: CaseRecord, next: CaseRecord): Promise<boolean> {
  const item = await caseItem(next);
  try {
    await guarded(() =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: item,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': record.version },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
