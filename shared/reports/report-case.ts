/**
 * The input of the year-end statistics: one record per case, holding only what the tables of
 * docs/domain.md §7 need and no personal data. The case state carries exactly these fields under the
 * same names, so the adapter from a stored case is a projection.
 *
 * The reports trust nothing they are given: `validateReportCase` rejects an inconsistent record (a closing
 * date before receipt, a reply without an outcome, an unknown code, ...) with `ReportInputError`, because a
 * record that cannot be classified would silently skew a figure an agency publishes by law.
 */
import { CHANNELS, ORGANIZATION_TYPES } from '../domain/types.js';
import type { AppealResult, ApplicantColumn, Channel, CivilDate } from '../domain/types.js';
import { isOutcomeCode } from '../domain/outcome-codes.js';
import type { OutcomeCode } from '../domain/outcome-codes.js';

/** How a case was closed (docs/domain.md §5): a reply with an outcome code, a withdrawal, or no correction in time. */
export type ClosingAction = 'reply' | 'withdraw' | 'close_no_correction' | 'close_fee_unpaid';

/**
 * The closing date against the deadlines (docs/domain.md §4 "Outcome timing"): on or before the original deadline,
 * after it but within the extended one, or after the final deadline.
 */
export type Timing = 'on_time' | 'extended' | 'overdue';

export interface ReportAppeal {
  kind: 'reconsideration' | 'lawsuit';
  /** Lawsuits only: filed after an administrative reconsideration (复议后起诉); absent or false = direct. */
  afterReconsideration?: boolean;
  filedDate: CivilDate;
  decidedDate?: CivilDate;
  result?: AppealResult;
}

export interface ReportComplaint {
  filedDate: CivilDate;
  decidedDate?: CivilDate;
  result?: AppealResult;
}

export interface ReportCase {
  id: string;
  agencyId: string;
  applicantColumn: ApplicantColumn;
  channel: Channel;
  /** The Beijing receipt date. Absent: never received (still `submitted`), the case counts nowhere. */
  receivedDate?: CivilDate;
  /** The Beijing date of the closing action; present exactly when `closingAction` is. */
  closedDate?: CivilDate;
  closingAction?: ClosingAction;
  /** The code of a reply (required when `closingAction` is `reply`). */
  outcome?: OutcomeCode;
  /** Needed by the cn-2008 table (按时办结 / 延期办结) for every case concluded in the year. */
  timing?: Timing;
  appeals: readonly ReportAppeal[];
  complaints: readonly ReportComplaint[];
}

/** A case record the statistics cannot count. Names the case id and the rule, never personal data. */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  constructor(
    readonly caseId: string,
    readonly problem: string,
  ) {
    super(`Case ${caseId} cannot be counted: ${problem}.`);
  }
}

const CIVIL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const APPLICANT_COLUMNS: ReadonlySet<string> = new Set<string>(['natural_person', ...ORGANIZATION_TYPES]);
const CHANNEL_SET: ReadonlySet<string> = new Set<string>(CHANNELS);
const TIMINGS: ReadonlySet<string> = new Set<Timing>(['on_time', 'extended', 'overdue']);
const RESULTS: ReadonlySet<string> = new Set<AppealResult>(['upheld', 'corrected', 'other']);
const CLOSING_ACTIONS: ReadonlySet<string> = new Set<ClosingAction>(['reply', 'withdraw', 'close_no_correction', 'close_fee_unpaid']);

function checkDate(c: ReportCase, field: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || !CIVIL_DATE.test(value)) {
    throw new ReportInputError(String(c.id), `${field} must be a civil date YYYY-MM-DD`);
  }
}

/** A decision needs its result and its date, and cannot precede the filing. */
function checkDecision(c: ReportCase, where: string, item: ReportComplaint): void {
  checkDate(c, `${where}.filedDate`, item.filedDate, true);
  checkDate(c, `${where}.decidedDate`, item.decidedDate, false);
  if ((item.decidedDate === undefined) !== (item.result === undefined)) {
    throw new ReportInputError(c.id, `${where} has a decision date without a result or a result without a date`);
  }
  if (item.result !== undefined && !RESULTS.has(item.result)) {
    throw new ReportInputError(c.id, `${where}.result is not upheld, corrected or other`);
  }
  if (item.decidedDate !== undefined && item.decidedDate < item.filedDate) {
    throw new ReportInputError(c.id, `${where} is decided before it was filed`);
  }
}

