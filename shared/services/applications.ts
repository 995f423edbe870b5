/**
 * The citizen's path: submit an application online, then follow it with the query code.
 *
 * Receipt (docs/domain.md §3, Art. 31 of the 2019 Regulation): an online submission is *submitted* at once
 * but *received* only when confirmed. Policy `autoConfirmOnline` (per agency, default on): the system
 * confirms at submission and the receipt date is the first working day on or after the submission's
 * Beijing date; with it off an officer confirms later and names the date.
 */
import { beijingDate } from '../calendar/civil-date.js';
import { config, type Config } from '../config.js';
import type { CaseState } from '../domain/case-state.js';
import { ValidationError } from '../domain/errors.js';
import { NotFoundError, TooManyRequestsError } from '../errors.js';
import type { Actor, CaseEvent, ApplicantColumn } from '../domain/types.js';
import type { SubmitApplicationBody } from '../http/schemas.js';
import { getAgency } from '../store/agencies.js';
import { loadCalendar } from '../store/calendar.js';
import type { Db } from '../store/client.js';
import { getCase, listEvents, type CaseRecord } from '../store/cases.js';
import { countOne, giveBack, take, type RateLimit } from '../store/rate-limit.js';
import { applicantDocumentFile, applicantDocuments, type DocumentFile, type FileFormat } from './case-documents.js';
import { isCaseId, queryCodeMatches } from './identifiers.js';
import type { DocumentSummary } from './documents.js';
import { RECEIPT_DATE_RULE } from '../domain/policies.js';
import { createNewCase } from './new-case.js';
import { publicTimeline, type PublicTimelineEntry } from './public-view.js';
import { localizeExplanation } from '../i18n/explanation.js';
import type { Locale } from '../i18n/locale.js';
import { translate } from '../i18n/messages.js';

const SYSTEM: Actor = { sub: 'system', name: 'Gongkai', role: 'system' };
const APPLICANT: Actor = { sub: 'applicant', name: 'Applicant', role: 'applicant' };

export interface SubmitResult {
  id: string;
  queryCode: string;
  status: CaseState['status'];
  submittedAt: string;
  receivedDate?: string;
  dueDate?: string;
  provisional?: boolean;
  /** How the receipt date is set, a weekend or holiday submission included (policy P4), in zh and en. */
  receiptRule: { zh: string; en: string };
}

export function applicantColumn(applicant: SubmitApplicationBody['applicant']): ApplicantColumn {
  return applicant.type === 'natural_person' ? 'natural_person' : (applicant.organizationType ?? 'other');
}

/**
 * Per-client limits of the public routes, counted in the application (API Gateway throttles per route, not
 * per client), on the client address as the edge reports it (shared/http/client-address.ts): submissions,
 * and status look-ups whatever their outcome. Generous for a person, or an office behind one address; they
 * stop one machine from flooding the table.
 */
export function publicRequestLimits(env: Pick<Config, 'SUBMISSIONS_PER_CLIENT_HOUR' | 'LOOKUPS_PER_CLIENT_MINUTE'> = config()) {
  return {
    submissions: { limit: env.SUBMISSIONS_PER_CLIENT_HOUR, windowSeconds: 60 * 60 },
    lookUps: { limit: env.LOOKUPS_PER_CLIENT_MINUTE, windowSeconds: 60 },
  };
}

/** `POST /applications`. */
export async function submitApplication(
  db: Db,
  body: SubmitApplicationBody,
  /** `client`: the address the request came from (absent for in-process callers, such as the demo seeder). */
  options: { now: Date; idempotencyKey?: string | undefined; client?: string | undefined },
): Promise<{ status: 201; body: SubmitResult }> {
  if (options.client !== undefined) {
    const allowed = await take(db, { subject: `submit:${options.client}`, ...publicRequestLimits().submissions }, options.now);
    if (!allowed.taken) throw new TooManyRequestsError(allowed.retryAfter);
  }
  const agency = await getAgency(db, body.agencyId);
  if (!agency) throw new ValidationError([{ path: ['body', 'agencyId'], message: 'is not a known agency' }]);
  if (!agency.acceptsOnlineApplications) {
    throw new ValidationError([{ path: ['body', 'agencyId'], message: 'does not accept applications online: apply in person or by mail' }]);
  }
  const calendar = await loadCalendar(db, agency.calendarRegion);
  const submittedAt = options.now.toISOString();
  const submittedOn = beijingDate(options.now);
  const events: CaseEvent[] = [
    {
      seq: 1,
      type: 'submit',
      channel: 'online',
      submittedAt,
      applicantColumn: applicantColumn(body.applicant),
      actor: APPLICANT,
      recordedAt: submittedAt,
      effectiveDate: submittedOn,
    },
  ];
  if (agency.autoConfirmOnline) {
    events.push({
      seq: 2,
      type: 'confirm_receipt',
      receivedDate: calendar.firstWorkingDayOnOrAfter(submittedOn).date,
      actor: SYSTEM,
      recordedAt: submittedAt,
      effectiveDate: submittedOn,
    });
  }
  const result = await createNewCase(db, {
    agency,
    agencyId: agency.id,
    application: body,
    events,
    calendar,
    now: options.now,
    idempotency: { key: options.idempotencyKey, keyOwner: 'public', contentOwner: 'public', request: body },
    respond: ({ id, state }) => ({
      id,
      status: state.status,
      submittedAt: state.submittedAt ?? submittedAt,
      ...(state.receivedDate ? { receivedDate: state.receivedDate } : {}),
      ...(state.dueDate ? { dueDate: state.dueDate, provisional: state.provisional } : {}),
      receiptRule: { ...RECEIPT_DATE_RULE },
    }),
  });
  return { status: 201, body: result };
}

