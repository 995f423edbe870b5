/**
 * The citizen's path: submit an application online, then follow it with the query code.
 *
 * Receipt (DOMAIN.md §3, Art. 31 of the 2019 Regulation): an online submission is *submitted* at once
 * but *received* only when confirmed. Policy `autoConfirmOnline` (per agency, default on): the system
 * confirms at submission and the receipt date is the first working day on or after the submission's
 * Beijing date; with it off an officer confirms later and names the date.
 */
import { beijingDate } from '../calendar/civil-date.js';
import type { CaseState } from '../domain/case-state.js';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../domain/errors.js';
import type { Actor, CaseEvent, ApplicantColumn } from '../domain/types.js';
import type { SubmitApplicationBody } from '../http/schemas.js';
import { getAgency } from '../store/agencies.js';
import { loadCalendar } from '../store/calendar.js';
import type { Db } from '../store/client.js';
import { getCase, listEvents } from '../store/cases.js';
import { countFailure, exhaustedFor, type RateLimit } from '../store/rate-limit.js';
import { isCaseId, queryCodeMatches } from './identifiers.js';
import { openCase } from './open-case.js';
import { publicTimeline, type PublicTimelineEntry } from './public-view.js';

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
}

export function applicantColumn(applicant: SubmitApplicationBody['applicant']): ApplicantColumn {
  return applicant.type === 'natural_person' ? 'natural_person' : (applicant.organizationType ?? 'other');
}

/** `POST /applications`. */
export async function submitApplication(
  db: Db,
  body: SubmitApplicationBody,
  options: { now: Date; idempotencyKey?: string | undefined },
): Promise<{ status: 201; body: SubmitResult }> {
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
  const result = await openCase(db, {
    agencyId: agency.id,
    application: body,
    events,
    calendar,
    now: options.now,
    idempotency: options.idempotencyKey ? { scope: 'public', key: options.idempotencyKey, request: body } : undefined,
    respond: ({ id, state }) => ({
      id,
      status: state.status,
      submittedAt: state.submittedAt ?? submittedAt,
      ...(state.receivedDate ? { receivedDate: state.receivedDate } : {}),
      ...(state.dueDate ? { dueDate: state.dueDate, provisional: state.provisional } : {}),
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
  outcome?: string;
  closedDate?: string;
  deadline?: CaseState['explanation'];
  timeline: PublicTimelineEntry[];
}

/**
 * Policy (DESIGN.md: the query code is the applicant's only key): failed look-ups are limited per client
 * address and per application, in fixed windows, so guessing a 120-bit code is hopeless and a flood from
 * one address stops quickly. A locked application answers 429 to everyone until its window ends (an hour
 * at most), the price of stopping a guesser who spreads over many addresses.
 */
export const QUERY_CODE_LIMITS = {
  perClient: { limit: 30, windowSeconds: 15 * 60 },
  perApplication: { limit: 10, windowSeconds: 60 * 60 },
} as const;

/**
 * `GET /applications/{id}` with the query code: the applicant's view. A wrong id and a wrong code give
 * the same NotFoundError; the code is compared in constant time against its stored hash; failures count
 * against the client and the application (QUERY_CODE_LIMITS) and past the limit the answer is 429.
 */
export async function getApplicationView(
  db: Db,
  id: string,
  presentedCode: string | undefined,
  options: { clientIp: string; now: Date },
): Promise<ApplicationView> {
  const wellFormed = isCaseId(id);
  const rules: RateLimit[] = [
    { subject: `client:${options.clientIp}`, ...QUERY_CODE_LIMITS.perClient },
    ...(wellFormed ? [{ subject: `app:${id}`, ...QUERY_CODE_LIMITS.perApplication }] : []),
  ];
  const [wait, record] = await Promise.all([exhaustedFor(db, rules, options.now), wellFormed ? getCase(db, id) : undefined]);
  if (wait > 0) throw new TooManyRequestsError(wait);
  if (!record || !record.queryCodeHash || !presentedCode || !queryCodeMatches(presentedCode, record.queryCodeHash)) {
    await countFailure(db, rules, options.now);
    throw new NotFoundError('No application matches this number and query code.');
  }
  const events = await listEvents(db, id);
  const s = record.state;
  return {
    id: record.id,
    agencyId: record.agencyId,
    status: s.status,
    ...(s.submittedAt ? { submittedAt: s.submittedAt } : {}),
    ...(s.receivedDate ? { receivedDate: s.receivedDate } : {}),
    ...(s.dueDate ? { dueDate: s.dueDate } : {}),
    ...(s.originalDueDate ? { originalDueDate: s.originalDueDate } : {}),
    provisional: s.provisional,
    ...(s.provisionalReason ? { provisionalReason: s.provisionalReason } : {}),
    extended: s.extended,
    paused: s.paused,
    ...(s.pausedSince ? { pausedSince: s.pausedSince } : {}),
    ...(s.workingDaysLeft !== undefined ? { workingDaysLeft: s.workingDaysLeft } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.closedDate ? { closedDate: s.closedDate } : {}),
    ...(s.explanation ? { deadline: s.explanation } : {}),
    timeline: publicTimeline(events),
  };
}
