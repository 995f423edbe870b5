/**
 * Retention and erasure of the applicant's personal data (issue 13 item 8; PIPL Art. 19: kept no longer
 * than the purpose needs; Art. 47: deleted when the retention period has run out, or on the person's
 * request when the law grants it).
 *
 * - The retention job (daily, shared/jobs.ts) anonymises every case closed at least its agency's
 *   `retentionYears` ago (default 10, shared/store/agencies.ts cites the archives rules).
 * - An administrator of the case's agency tree erases a closed case's personal data at once when the
 *   agency has found a deletion request lawful (`POST /cases/{id}/erasure`, with the request's reference).
 *
 * Anonymising keeps only what the statistics count — the applicant's kind (natural person, organisation
 * type) and the document type — and removes the name and every other clear field, the sealed fields
 * (identity number, phone, e-mail, address), the blind index, the request's text and the query-code hash
 * (shared/store/cases.ts). It appends an `anonymise` event (who, when, why) and rewrites the case item in
 * one transaction on the case's version, with the case's written notices scrubbed (addressee and body;
 * number, dates and hashes stay) and outbox work that deletes their files (shared/services/render-work.ts). The case's state is unchanged, so the year-end statistics are the
 * same (tests/integration/retention.test.ts compares a year's report before and after). A case whose
 * appeal or complaint is still pending keeps its data until it is decided: the agency must answer it from
 * the case file (Administrative Litigation Law Art. 34). Both are idempotent: an anonymised case is
 * answered as it is, and leaves the job's range of dates (keys.ts ANONYMISED_SORT_PREFIX).
 */
import { beijingDate } from '../calendar/civil-date.js';
import type { CaseState } from '../domain/case-state.js';
import { NotFoundError, VersionConflictError } from '../errors.js';
import { applyEvent, isClosed } from '../domain/evolve.js';
import { refuse } from '../domain/rules.js';
import type { Actor, CaseEvent } from '../domain/types.js';
import type { Caller } from '../caller.js';
import type { EraseCaseBody } from '../http/schemas.js';
import { DEFAULT_RETENTION_YEARS, listAgencies } from '../store/agencies.js';
import { appendEvents, getCase, type CaseRecord } from '../store/cases.js';
import { anonymousApplicant } from '../store/sealed-applicant.js';
import { anonymiseDocumentUpdate, listDocuments } from '../store/documents.js';
import { outboxItem } from '../store/outbox.js';
import { queryClosedWithPersonalData, type WorklistRow } from '../store/worklist.js';
import type { Db } from '../store/client.js';
import { calendarOfAgency } from './calendars.js';
import { canAdminister, loadAgencyTreeWith } from './visibility.js';

const SYSTEM: Actor = { sub: 'system', name: 'Gongkai', role: 'system' };
const NO_CASE = 'No case with this id.';

type AnonymisePayload = Extract<CaseEvent, { type: 'anonymise' }> extends infer E
  ? E extends CaseEvent
    ? Omit<E, 'seq' | 'actor' | 'recordedAt' | 'effectiveDate'>
    : never
  : never;

/** Whether an appeal or complaint on the case awaits its decision (its file is still needed). */
export function hasPendingAppeal(state: CaseState): boolean {
  return [...state.appeals, ...state.complaints].some((a) => a.decidedDate === undefined);
}

/** The case without the applicant's personal data (the store writes only what this keeps). */
export function anonymisedRecord(record: CaseRecord, at: string): CaseRecord {
  const { queryCodeHash: _hash, ...rest } = record;
  return { ...rest, applicant: anonymousApplicant(record.applicant), request: { description: '' }, anonymisedAt: at };
}

async function anonymise(db: Db, record: CaseRecord, payload: AnonymisePayload, actor: Actor, now: Date): Promise<CaseRecord> {
  const event = { ...payload, seq: record.version + 1, actor, recordedAt: now.toISOString(), effectiveDate: beijingDate(now) } as CaseEvent;
  const calendar = await calendarOfAgency(db, record.agencyId);
  const state = applyEvent(record.state, event, calendar);
  const at = now.toISOString();
  const next: CaseRecord = { ...anonymisedRecord(record, at), state, version: state.version, updatedAt: at };
  // The written notices name the applicant and quote the request: their content is scrubbed in the same
  // transaction, and their files deleted by the document worker (outbox work written here too).
  const documents = await listDocuments(db, record.id);
  const items = [
    ...documents.map((document) => anonymiseDocumentUpdate(db, document, at)),
    ...documents.map((document) =>
      outboxItem(db, { id: `erase-${document.id}`, kind: 'erase_document_files', caseId: record.id, documentId: document.id, createdAt: at }, now),
    ),
  ];
  await appendEvents(db, record, next, [event], { items });
  return next;
}