export interface ApplicationView {
  id: string;
  agencyId: string;
  status: CaseState['status'];
  submittedAt?: string;
  receivedDate?: string;
  dueDate?: string;
  originalDueDate?: string;
  provisional: boolean;
  provisionalReason?: string;
  extended: boolean;
  paused: boolean;
  pausedSince?: string;
  workingDaysLeft?: number;
  outcome?: CaseState['outcome'];
  closedDate?: string;
  deadline?: CaseState['explanation'];
  timeline: PublicTimelineEntry[];
  /** The documents addressed to the applicant, when they chose electronic delivery (download each with the code). */
  documents?: DocumentSummary[];
}

/**
 * Policy (docs/architecture.md: the query code is the applicant's only key; issue 13 item 9). Only failures count, and
 * the right code always opens the application:
 * - per client (the address as the edge reports it): at most `perClient.limit` failed look-ups per window.
 *   Each look-up first takes a unit atomically (a conditional ADD) and gives it back when the code was
 *   right, so N concurrent guesses from one client are evaluated at most `limit` times, exactly; past it
 *   the client gets 429 without its code being looked at.
 * - per application: every failure is counted atomically (ADD); past `perApplication.limit` a wrong code
 *   answers 429 instead of 404 — the application is under attack, from addresses that each stay under
 *   their own limit — but the right code still opens it, so strangers cannot lock the rightful applicant
 *   out. Guessing stays hopeless: a 120-bit code against a few dozen guesses per address and window.
 */
export const QUERY_CODE_LIMITS = {
  perClient: { limit: 30, windowSeconds: 15 * 60 },
  perApplication: { limit: 10, windowSeconds: 60 * 60 },
} as const;

/**
 * `GET /applications/{id}` with the query code: the applicant's view. A wrong id and a wrong code give
 * the same NotFoundError; the code is compared in constant time against its stored hash; look-ups and
 * failures are limited as QUERY_CODE_LIMITS and publicRequestLimits() say (429 with Retry-After).
 */
/**
 * The case of an application number and its query code under the look-up limits (shared/store/rate-limit.ts):
 * a failure keeps the client's unit taken and counts one more against the application; a wrong id and a
 * wrong code give the same 404.
 */
async function applicationForCode(db: Db, id: string, presentedCode: string | undefined, options: { clientIp: string; now: Date }): Promise<CaseRecord> {
  const wellFormed = isCaseId(id);
  const lookUps: RateLimit = { subject: `lookup:${options.clientIp}`, ...publicRequestLimits().lookUps };
  const failures: RateLimit = { subject: `client:${options.clientIp}`, ...QUERY_CODE_LIMITS.perClient };
  const lookUp = await take(db, lookUps, options.now);
  if (!lookUp.taken) throw new TooManyRequestsError(lookUp.retryAfter);
  const [reserved, record] = await Promise.all([take(db, failures, options.now), wellFormed ? getCase(db, id) : undefined]);
  if (!reserved.taken) throw new TooManyRequestsError(reserved.retryAfter);
  if (!record || !record.queryCodeHash || !presentedCode || !queryCodeMatches(presentedCode, record.queryCodeHash)) {
    // A failure: the client's unit stays taken, and the application counts one more.
    if (wellFormed) {
      const counted = await countOne(db, { subject: `app:${id}`, ...QUERY_CODE_LIMITS.perApplication }, options.now);
      if (counted.count > QUERY_CODE_LIMITS.perApplication.limit) throw new TooManyRequestsError(counted.retryAfter);
    }
    throw new NotFoundError('No application matches this number and query code.');
  }
  await giveBack(db, failures, reserved.windowStart);
  return record;
}

/**
 * `GET /applications/{id}/documents/{documentId}`: a document addressed to the applicant, for one who
 * chose electronic delivery, with the application number and the query code (the same limits as the view).
 */
export async function getApplicationDocument(
  db: Db,
  id: string,
  documentId: string,
  presentedCode: string | undefined,
  options: { clientIp: string; now: Date; format: FileFormat; language: 'zh' | 'en' },
): Promise<DocumentFile> {
  const record = await applicationForCode(db, id, presentedCode, options);
  return applicantDocumentFile(db, record, documentId, options.format, options.language);
}

export async function getApplicationView(
  db: Db,
  id: string,
  presentedCode: string | undefined,
  options: { clientIp: string; now: Date; locale?: Locale },
): Promise<ApplicationView> {
  const locale = options.locale ?? 'zh';
  const record = await applicationForCode(db, id, presentedCode, options);
  const [events, documents] = await Promise.all([listEvents(db, id), applicantDocuments(db, record)]);
  const s = record.state;
  return {
    ...(documents ? { documents } : {}),
    id: record.id,
    agencyId: record.agencyId,
    status: s.status,
    ...(s.submittedAt ? { submittedAt: s.submittedAt } : {}),
    ...(s.receivedDate ? { receivedDate: s.receivedDate } : {}),
    ...(s.dueDate ? { dueDate: s.dueDate } : {}),
    ...(s.originalDueDate ? { originalDueDate: s.originalDueDate } : {}),
    provisional: s.provisional,
    ...(s.provisionalReason ? { provisionalReason: translate(locale, s.provisionalReason) } : {}),
    extended: s.extended,
    paused: s.paused,
    ...(s.pausedSince ? { pausedSince: s.pausedSince } : {}),
    ...(s.workingDaysLeft !== undefined ? { workingDaysLeft: s.workingDaysLeft } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.closedDate ? { closedDate: s.closedDate } : {}),
    ...(s.explanation ? { deadline: localizeExplanation(s.explanation, locale) } : {}),
    timeline: publicTimeline(events, locale),
  };
}
