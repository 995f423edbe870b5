/**
 * The officers' case management (docs/architecture.md "The API"): register a paper application, list an agency's
 * cases, read one with its deadline explained and its history, and record an action. Every action is one
 * transaction on the case's version (shared/store/cases.ts appendEvents): two officers acting at once,
 * one wins and the other gets 409 with the current version.
 */
import { beijingDate } from '../calendar/civil-date.js';
import type { CaseState } from '../domain/case-state.js';
import { IllegalActionError, ValidationError } from '../domain/errors.js';
import { VersionConflictError } from '../errors.js';
import type { DayExplanation } from '../domain/explanation.js';
import { explainDayByDay } from '../domain/explanation.js';
import { identityIndex } from '../crypto/field-encryption.js';
import { checkPlainLetterConfirmation, checkReceiptGap, decide } from '../domain/decide.js';
import { applicantItemsEarlierInMonth } from '../store/fee-count.js';
import { applyEvent, clockInputOf } from '../domain/evolve.js';
import type { CaseEvent } from '../domain/types.js';
import { ownAgency, type Caller } from '../caller.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';
import type { CaseActionBody, ListCasesQuery, RegisterCaseBody } from '../http/schemas.js';
import { appendEvents, listEvents, type CaseRecord } from '../store/cases.js';
import { queryWorklist, type WorklistRow } from '../store/worklist.js';
import type { Db } from '../store/client.js';
import { isWorklistStartKey, worklistPartition } from '../store/keys.js';
import { getAgency } from '../store/agencies.js';
import { calendarOfAgency } from './calendars.js';
import { visibleCase } from './visible-case.js';
import { caseDocuments } from './case-documents.js';
import { documentsFor, documentSummary, withNumbers, type DocumentSummary } from './documents.js';
import { applicantColumn } from './applications.js';
import { createNewCase } from './new-case.js';
import { maskedApplicant, readApplicant, type ApplicantView } from './personal-data.js';
import { actorOf, canSee, loadAgencyTreeWith } from './visibility.js';

/** What every case response carries (docs/architecture.md: at least these fields), in a case and a worklist row alike. */
export interface CaseHeadline {
  id: string;
  agencyId: string;
  version: number;
  status: CaseState['status'];
  channel: CaseState['channel'];
  receivedDate: string | null;
  dueDate: string | null;
  provisional: boolean;
  extended: boolean;
  outcome: NonNullable<CaseState['outcome']> | null;
  closedDate: string | null;
}

function headline(record: CaseRecord | WorklistRow): CaseHeadline {
  const s = record.state;
  return {
    id: record.id,
    agencyId: record.agencyId,
    version: record.version,
    status: s.status,
    channel: s.channel,
    receivedDate: s.receivedDate ?? null,
    dueDate: s.dueDate ?? null,
    provisional: s.provisional,
    extended: s.extended,
    outcome: s.outcome ?? null,
    closedDate: s.closedDate ?? null,
  };
}

export interface CaseView extends CaseHeadline {
  state: CaseState;
  applicant: CaseRecord['applicant'];
  request: CaseRecord['request'];
  delivery: CaseRecord['delivery'];
  createdAt: string;
  updatedAt: string;
  /** When the applicant's personal data was removed (shared/services/retention.ts): then the name and numbers are empty. */
  anonymisedAt?: string;
  events?: CaseEvent[];
}

/** A case as officers see it: the applicant's identity number, phone and e-mail masked (personal-data.ts). */
export function caseView(record: CaseRecord, events?: CaseEvent[]): CaseView {
  return {
    ...headline(record),
    state: record.state,
    applicant: maskedApplicant(record.applicant),
    request: record.request,
    delivery: record.delivery,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.anonymisedAt ? { anonymisedAt: record.anonymisedAt } : {}),
    ...(events ? { events } : {}),
  };
}

