/**
 * Opening a case — from the public form or an officer's registration — in one transaction with its first
 * events and an idempotency record, so that a request whose outcome the client never learnt (a 503, a lost
 * connection, a store that stalled and then wrote) is safe to send again:
 * - with an Idempotency-Key: the same key and body give the same case and the same query code, another
 *   body under the key gives 422;
 * - without one: the same canonical body (of the same owner: the public form, or the agency an officer
 *   registers for) within 24 hours gives the same case and the same query code. An identical second
 *   application is a duplicate anyway (docs/domain.md); a different one is a new case.
 * Any number of concurrent requests create exactly one case. The record holds no personal data (keyed
 * hashes and the case id, shared/store/cases.ts); the query code is derived with HMAC from the table's
 * secret, the owner, the key (or the content's keyed hash) and the case id, and never stored.
 */
import type { CaseState } from '../domain/case-state.js';
import { replay } from '../domain/evolve.js';
import type { CaseEvent } from '../domain/types.js';
import { IdempotencyKeyReuseError, ServiceUnavailableError } from '../errors.js';
import type { StoredApplication } from '../store/stored-application.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { createCase, findIdempotencyRecord, getCase, type CaseRecord, type CreateOutcome } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { secretStore } from '../crypto/secret-store.js';
import type { Agency } from '../store/agencies.js';
import { documentsFor, withNumbers } from './documents.js';
import { canonicalJson, derivedQueryCode, hashQueryCode, keyedHash, newCaseId, sha256 } from './identifiers.js';

/** Idempotency records live a day (keyed and content-based alike). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface NewCaseInput<R> {
  /** An agency the caller has read (agencies are never deleted, so it exists). */
  agencyId: string;
  application: StoredApplication;
  /** The first events (seq from 1), built by the caller. */
  events: CaseEvent[];
  calendar: WorkingCalendar;
  now: Date;
  /**
   * Idempotency: `key` is the client's Idempotency-Key, owned by `keyOwner` (`public`, or the officer);
   * without a key the request is its own key, owned by `contentOwner`. `request` is what is fingerprinted
   * (the validated body, with whatever the server filled in that changes the outcome, e.g. the agency).
   */
  idempotency: { key?: string | undefined; keyOwner: string; contentOwner: string; request: unknown };
  /** The answer (without the query code), from the case (the new one, or the earlier one on a replay). */
  respond: (record: CaseRecord) => R;
  /** The agency, to issue the receipt (登记回执) when the case opens received (services/documents.ts). */
  agency?: Agency | undefined;
}

export async function createNewCase<R extends object>(db: Db, input: NewCaseInput<R>): Promise<R & { queryCode: string }> {
  // The query-code secret lives outside the table (Secrets Manager / a local file) and rotates; the
  // idempotency record names the version used, so a retry after a rotation re-derives the same code.
  const current = await secretStore().current('query-code');
  const secret = current.value;
  const canonical = canonicalJson(input.idempotency.request);
  const key = input.idempotency.key;
  // The request's fingerprint is keyed with the never-rotated blind-index key (its own label keeps the two
  // uses apart), so a retry after a rotation of the query-code key still finds and matches its record.
  const stable = (await secretStore().current('blind-index')).value;
  const requestHash = keyedHash(stable, 'idempotency-request', canonical);
  const idem = key
    ? { owner: input.idempotency.keyOwner, keyHash: sha256(key), requestHash }
    : { owner: `content:${input.idempotency.contentOwner}`, keyHash: requestHash, requestHash };
  const codeFor = (caseId: string, k: Buffer = secret) => derivedQueryCode(k, idem.owner, key ?? idem.keyHash, caseId);
  const id = newCaseId(input.now);
  const queryCode = codeFor(id);
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

  const write = {
    ...idem,
    caseId: id,
    secretVersion: current.version,
    expiresAtEpochSeconds: Math.floor(input.now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
  // A case that opens received gets its receipt (登记回执), numbered just before its transaction. A retry
  // whose key is already held replays without taking a number; one that races its first request to the
  // key has its number recorded void (services/documents.ts withNumbers).
  const last = input.events[input.events.length - 1]!;
  const planned = input.agency ? documentsFor(last, state) : [];
  const held = input.agency && planned.length > 0 ? await findIdempotencyRecord(db, idem.owner, idem.keyHash, input.now) : undefined;
  const outcome: CreateOutcome = held
    ? { created: false, earlier: held }
    : input.agency && planned.length > 0
      ? (
          await withNumbers(
            { db, agency: input.agency, next: record, event: last, planned, now: input.now },
            (plan) => createCase(db, record, [...input.events.slice(0, -1), plan.event], input.now, write, plan.extra),
            (created) => created.created,
          )
        ).result
      : await createCase(db, record, input.events, input.now, write);
  if (outcome.created) return { ...input.respond(record), queryCode };
  // The key (or the same content) was used before: the same body replays the earlier case, another is 422.
  const { earlier } = outcome;
  if (earlier.requestHash !== idem.requestHash) throw new IdempotencyKeyReuseError();
  const existing = await getCase(db, earlier.caseId);
  // Written in one transaction with the record, so it exists (unless erased since: then it is gone for good).
  if (!existing) throw new ServiceUnavailableError();
  const earlierKey = earlier.secretVersion ? await secretStore().byVersion('query-code', earlier.secretVersion) : secret;
  // A version the store no longer keeps (records live a day; rotation keeps the previous version).
  if (!earlierKey) throw new ServiceUnavailableError();
  return { ...input.respond(existing), queryCode: codeFor(existing.id, earlierKey) };
}