/**
 * The last closing date whose cases are due today: `today` minus `years` whole years, as civil dates
 * (29 February counts as 28 February in a common year: a case closed on 2024-02-29 is due on 2034-02-28).
 */
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
  /** Closed long enough ago, but an appeal or complaint is pending: looked at again on the next run. */
  heldForAppeal: number;
  /** Changed by someone else meanwhile: looked at again on the next run. */
  conflicts: number;
  /** The run stopped at its time limit with cases left: the next run goes on (a first run over years of history). */
  unfinished: boolean;
}

/** Cases anonymised at once (each: a read and a transaction on its own partition). */
const CONCURRENCY = 8;

/**
 * The retention job: anonymises every case of every agency closed on or before today minus the agency's
 * retention period. Safe to run again (a retry, a second run the same day): an anonymised case is not
 * read again, so a second run finds nothing to do. `stopAt` (epoch ms): the run ends there, between two
 * pages, and says `unfinished`; the next run goes on where the range still holds cases.
 */
export async function anonymiseExpiredCases(db: Db, now: Date, options: { stopAt?: number } = {}): Promise<RetentionSummary> {
  const today = beijingDate(now);
  const summary: RetentionSummary = { today, agencies: 0, anonymised: 0, heldForAppeal: 0, conflicts: 0, unfinished: false };
  const timeIsUp = () => options.stopAt !== undefined && Date.now() >= options.stopAt;
  const one = async (row: WorklistRow, years: number): Promise<void> => {
    if (hasPendingAppeal(row.state)) {
      summary.heldForAppeal++;
      return;
    }
    // The worklist row has no applicant: read the case item whole (it holds the sealed fields to drop).
    const record = await getCase(db, row.id);
    if (!record || record.anonymisedAt) return;
    if (record.version !== row.version) {
      summary.conflicts++;
      return;
    }
    try {
      await anonymise(db, record, { type: 'anonymise', reason: 'retention', retentionYears: years }, SYSTEM, now);
      summary.anonymised++;
    } catch (error) {
      // An officer recorded something meanwhile (an appeal filed): the next run looks again.
      if (error instanceof VersionConflictError) summary.conflicts++;
      else throw error;
    }
  };
  for (const agency of await listAgencies(db)) {
    summary.agencies++;
    const years = agency.retentionYears ?? DEFAULT_RETENTION_YEARS;
    const closedOnOrBefore = retentionCutoff(today, years);
    let startKey: Record<string, unknown> | undefined;
    do {
      if (timeIsUp()) {
        summary.unfinished = true;
        return summary;
      }
      const page = await queryClosedWithPersonalData(db, { agencyId: agency.id, closedOnOrBefore, limit: 100, startKey });
      const due = page.items.filter((row) => isClosed(row.state.status) && row.state.closedDate !== undefined && row.state.closedDate <= closedOnOrBefore);
      for (let i = 0; i < due.length; i += CONCURRENCY) await Promise.all(due.slice(i, i + CONCURRENCY).map((row) => one(row, years)));
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
 * data on a deletion request the agency found lawful (PIPL Art. 47), naming the request in `note`. Only
 * a closed case without a pending appeal or complaint; an anonymised case is answered as it is (no second
 * event). Another tree's case, or a caller who is not an admin, gets 404.
 */
export async function eraseApplicantData(db: Db, caller: Caller, id: string, body: EraseCaseBody, now: Date): Promise<ErasureResult> {
  const record = await getCase(db, id);
  if (!record) throw new NotFoundError(NO_CASE);
  const tree = await loadAgencyTreeWith(db, record.agencyId);
  if (!canAdminister(caller, record.agencyId, tree)) throw new NotFoundError(NO_CASE);
  if (record.anonymisedAt) return { id, version: record.version, anonymisedAt: record.anonymisedAt };
  if (!isClosed(record.state.status)) refuse('erasure.case_open', { status: record.state.status, citation: '《个人信息保护法》第四十七条 / PIPL Art. 47' });
  if (hasPendingAppeal(record.state)) refuse('erasure.appeal_pending', { citation: '《行政诉讼法》第三十四条 / Administrative Litigation Law Art. 34' });
  const actor: Actor = { sub: caller.sub, name: caller.name, role: 'admin', ...(caller.agencyId ? { agencyId: caller.agencyId } : {}) };
  const next = await anonymise(db, record, { type: 'anonymise', reason: 'erasure_request', note: body.note }, actor, now);
  return { id, version: next.version, anonymisedAt: next.anonymisedAt! };
}