/**
 * Throws `ReportInputError` unless the record is consistent: known channel, applicant column, closing action,
 * outcome code and timing; well-formed dates; a closing date exactly when there is a closing action, and not
 * before receipt; an outcome exactly for replies (`close_no_correction` may carry `other.no_correction`);
 * decisions with both a date and a result, not before their filing.
 */
/** Whether a value is an array, without narrowing a typed list to `any[]` as Array.isArray does. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

export function validateReportCase(c: ReportCase): void {
  if (typeof c.id !== 'string' || c.id === '') throw new ReportInputError(String(c.id), 'id must be a non-empty string');
  if (typeof c.agencyId !== 'string' || c.agencyId === '') throw new ReportInputError(c.id, 'agencyId must be a non-empty string');
  if (!APPLICANT_COLUMNS.has(c.applicantColumn)) throw new ReportInputError(c.id, 'applicantColumn is not a known applicant column');
  if (!CHANNEL_SET.has(c.channel)) throw new ReportInputError(c.id, 'channel is not a known channel');
  checkDate(c, 'receivedDate', c.receivedDate, false);
  checkDate(c, 'closedDate', c.closedDate, false);

  if ((c.closedDate === undefined) !== (c.closingAction === undefined)) {
    throw new ReportInputError(c.id, 'closedDate and closingAction go together');
  }
  if (c.closedDate !== undefined) {
    if (c.receivedDate === undefined) throw new ReportInputError(c.id, 'a case closed without ever being received');
    if (c.closedDate < c.receivedDate) throw new ReportInputError(c.id, 'closedDate is before receivedDate');
  }
  if (c.closingAction !== undefined && !CLOSING_ACTIONS.has(c.closingAction)) {
    throw new ReportInputError(c.id, 'closingAction is not reply, withdraw, close_no_correction or close_fee_unpaid');
  }
  if (c.outcome !== undefined && !isOutcomeCode(c.outcome)) throw new ReportInputError(c.id, 'outcome is not an outcome code of docs/domain.md §6');
  if (c.closingAction === 'reply' && c.outcome === undefined) throw new ReportInputError(c.id, 'a reply needs an outcome code');
  if (c.closingAction === 'withdraw' && c.outcome !== undefined) throw new ReportInputError(c.id, 'a withdrawal carries no outcome code');
  if (c.closingAction === 'close_no_correction' && c.outcome !== undefined && c.outcome !== 'other.no_correction') {
    throw new ReportInputError(c.id, 'close_no_correction can only carry other.no_correction');
  }
  if (c.closingAction === 'close_fee_unpaid' && c.outcome !== undefined && c.outcome !== 'other.fee_unpaid') {
    throw new ReportInputError(c.id, 'close_fee_unpaid can only carry other.fee_unpaid');
  }
  if (c.closingAction === undefined && c.outcome !== undefined) throw new ReportInputError(c.id, 'an open case carries no outcome code');
  if (c.timing !== undefined && !TIMINGS.has(c.timing)) throw new ReportInputError(c.id, 'timing is not on_time, extended or overdue');

  // Typed lists, but the input may come from anywhere (the store, a fixture): check before walking them.
  const { appeals, complaints }: Pick<ReportCase, 'appeals' | 'complaints'> = c;
  if (!isList(appeals) || !isList(complaints)) {
    throw new ReportInputError(c.id, 'appeals and complaints must be lists');
  }
  appeals.forEach((appeal, i) => {
    if (appeal.kind !== 'reconsideration' && appeal.kind !== 'lawsuit') {
      throw new ReportInputError(c.id, `appeals[${i}].kind is not reconsideration or lawsuit`);
    }
    if (appeal.kind === 'reconsideration' && appeal.afterReconsideration === true) {
      throw new ReportInputError(c.id, `appeals[${i}] is a reconsideration marked as filed after reconsideration`);
    }
    checkDecision(c, `appeals[${i}]`, appeal);
  });
  complaints.forEach((complaint, i) => checkDecision(c, `complaints[${i}]`, complaint));
}