/** `POST /cases`: an application that arrived in person, by mail, fax, e-mail or otherwise. */
export async function registerCase(
  db: Db,
  caller: Caller,
  body: RegisterCaseBody,
  options: { now: Date; idempotencyKey?: string | undefined },
): Promise<CaseView & { queryCode: string }> {
  const agencyId = body.agencyId ?? ownAgency(caller);
  const tree = await loadAgencyTreeWith(db, agencyId);
  if (!canSee(caller, agencyId, tree)) {
    throw new ValidationError([{ path: ['body', 'agencyId'], message: 'is not a known agency' }]);
  }
  const today = beijingDate(options.now);
  const problems = [];
  if (body.receivedDate > today) {
    problems.push({ path: ['body', 'receivedDate'], message: `must not be after today (${today}, Beijing time)` });
  }
  if (body.submittedAt && beijingDate(body.submittedAt) > body.receivedDate) {
    problems.push({ path: ['body', 'submittedAt'], message: 'must not be after the receipt date' });
  }
  // Art. 31(2): a plain letter is received on the day the office confirms it with the applicant.
  if (body.letterArrivedOn !== undefined && body.channel !== 'mail') {
    problems.push({ path: ['body', 'letterArrivedOn'], message: 'applies only to an application by mail (a plain letter)' });
  } else if (body.letterArrivedOn !== undefined && body.letterArrivedOn > body.receivedDate) {
    problems.push({ path: ['body', 'letterArrivedOn'], message: 'must not be after the receipt date' });
  }
  if (problems.length > 0) throw new ValidationError(problems);

  const calendar = await calendarOfAgency(db, agencyId);
  // Policy P4 (Art. 31(3), Guiding Case No. 26): an online submission's receipt date at most one working
  // day after its first working day, or with a stated reason (then flagged).
  let lateReason: string | undefined;
  if (body.submittedAt && (body.channel === 'online' || body.channel === 'email')) {
    try {
      lateReason = checkReceiptGap(beijingDate(body.submittedAt), body.receivedDate, body.lateReason, calendar);
    } catch (error) {
      if (!(error instanceof IllegalActionError)) throw error;
      throw new ValidationError([{ path: ['body', 'lateReason'], message: error.message }]);
    }
  }
  // Policy P15 (Art. 31(2)): a plain letter confirmed after the day it arrived needs a reason (then flagged).
  if (body.letterArrivedOn !== undefined && body.channel === 'mail') {
    try {
      lateReason = checkPlainLetterConfirmation(body.letterArrivedOn, body.receivedDate, body.lateReason);
    } catch (error) {
      if (!(error instanceof IllegalActionError)) throw error;
      throw new ValidationError([{ path: ['body', 'lateReason'], message: error.message }]);
    }
  }
  const recordedAt = options.now.toISOString();
  const events: CaseEvent[] = [
    {
      seq: 1,
      type: 'register',
      channel: body.channel,
      receivedDate: body.receivedDate,
      ...(body.submittedAt ? { submittedAt: new Date(body.submittedAt).toISOString() } : {}),
      applicantColumn: applicantColumn(body.applicant),
      ...(lateReason === undefined ? {} : { lateReason }),
      ...(body.letterArrivedOn !== undefined && body.channel === 'mail' ? { letterArrivedOn: body.letterArrivedOn } : {}),
      actor: actorOf(caller),
      recordedAt,
      effectiveDate: body.receivedDate,
    },
  ];
  return createNewCase(db, {
    agency: await getAgency(db, agencyId),
    agencyId,
    application: body,
    events,
    calendar,
    now: options.now,
    idempotency: {
      key: options.idempotencyKey,
      keyOwner: `officer:${caller.sub}`,
      // Without a key: the same application registered for the same agency is the same case, whoever registers it.
      contentOwner: `register:${agencyId}`,
      request: { ...body, agencyId },
    },
    respond: (record) => caseView(record),
  });
}

/**
 * `GET /cases/{id}`: everything, with the history and the deadline explained day by day (each date from
 * the clock start to the deadline: counted working day #k, weekend, holiday and its name, make-up working
 * day, excluded during a consultation). Another tree's case is 404.
 */
export async function getCaseDetail(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
): Promise<CaseView & { deadlineDays: DayExplanation[]; documents: DocumentSummary[] }> {
  const record = await visibleCase(db, caller, id);
  const [events, calendar] = await Promise.all([listEvents(db, id), calendarOfAgency(db, record.agencyId)]);
  const input = clockInputOf(record.state);
  const deadlineDays = input ? explainDayByDay(input, calendar, { until: beijingDate(now) }) : [];
  return { ...caseView(record, events), deadlineDays, documents: await caseDocuments(db, id) };
}

/**
 * `GET /cases/{id}/applicant`: the applicant's full data, for whoever may see the case; the read is
 * recorded first (shared/services/personal-data.ts).
 */
export async function getCaseApplicant(
  db: Db,
  caller: Caller,
  id: string,
  options: { reason?: string | undefined; now: Date; requestId: string },
): Promise<ApplicantView> {
  return readApplicant(db, caller, await visibleCase(db, caller, id), options);
}

/**
 * `POST /cases/{id}/actions`: checks the action against the case and the law (shared/domain/decide.ts
 * `decide`), then appends its event and the new state in one transaction on `expectedVersion`.
 */
export async function actOnCase(
  db: Db,
  caller: Caller,
  id: string,
  body: CaseActionBody,
  now: Date,
): Promise<CaseView & { documents?: DocumentSummary[] }> {
  const record = await visibleCase(db, caller, id);
  if (record.version !== body.expectedVersion) throw new VersionConflictError(record.version);
  const [calendar, agency] = await Promise.all([calendarOfAgency(db, record.agencyId), getAgency(db, record.agencyId)]);
  const { expectedVersion: _expected, notice, ...action } = body;
  const feePriorItems = action.type === 'fee_notice' && action.method === 'per_item' ? await feeItemsBefore(db, record) : undefined;
  const draft = decide(record.state, action, {
    actor: actorOf(caller),
    now: now.toISOString(),
    today: beijingDate(now),
    calendar,
    ...(feePriorItems === undefined ? {} : { feePriorItems }),
  });
  const event = { ...draft, seq: record.version + 1 };
  const state = applyEvent(record.state, event, calendar);
  const next: CaseRecord = { ...record, state, version: state.version, updatedAt: now.toISOString() };
  const planned = documentsFor(event, state);
  if (planned.length === 0 || !agency) {
    await appendEvents(db, record, next, [event]);
    return caseView(next);
  }
  // The documents the action puts in writing, numbered in the event's transaction (services/documents.ts).
  const { plan } = await withNumbers({ db, agency, next, event, planned, notice, now }, (p) => appendEvents(db, record, next, [p.event], p.extra));
  return { ...caseView(next), documents: plan.documents.map(documentSummary) };
}

