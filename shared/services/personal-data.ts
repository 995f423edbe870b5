/**
 * Applicants' personal data in the officers' routes (PIPL Art. 28: an identity number is sensitive
 * personal information; issue 13 items 6 and 7). Every view an officer works with — the case, the
 * worklist, the answers of POST /cases and of an action — shows the identity number, the phone and the
 * e-mail masked; the full values come from one route, `GET /cases/{id}/applicant`, and every read there
 * is recorded first (shared/store/audit.ts): who, when, which case, why if given. A supervisor queries
 * those records for the agencies of their subtree.
 */
import { addDays } from '../calendar/civil-date.js';
import { beijingDate } from '../calendar/civil-date.js';
import { ValidationError } from '../domain/errors.js';
import { ownAgency, type Caller } from '../caller.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';
import type { AuditReadsQuery } from '../http/schemas.js';
import { queryPersonalDataReads, recordPersonalDataRead, type PersonalDataRead } from '../store/audit.js';
import type { CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { auditPartition, AUDIT_READ_PREFIX } from '../store/keys.js';
import { actorOf, canSee, loadAgencyTreeWith } from './visibility.js';

type Applicant = CaseRecord['applicant'];

const MASK = '*';

/** An identity number as officers see it: the first 6 and the last 4 characters (shorter ones: the last 4). */
export function maskIdNumber(number: string): string {
  const chars = [...number];
  if (chars.length > 10) return chars.slice(0, 6).join('') + MASK.repeat(chars.length - 10) + chars.slice(-4).join('');
  if (chars.length > 4) return MASK.repeat(chars.length - 4) + chars.slice(-4).join('');
  return MASK.repeat(chars.length);
}

/** A phone number with its digits masked but the first 3 (of 11 or more) and the last 4: `138****0000`. */
export function maskPhone(phone: string): string {
  const digits = phone.replaceAll(/\D/g, '').length;
  const keepFirst = digits >= 11 ? 3 : 0;
  let seen = 0;
  return phone.replaceAll(/\d/g, (d) => {
    seen++;
    return seen <= keepFirst || seen > digits - 4 ? d : MASK;
  });
}

/** An e-mail address with its local part masked but the first character: `z*********@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return MASK.repeat(email.length);
  const local = [...email.slice(0, at)];
  return local[0] + MASK.repeat(local.length - 1) + email.slice(at);
}

/** The applicant as the officers' views show it. */
export function maskedApplicant(applicant: Applicant): Applicant {
  return {
    ...applicant,
    idDocument: { ...applicant.idDocument, number: maskIdNumber(applicant.idDocument.number) },
    ...(applicant.phone !== undefined ? { phone: maskPhone(applicant.phone) } : {}),
    ...(applicant.email !== undefined ? { email: maskEmail(applicant.email) } : {}),
  };
}

export interface ApplicantView {
  caseId: string;
  agencyId: string;
  applicant: Applicant;
  delivery: CaseRecord['delivery'];
}

/**
 * `GET /cases/{id}/applicant`: the applicant's full data for an officer or supervisor who may see the
 * case (visibility as for `GET /cases/{id}`: another tree's case is 404). The read is recorded before the
 * data is answered: if the record cannot be written, nothing is shown.
 */
export async function readApplicant(
  db: Db,
  caller: Caller,
  record: CaseRecord,
  options: { reason?: string | undefined; now: Date; requestId: string },
): Promise<ApplicantView> {
  const actor = actorOf(caller);
  await recordPersonalDataRead(db, {
    agencyId: record.agencyId,
    caseId: record.id,
    at: options.now.toISOString(),
    reader: { sub: actor.sub, name: actor.name, role: actor.role },
    ...(options.reason ? { reason: options.reason } : {}),
    requestId: options.requestId,
  });
  return { caseId: record.id, agencyId: record.agencyId, applicant: record.applicant, delivery: record.delivery };
}

/** The default window of the audit query: the last 30 days (Beijing dates, inclusive). */
const DEFAULT_DAYS = 30;
/** The dates a query may name (the calendar arithmetic covers years 0001–9999; reads happen in this era). */
const AUDIT_FIRST_DAY = '2000-01-01';
const AUDIT_LAST_DAY = '2999-12-31';
const AUDIT_CURSOR = 'is not a cursor this list gave out';

/** The first instant of a Beijing civil date (00:00 at UTC+8), ISO 8601 in UTC. */
function startOfBeijingDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/**
 * `GET /audit/personal-data-reads?agencyId=&from=&to=&cursor=&limit=` (supervisor): the reads of full
 * applicant data in an agency of the caller's subtree, newest first, between the Beijing dates `from` and
 * `to` (inclusive; default the last 30 days).
 */
export async function listPersonalDataReads(
  db: Db,
  caller: Caller,
  query: AuditReadsQuery,
  now: Date,
): Promise<{ agencyId: string; from: string; to: string; items: PersonalDataRead[]; cursor?: string }> {
  const agencyId = query.agencyId ?? ownAgency(caller);
  const tree = await loadAgencyTreeWith(db, agencyId);
  const problems = [];
  if (!canSee(caller, agencyId, tree)) problems.push({ path: ['query', 'agencyId'], message: 'is not a known agency' });
  const to = query.to ?? beijingDate(now);
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) problems.push({ path: ['query', 'from'], message: 'must not be after `to`' });
  for (const [name, date] of [['from', from], ['to', to]] as const) {
    if (date < AUDIT_FIRST_DAY || date > AUDIT_LAST_DAY) {
      problems.push({ path: ['query', name], message: `must be a date from ${AUDIT_FIRST_DAY} to ${AUDIT_LAST_DAY}` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const range = { from: startOfBeijingDay(from), to: startOfBeijingDay(addDays(to, 1)) };
  let startKey: Record<string, unknown> | undefined;
  if (query.cursor) {
    const key = decodeCursor(query.cursor, AUDIT_CURSOR);
    const sk = typeof key.SK === 'string' ? key.SK : '';
    const shaped = Object.keys(key).sort().join(',') === 'PK,SK' && key.PK === auditPartition(agencyId);
    if (!shaped || !sk.startsWith(AUDIT_READ_PREFIX) || sk < `${AUDIT_READ_PREFIX}${range.from}` || sk > `${AUDIT_READ_PREFIX}${range.to}`) {
      throw invalidCursor(AUDIT_CURSOR);
    }
    startKey = key;
  }
  const page = await queryPersonalDataReads(db, { agencyId, ...range, limit: query.limit, startKey });
  return { agencyId, from, to, items: page.items, ...(page.lastKey ? { cursor: encodeCursor(page.lastKey) } : {}) };
}
