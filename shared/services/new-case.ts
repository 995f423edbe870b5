/**
 * Recording a new case — from the public form or an officer's registration — in one transaction with its
 * first events, guarded by an optional Idempotency-Key: the same key and body give the same answer (with
 * the same query code, re-derived, never stored), another body gives 422, and any number of concurrent
 * requests with one key create exactly one case.
 *
 * Two steps, called in turn by the use case:
 * 1. `draftNewCase`: the new id, the state replayed from the first events, the query code;
 * 2. `saveNewCase`: the store creates the case, or says which earlier request holds the key, and that
 *    request's case is read back; the use case answers from the record either way.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseState } from '../domain/case-state.js';
import { replay } from '../domain/lifecycle.js';
import type { CaseEvent } from '../domain/types.js';
import { IdempotencyKeyReuseError, ServiceUnavailableError } from '../errors.js';
import { createCase, getCase, type CaseRecord, type IdempotencyWrite } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { getOrCreateSecret } from '../store/secrets.js';
import type { StoredApplication } from '../store/stored-application.js';
import { canonicalJson, derivedQueryCode, hashQueryCode, newCaseId, newQueryCode, sha256 } from './identifiers.js';

/** Idempotency records live a day (docs/architecture.md "Data and consistency"). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const QUERY_CODE_SECRET = 'query-code';

export interface NewCaseInput {
  /** An agency the caller has read (agencies are never deleted, so it exists). */
  agencyId: string;
  application: StoredApplication;
  /** The first events (seq from 1), built by the caller. */
  events: CaseEvent[];
  calendar: WorkingCalendar;
  now: Date;
  /** Idempotency: whose key (`public`, or `officer:<sub>`), the key, and the request to fingerprint. */
  idempotency?: { owner: string; key: string; request: unknown } | undefined;
}

/** A case ready to be saved, with its query code and how to re-derive the code of a replayed case. */
export interface NewCaseDraft {
  record: CaseRecord;
  events: CaseEvent[];
  queryCode: string;
  now: Date;
  idempotency?: { owner: string; keyHash: string; requestHash: string; secret: Buffer; key: string } | undefined;
}

/** Step 1: the new case's id, its state replayed from its first events, and its query code. */
export async function draftNewCase(db: Db, input: NewCaseInput): Promise<NewCaseDraft> {
  const idem = input.idempotency
    ? {
        owner: input.idempotency.owner,
        key: input.idempotency.key,
        keyHash: sha256(input.idempotency.key),
        requestHash: sha256(canonicalJson(input.idempotency.request)),
        secret: await getOrCreateSecret(db, QUERY_CODE_SECRET),
      }
    : undefined;
  const id = newCaseId(input.now);
  const queryCode = idem ? derivedQueryCode(idem.secret, idem.owner, idem.key, id) : newQueryCode();
  const state: CaseState = replay({ id, agencyId: input.agencyId }, input.events, input.calendar);
  const at = input.now.toISOString();
  const record: CaseRecord = {
    id,
    agencyId: input.agencyId,
    version: state.version,
    state,
    applicant: input.application.applicant,
    request: input.application.request,
    delivery: input.application.delivery,
    queryCodeHash: hashQueryCode(queryCode),
    createdAt: at,
    updatedAt: at,
  };
  return { record, events: input.events, queryCode, now: input.now, idempotency: idem };
}

/**
 * Step 2: creates the case; or, when an earlier request with the same key created its case, reads that
 * case back (422 if the earlier request carried another body). Either way the caller answers from the
 * returned record, with its query code. The idempotency record keeps only the case id, so no personal data
 * is copied into it.
 */
export async function saveNewCase(db: Db, draft: NewCaseDraft): Promise<{ record: CaseRecord; queryCode: string; replayed: boolean }> {
  const idem = draft.idempotency;
  const write: IdempotencyWrite | undefined = idem && {
    owner: idem.owner,
    keyHash: idem.keyHash,
    requestHash: idem.requestHash,
    response: { status: 201, body: { id: draft.record.id } },
    expiresAtEpochSeconds: Math.floor(draft.now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
  const outcome = await createCase(db, draft.record, draft.events, draft.now, write);
  if (outcome.created) return { record: draft.record, queryCode: draft.queryCode, replayed: false };
  if (!idem || outcome.earlier.requestHash !== idem.requestHash) throw new IdempotencyKeyReuseError();
  const earlierId = (outcome.earlier.response.body as { id: string }).id;
  const existing = await getCase(db, earlierId);
  // The record and its case are written in one transaction: a record without its case is not ours to explain.
  if (!existing) throw new ServiceUnavailableError();
  return { record: existing, queryCode: derivedQueryCode(idem.secret, idem.owner, idem.key, earlierId), replayed: true };
}