/**
 * The applicant's items at this agency earlier in the month of this case's receipt (policy P14; 国办函〔2020〕109号
 * Art. 4), or undefined when it cannot be known (not received, or the identity already removed): decide then
 * refuses a per-item notice.
 */
async function feeItemsBefore(db: Db, record: CaseRecord): Promise<number | undefined> {
  const receivedDate = record.state.receivedDate;
  if (receivedDate === undefined || record.anonymisedAt !== undefined || record.applicant.idDocument.number === '') return undefined;
  const index = await identityIndex(record.applicant.idDocument);
  return applicantItemsEarlierInMonth(db, { id: record.id, agencyId: record.agencyId, receivedDate, identityIndex: index });
}

/** A worklist row: the headline, whether the clock is paused, the sweep's flags, who and what. */
export interface CaseSummary extends CaseHeadline {
  paused: boolean;
  flags: CaseState['flags'];
  applicantName: string;
  description: string;
}

function summary(record: WorklistRow): CaseSummary {
  const { description } = record.request;
  return {
    ...headline(record),
    paused: record.state.paused,
    flags: record.state.flags,
    applicantName: record.applicantName,
    description: description.length > 120 ? `${description.slice(0, 119)}…` : description,
  };
}

interface Cursor {
  /** Which worklist the next page continues. */
  which: 'open' | 'closed';
  key?: Record<string, unknown>;
}

const LIST_CURSOR = 'is not a cursor this list gave out';

function decodeListCursor(text: string, partitionOf: (which: 'open' | 'closed') => string, dueBefore: string | undefined): Cursor {
  const { which, key } = decodeCursor(text, LIST_CURSOR) as Partial<Cursor>;
  if (which !== 'open' && which !== 'closed') throw invalidCursor(LIST_CURSOR);
  if (key !== undefined) {
    // The key must continue this very list (same agency, worklist and dueBefore bound) with exactly the
    // shape of a page's LastEvaluatedKey: DynamoDB refuses any other ExclusiveStartKey (a 500), and a
    // cursor reused with another filter must be a 422 for the client too.
    if (!isWorklistStartKey(key, partitionOf(which), which === 'open' ? dueBefore : undefined)) throw invalidCursor(LIST_CURSOR);
  }
  return { which, ...(key ? { key } : {}) };
}

/**
 * `GET /cases`: an agency's cases from the worklist index (never a Scan): open ones by deadline (those
 * awaiting confirmation of receipt first), closed ones newest first, `all` = open then closed.
 */
export async function listCases(
  db: Db,
  caller: Caller,
  query: ListCasesQuery,
): Promise<{ items: CaseSummary[]; cursor?: string }> {
  const agencyId = query.agencyId ?? ownAgency(caller);
  const tree = await loadAgencyTreeWith(db, agencyId);
  if (!canSee(caller, agencyId, tree)) {
    throw new ValidationError([{ path: ['query', 'agencyId'], message: 'is not a known agency' }]);
  }
  const partitionOf = (which: 'open' | 'closed') => worklistPartition(agencyId, which);
  const phases: ('open' | 'closed')[] = query.status === 'all' ? ['open', 'closed'] : [query.status];
  let cursor: Cursor | undefined = query.cursor ? decodeListCursor(query.cursor, partitionOf, query.dueBefore) : undefined;
  if (cursor && !phases.includes(cursor.which)) {
    throw invalidCursor(LIST_CURSOR);
  }
  const items: CaseSummary[] = [];
  let phaseIndex = cursor ? phases.indexOf(cursor.which) : 0;
  let startKey = cursor?.key;
  while (phaseIndex < phases.length && items.length < query.limit) {
    const which = phases[phaseIndex]!;
    const page = await queryWorklist(db, {
      agencyId,
      which,
      dueOnOrBefore: query.dueBefore,
      limit: query.limit - items.length,
      startKey,
    });
    items.push(...page.items.map(summary));
    if (page.lastKey) {
      cursor = { which, key: page.lastKey };
      startKey = page.lastKey;
      if (items.length >= query.limit) break;
    } else {
      phaseIndex++;
      startKey = undefined;
      cursor = phaseIndex < phases.length ? { which: phases[phaseIndex]! } : undefined;
    }
  }
  return { items, ...(cursor && items.length > 0 ? { cursor: encodeCursor(cursor) } : {}) };
}
