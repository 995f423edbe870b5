/**
 * Opening a case — from the public form or an officer's registration — in one transaction with its first
 * events, guarded by an optional Idempotency-Key: the same key and body give the same answer (with the
 * same query code, re-derived, never stored), another body gives 422, and any number of concurrent
 * requests with one key create exactly one case.
 */
import type { CaseState } from '../domain/case-state.js';
import { IdempotencyKeyReuseError } from '../domain/errors.js';
import { replay } from '../domain/lifecycle.js';
import type { CaseEvent } from '../domain/types.js';
import { ServiceUnavailableError } from '../http/problem.js';
import type { SubmitApplicationBody } from '../http/schemas.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { createCase, getIdempotencyRecord, IdempotencyHit, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { secretStore } from '../crypto/secret-store.js';
import { canonicalJson, derivedQueryCode, hashQueryCode, newCaseId, newQueryCode, sha256 } from './identifiers.js';

/** Idempotency records live a day (DESIGN.md: idempotency records with a TTL). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface OpenCaseInput<R> {
  /** An agency the caller has read (agencies are never deleted, so it exists). */
  agencyId: string;
  application: Pick<SubmitApplicationBody, 'applicant' | 'request' | 'delivery'>;
  /** The first events (seq from 1), built by the caller. */
  events: CaseEvent[];
  calendar: WorkingCalendar;
  now: Date;
  /** Idempotency: the key's scope (`public`, or the officer's sub), the key, and the request to fingerprint. */
  idempotency?: { scope: string; key: string; request: unknown } | undefined;
  /** The answer (without the query code), from the new case. */
  respond: (record: CaseRecord) => R;
}

export async function openCase<R extends object>(db: Db, input: OpenCaseInput<R>): Promise<R & { queryCode: string }> {
  const idem = input.idempotency
    ? { scope: input.idempotency.scope, keyHash: sha256(input.idempotency.key), requestHash: sha256(canonicalJson(input.idempotency.request)) }
    : undefined;
  // The query-code secret lives outside the table (Secrets Manager / a local file) and rotates; the
  // idempotency record names the version used, so a retry after a rotation re-derives the same code.
  const secret = input.idempotency ? await secretStore().current('query-code') : undefined;
  const codeFor = (caseId: string, key: Buffer | undefined = secret?.value) =>
    key && input.idempotency ? derivedQueryCode(key, input.idempotency.scope, input.idempotency.key, caseId) : newQueryCode();
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
  const answer = input.respond(record);

  for (let attempt = 0; ; attempt++) {
    try {
      await createCase(
        db,
        record,
        input.events,
        input.now,
        idem && {
          ...idem,
          response: { status: 201, body: answer },
          secretVersion: secret?.version,
          expiresAtEpochSeconds: Math.floor(input.now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
      );
      return { ...answer, queryCode };
    } catch (error) {
      if (!(error instanceof IdempotencyHit) || !idem) throw error;
      const earlier = await getIdempotencyRecord(db, idem.scope, idem.keyHash, input.now);
      if (earlier) {
        if (earlier.requestHash !== idem.requestHash) throw new IdempotencyKeyReuseError();
        const body = earlier.response.body as R & { id: string };
        const key = earlier.secretVersion ? await secretStore().byVersion('query-code', earlier.secretVersion) : secret?.value;
        // A version the store no longer keeps (records live a day; rotation keeps the previous version).
        if (!key) throw new ServiceUnavailableError();
        return { ...body, queryCode: codeFor(body.id, key) };
      }
      // The concurrent request holding the key had not committed yet (or failed): look again shortly,
      // and past the attempts answer 503 (nothing was written by this request; the client retries the key).
      if (attempt >= 20) throw new ServiceUnavailableError();
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
  }
}
