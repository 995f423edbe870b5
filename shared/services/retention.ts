/**
 * Retention and erasure of the applicant's personal data (PIPL Art. 19: kept no longer than the purpose
 * needs; Art. 47: deleted on a lawful request).
 *
 * - The retention job (daily, shared/jobs.ts) removes the personal data of every case closed at least the
 *   agency's `retentionYears` ago (default 10: shared/store/agencies.ts cites the archives rules): the
 *   applicant keeps only its kind (natural person / organisation type and document type), the name, the
 *   sealed fields (ID number, phone, e-mail, address), the blind index, the request text and the query code
 *   go. A case with an appeal or complaint still pending is left until it is decided.
 * - An administrator of the agency's tree erases a closed case's personal data at once on a lawful
 *   deletion request (`POST /cases/{id}/erasure`, with the request's reference).
 *
 * Both append an `anonymise` event (who, when, why) and rewrite the case item in one transaction, on the
 * case's version. The case's state — and so the year-end statistics, which never read an identity — is
 * unchanged (tests/integration/retention.test.ts compares a report before and after).
 */
import { beijingDate } from '../calendar/civil-date.js';
import { IllegalActionError, NotFoundError, VersionConflictError } from '../domain/errors.js';
import { applyEvent } from '../domain/lifecycle.js';
import type { Actor, CaseEvent } from '../domain/types.js';
import type { Caller } from '../http/auth.js';
import { DEFAULT_RETENTION_YEARS, listAgencies } from '../store/agencies.js';
import { appendEvents, getCase, queryClosedWithPersonalData, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { isOpenStatus } from '../store/keys.js';
import { calendarOfAgency } from './admin.js';
import { loadAgencyTreeWith } from './scope.js';

const SYSTEM: Actor = { sub: 'system', name: 'Gongkai', role: 'system' };

/** The case without the applicant's personal data: what statistics and the case history need, nothing more. */
export function anonymisedRecord(record: CaseRecord, at: string): CaseRecord {
  const { queryCodeHash: _code, ...rest } = record;
  const a = record.applicant;
  return {
    ...rest,
    applicant: {
      type: a.type,
      ...(a.organizationType !== undefined ? { organizationType: a.organizationType } : {}),
      name: '',
      idDocument: { type: a.idDocument.type, number: '' },
    } as CaseRecord['applicant'],
    request: { description: '' },
    anonymisedAt: at,
  };
}

/** Whether an appeal or complaint of the case awaits its decision (its data may still be needed). */
function hasPendingAppeal(record: CaseRecord): boolean {
  return [...record.state.appeals, ...record.state.complaints].some((a) => a.decidedDate === undefined);
}

type AnonymisePayload = { type: 'anonymise'; reason: 'retention' | 'erasure_request'; retentionYears?: number; note?: string };

async function anonymise(db: Db, record: CaseRecord, payload: AnonymisePayload, actor: Actor, now: Date): Promise<CaseRecord> {
  const event = {
    ...payload,
    seq: record.version + 1,
    actor,
    recordedAt: now.toISOString(),
    effectiveDate: beijingDate(now),
  } as CaseEvent;
  const calendar = await calendarOfAgency(db, record.agencyId);
  const state = applyEvent(record.state, event, calendar);
  const next = { ...anonymisedRecord(record, now.toISOString()), state, version: state.version, updatedAt: now.toISOString() };
  await appendEvents(db, record, next, [event]);
  return next;
}

/** `closedDate` + `years` ≤ `today`, as civil dates (29 February counts as 28 February in a common year). */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface RetentionSummary {
  today: string;
  agencies: number;
  anonymised: number;
  /** Closed long enough, but an appeal or complaint is pending. */
  heldForAppeal: number;
  conflicts: number;
}

/** The retention job: anonymises every case closed on or before today minus its agency's retention period. */
export async function anonymiseExpiredCases(db: Db, now: Date): Promise<RetentionSummary> {
  const today = beijingDate(now);
  const summary: RetentionSummary = { today, agencies: 0, anonymised: 0, heldForAppeal: 0, conflicts: 0 };
  for (const agency of await listAgencies(db)) {
    summary.agencies++;
    const years = agency.retentionYears ?? DEFAULT_RETENTION_YEARS;
    const closedOnOrBefore = retentionCutoff(today, years);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await queryClosedWithPersonalData(db, { agencyId: agency.id, closedOnOrBefore, limit: 100, startKey });
      for (const record of page.items) {
        if (record.anonymisedAt || !record.state.closedDate || record.state.closedDate > closedOnOrBefore) continue;
        if (hasPendingAppeal(record)) {
          summary.heldForAppeal++;
          continue;
        }
        try {
          await anonymise(db, record, { type: 'anonymise', reason: 'retention', retentionYears: years }, SYSTEM, now);
          summary.anonymised++;
        } catch (error) {
          // An officer recorded something meanwhile (an appeal): the next run looks again.
          if (error instanceof VersionConflictError) summary.conflicts++;
          else throw error;
        }
      }
      startKey = page.lastKey;
    } while (startKey);
  }
  return summary;
}

export interface ErasureResult {
  id: string;
  version: number;
  anonymisedAt: string;
}

/**
 * `POST /cases/{id}/erasure`: an administrator of the case's agency tree removes the applicant's personal
 * data on a lawful deletion request (PIPL Art. 47). Only a closed case (an open one is still being handled:
 * withdraw or reply first); a case already anonymised answers as it is.
 */
export async function eraseApplicantData(db: Db, caller: Caller, id: string, body: { note: string }, now: Date): Promise<ErasureResult> {
  const record = await getCase(db, id);
  if (!record || !caller.roles.includes('admin')) throw new NotFoundError('No case with this id.');
  const tree = await loadAgencyTreeWith(db, record.agencyId);
  if (!tree.isInSubtree(record.agencyId, caller.agencyId)) throw new NotFoundError('No case with this id.');
  if (record.anonymisedAt) return { id, version: record.version, anonymisedAt: record.anonymisedAt };
  if (isOpenStatus(record.state.status)) {
    throw new IllegalActionError(
      'erasure.case_open',
      '案件仍在办理中，请先答复或由申请人撤回后再删除其个人信息 (The case is still being handled: reply or record the withdrawal first, then erase the personal data; PIPL Art. 47).',
    );
  }
  if (hasPendingAppeal(record)) {
    throw new IllegalActionError(
      'erasure.appeal_pending',
      '复议、诉讼或投诉尚未结束，相关材料仍需保存 (An appeal or complaint is pending: its records are still needed; PIPL Art. 47 ¶2).',
    );
  }
  const actor: Actor = { sub: caller.sub, name: caller.name, role: 'admin' };
  const next = await anonymise(db, record, { type: 'anonymise', reason: 'erasure_request', note: body.note }, actor, now);
  return { id, version: next.version, anonymisedAt: next.anonymisedAt! };
}
