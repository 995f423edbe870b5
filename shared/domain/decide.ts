/**
 * decide: checks an officer's action against the case and the law (docs/domain.md §5) and returns the
 * event to append (the store gives it its seq), or refuses it with an IllegalActionError naming a rule of
 * the rules catalogue (shared/domain/rules.ts: rule id → article → message in zh and en).
 */
import { addDays, beijingDate, isCivilDate } from '../calendar/civil-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseState } from './case-state.js';
import { assertNever, isClosed, openConsultation } from './evolve.js';
import { isOutcomeCode, OUTCOME_CODES } from './outcome-codes.js';
import { FEE_METHODS, type FeeMethod, perItemFee, perVolumeFee } from './fees.js';
import { FEES_FROM, RECEIPT_CONFIRMATION_MAX_WORKING_DAYS, RECONSIDERATION_DECISION_DAYS } from './policies.js';
import { REGIMES, regimeFor } from './regime.js';
import { refuse } from './rules.js';
import type { Actor, AppealResult, CaseEventPayload, CivilDate, Instant } from './types.js';

/** An officer's action (docs/architecture.md `POST /cases/{id}/actions`): an event payload plus its effective date. */
export type CaseActionPayload =
  | Exclude<CaseEventPayload, { type: 'submit' | 'register' | 'deadline_flag' | 'receipt_flag' | 'consultation_lapsed' | 'anonymise' | 'fee_notice' | 'reissue_document' | 'record_delivery' }>
  | FeeNoticeAction;

/**
 * The fee notice as the officer gives it (docs/domain.md "Fees"): the method and its units; the amount and
 * its breakdown are computed (shared/domain/fees.ts), the per-item count of the applicant's earlier
 * applications in the month coming from the cases themselves (DecideContext.feePriorItems).
 */
export interface FeeNoticeAction {
  type: 'fee_notice';
  method: FeeMethod;
  /** Per item: this application's items (一事一申请, 109号 Art. 4); default 1. */
  items?: number;
  /** Per volume: the pages to provide (109号 Art. 5). */
  pages?: number;
  howToPay: string;
  noticeReceivedOn?: CivilDate;
}
export type CaseAction = CaseActionPayload & {
  /** The date it takes effect (Beijing); defaults to today. */
  date?: CivilDate;
};

/** An event before the store numbers it (`Omit<CaseEvent, 'seq'>`, kept a union of the payloads). */
export type NewCaseEvent = CaseEventPayload & { actor: Actor; recordedAt: Instant; effectiveDate: CivilDate };

export interface DecideContext {
  actor: Actor;
  now: Instant;
  /** Today in Beijing (beijingDate(now)). */
  today: CivilDate;
  calendar: WorkingCalendar;
  /**
   * For a per-item fee notice: the same applicant's items at this agency earlier in the natural month of this
   * case's receipt (policy P14), read from the cases by the service. Absent: a per-item notice is refused.
   */
  feePriorItems?: number;
}

const ART_31 = '2019 Regulation (国务院令第711号) Art. 31';
const APPEALS_BASIS =
  '2019 Regulation (国务院令第711号) Art. 51 (2008 Regulation Art. 33): complaints (举报投诉), administrative reconsideration (行政复议) and lawsuits (行政诉讼) challenge what the agency did';

function nonEmptyText(value: unknown, max = 2000): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

function checkResult(result: unknown, what: 'reconsideration' | 'lawsuit' | 'complaint'): AppealResult {
  if (result !== 'upheld' && result !== 'corrected' && result !== 'other') refuse(`${what}.result_invalid`);
  return result;
}

/** The actions that record an appeal or complaint and its decision (Art. 51), decided by decideAppeal. */
const APPEAL_ACTION_TYPES = [
  'file_reconsideration',
  'decide_reconsideration',
  'file_lawsuit',
  'decide_lawsuit',
  'file_complaint',
  'decide_complaint',
] as const satisfies readonly CaseAction['type'][];
type AppealActionType = (typeof APPEAL_ACTION_TYPES)[number];

function isAppealAction(type: CaseAction['type']): type is AppealActionType {
  return (APPEAL_ACTION_TYPES as readonly string[]).includes(type);
}

function decideReceipt(state: CaseState, action: Extract<CaseAction, { type: 'confirm_receipt' }>, ctx: DecideContext, base: Base): NewCaseEvent {
  if (state.receivedDate !== undefined) refuse('receipt.already_received', { receivedDate: state.receivedDate, art: ART_31 });
  if (isClosed(state.status)) refuse('case.already_closed', { status: state.status, closedDate: state.closedDate ?? '' });
  const receivedDate = action.receivedDate;
  if (!isCivilDate(receivedDate)) refuse('receipt.date_invalid');
  const submittedOn = state.submittedAt === undefined ? undefined : beijingDate(state.submittedAt);
  if (submittedOn !== undefined && receivedDate < submittedOn) {
    refuse('receipt.before_submission', { receivedDate, submittedOn, art: ART_31 });
  }
  const latest = ctx.calendar.firstWorkingDayOnOrAfter(ctx.today).date;
  if (receivedDate > latest) refuse('receipt.in_future', { receivedDate, latest, art: ART_31 });
  regimeFor(receivedDate);
  const lateReason = checkReceiptGap(submittedOn, receivedDate, action.lateReason, ctx.calendar);
  return { ...base, type: 'confirm_receipt', receivedDate, ...(lateReason === undefined ? {} : { lateReason }) };
}

/**
 * Policy P4 (docs/domain.md "Policies"; Art. 31(3), Guiding Case No. 26): an online submission's receipt date
 * at most RECEIPT_CONFIRMATION_MAX_WORKING_DAYS working days after the submission day; a later one needs a
 * stated reason (then flagged). Returns the reason to record, if one is needed.
 */
export function checkReceiptGap(
  submittedOn: CivilDate | undefined,
  receivedDate: CivilDate,
  reason: unknown,
  calendar: WorkingCalendar,
): string | undefined {
  if (submittedOn === undefined) return undefined;
  // Counted from the first working day on or after the submission day (a weekend or holiday submission
  // is received on the next working day, policies.ts RECEIPT_DATE_RULE).
  const firstWorkingDay = calendar.firstWorkingDayOnOrAfter(submittedOn).date;
  if (receivedDate <= firstWorkingDay) return undefined;
  const gap = calendar.workingDaysBetween(firstWorkingDay, receivedDate).days;
  if (gap <= RECEIPT_CONFIRMATION_MAX_WORKING_DAYS) return undefined;
  if (!nonEmptyText(reason, 1000)) {
    refuse('receipt.confirmation_too_late', { receivedDate, submittedOn, gap, max: RECEIPT_CONFIRMATION_MAX_WORKING_DAYS });
  }
  return reason;
}

/**
 * Policy P15 (docs/domain.md "Policies"; Art. 31(2)): a plain letter (平常信函) is received on the day the
 * disclosure office confirms it with the applicant, which it must try on the day the letter arrives; a
 * confirmation on a later day needs a stated reason (then flagged). Returns the reason to record, if needed.
 */
export function checkPlainLetterConfirmation(arrivedOn: CivilDate, receivedDate: CivilDate, reason: unknown): string | undefined {
  if (receivedDate <= arrivedOn) return undefined;
  if (!nonEmptyText(reason, 1000)) refuse('receipt.plain_letter_confirmed_late', { arrivedOn, receivedDate });
  return reason;
}

/**
 * An appeal or complaint (docs/domain.md §5): on an open or closed case alike — suing over an application
 * left unanswered is allowed (法释〔2011〕17号 Art. 1(1)) — dated independently of the case's other actions:
 * not before receipt (or, unconfirmed, the submission) and not in the future (checked by the caller).
 */
function decideAppeal(state: CaseState, action: Extract<CaseAction, { type: AppealActionType }>, date: CivilDate, base: Base): NewCaseEvent {
  const floor = state.receivedDate ?? (state.submittedAt === undefined ? undefined : beijingDate(state.submittedAt));
  const kind = action.type.replace(/^(file|decide)_/, '') as 'reconsideration' | 'lawsuit' | 'complaint';
  if (floor !== undefined && date < floor) refuse('appeal.date_invalid', { kind, date, receivedDate: floor });
  switch (action.type) {
    case 'file_reconsideration':
      return { ...base, type: 'file_reconsideration' };
    case 'file_complaint':
      return { ...base, type: 'file_complaint' };
    case 'file_lawsuit': {
      if (typeof action.afterReconsideration !== 'boolean') refuse('lawsuit.after_reconsideration_required');
      if (action.afterReconsideration) {
        // 行政诉讼法 Art. 45: after the reconsideration decision, or once its period has run out (policy P6).
        const ripe = state.appeals.some(
          (a) =>
            a.kind === 'reconsideration' &&
            a.filedDate <= date &&
            ((a.decidedDate !== undefined && a.decidedDate <= date) ||
              (a.decidedDate === undefined && addDays(a.filedDate, RECONSIDERATION_DECISION_DAYS) < date)),
        );
        if (!ripe) refuse('lawsuit.reconsideration_not_decided', { days: RECONSIDERATION_DECISION_DAYS });
      }
      return { ...base, type: 'file_lawsuit', afterReconsideration: action.afterReconsideration };
    }
    case 'decide_reconsideration':
    case 'decide_lawsuit': {
      const which = action.type === 'decide_reconsideration' ? 'reconsideration' : 'lawsuit';
      const pending = state.appeals.find((a) => a.kind === which && a.result === undefined);
      if (pending === undefined) refuse(`${which}.none_pending`, { citation: APPEALS_BASIS });
      const result = checkResult(action.result, which);
      if (date < pending.filedDate) refuse('appeal.decision_before_filing', { kind: which, date, filedDate: pending.filedDate });
      return { ...base, type: action.type, result };
    }
    case 'decide_complaint': {
      const pending = state.complaints.find((c) => c.result === undefined);
      if (pending === undefined) refuse('complaint.none_pending', { citation: APPEALS_BASIS });
      const result = checkResult(action.result, 'complaint');
      if (date < pending.filedDate) refuse('appeal.decision_before_filing', { kind, date, filedDate: pending.filedDate });
      return { ...base, type: 'decide_complaint', result };
    }
    default:
      return assertNever(action, 'appeal action type');
  }
}

type Base = Pick<NewCaseEvent, 'actor' | 'recordedAt' | 'effectiveDate'>;

/** The actions that wait while a fee is awaited (policy P13); withdrawing and extending do not. */
const FEE_BLOCKED: ReadonlySet<CaseAction['type']> = new Set<CaseAction['type']>(['request_correction', 'start_consultation', 'reply', 'fee_notice']);

/**
 * The fee notice (2019 Regulation Art. 42; 国办函〔2020〕109号 Art. 3–5; docs/domain.md "Fees"): 2019 regime,
 * once, with the clock running (not during a consultation or while a correction is awaited), within the
 * reply period; one method; a positive amount; how to pay.
 */
function decideFeeNotice(state: CaseState, action: FeeNoticeAction, ctx: DecideContext, date: CivilDate, base: Base): NewCaseEvent {
  if (state.regime !== '2019') refuse('fee.not_in_2008_regime', { receivedDate: state.receivedDate ?? '' });
  if (date < FEES_FROM) refuse('fee.before_measures', { date, issued: FEES_FROM });
  if (state.fee !== undefined) refuse('fee.only_once', { noticeDate: state.fee.noticeDate, citation: '国办函〔2020〕109号 Art. 3' });
  if (state.status !== 'received') refuse('fee.case_not_ready', { status: state.status });
  if (state.dueDate !== undefined && date > state.dueDate) refuse('fee.after_reply_deadline', { dueDate: state.dueDate });
  const method: unknown = action.method;
  if (!(FEE_METHODS as readonly unknown[]).includes(method)) refuse('fee.method_invalid', { citation: '国办函〔2020〕109号 Art. 3' });
  const items = action.items;
  const pages = action.pages;
  let computation;
  if (method === 'per_item') {
    const count = items ?? 1;
    if (pages !== undefined || !Number.isInteger(count) || count < 1 || count > 1000) refuse('fee.method_invalid', { citation: '国办函〔2020〕109号 Art. 3, 4' });
    if (ctx.feePriorItems === undefined || !Number.isInteger(ctx.feePriorItems) || ctx.feePriorItems < 0) refuse('fee.prior_items_unknown');
    computation = perItemFee(ctx.feePriorItems, count);
  } else {
    if (items !== undefined || pages === undefined || !Number.isInteger(pages) || pages < 1 || pages > 1_000_000) {
      refuse('fee.method_invalid', { citation: '国办函〔2020〕109号 Art. 3, 5' });
    }
    computation = perVolumeFee(pages);
  }
  if (computation.amountFen === 0) {
    refuse('fee.nothing_due', { method: method === 'per_item' ? '件' : '量', priorUnits: computation.priorUnits, units: computation.units });
  }
  if (!nonEmptyText(action.howToPay, 1000)) refuse('fee.how_to_pay_required');
  const received = action.noticeReceivedOn;
  if (received !== undefined && (!isCivilDate(received) || received < date || received > ctx.today)) {
    refuse('fee.notice_received_invalid', { noticeReceivedOn: String(received), date });
  }
  return {
    ...base,
    type: 'fee_notice',
    method: computation.method,
    units: computation.units,
    priorUnits: computation.priorUnits,
    breakdown: computation.breakdown,
    amountFen: computation.amountFen,
    howToPay: action.howToPay,
    ...(received === undefined ? {} : { noticeReceivedOn: received }),
  };
}

/**
 * Checks an officer's action against the case and the law, and returns the event to append. Throws
 * IllegalActionError naming the rule (shared/domain/rules.ts) for every refused action.
 */
export function decide(state: CaseState, action: CaseAction, ctx: DecideContext): NewCaseEvent {
  const date = action.date ?? ctx.today;
  if (!isCivilDate(date)) refuse('action.date_invalid', { date: JSON.stringify(date) });
  if (date > ctx.today) refuse('action.date_in_future', { date, today: ctx.today });
  const base: Base = { actor: ctx.actor, recordedAt: ctx.now, effectiveDate: date };
  // Appeals and complaints: their dates are independent of the case's other events.
  if (isAppealAction(action.type)) return decideAppeal(state, action as Extract<CaseAction, { type: AppealActionType }>, date, base);
  return decideOnCase(state, action as Exclude<CaseAction, { type: AppealActionType }>, ctx, date, base);
}

/** Every action but an appeal or complaint: after the case's last action, and only while it is open. */
function decideOnCase(
  state: CaseState,
  action: Exclude<CaseAction, { type: AppealActionType }>,
  ctx: DecideContext,
  date: CivilDate,
  base: Base,
): NewCaseEvent {
  if (state.lastEffectiveDate !== undefined && date < state.lastEffectiveDate) {
    refuse('action.date_before_last_action', { date, last: state.lastEffectiveDate });
  }
  const closed = isClosed(state.status);
  const rules = state.regime === null ? null : REGIMES[state.regime];

  if (action.type === 'confirm_receipt') return decideReceipt(state, action, ctx, base);

  if (state.status === 'submitted' && action.type !== 'withdraw') {
    refuse('case.not_received', { action: action.type, art: ART_31 });
  }
  if (state.receivedDate !== undefined && date < state.receivedDate) {
    refuse('action.before_receipt_date', { date, receivedDate: state.receivedDate, art: ART_31 });
  }

  if (closed) refuse('case.already_closed', { status: state.status, closedDate: state.closedDate ?? '' });

  // Policy P13: while a fee is awaited the application is not processed further (the clock is paused).
  if (state.fee?.status === 'notified' && FEE_BLOCKED.has(action.type)) {
    refuse('fee.pending_blocks', { action: action.type, paymentDueDate: state.fee.paymentDueDate ?? '' });
  }

  switch (action.type) {
    case 'request_correction': {
      if (rules === null || rules.correction === null) {
        refuse('correction.not_in_2008_regime', { receivedDate: state.receivedDate ?? '' });
      }
      if (state.correction !== undefined) {
        refuse('correction.only_once', { citation: rules.correction.citation, requestedOn: state.correction.requestedOn });
      }
      if (state.status === 'consulting') refuse('correction.during_consultation');
      // Policy P3: after the reply deadline a correction notice cannot restart the clock (Art. 30).
      if (state.dueDate !== undefined && date > state.dueDate && state.receivedDate !== undefined) {
        refuse('correction.after_reply_deadline', {
          dueDate: state.dueDate,
          noticeDeadline: ctx.calendar.nthWorkingDayAfter(state.receivedDate, rules.correction.noticeWithinWorkingDays).date,
        });
      }
      if (!Array.isArray(action.items) || action.items.length === 0 || !action.items.every((item) => nonEmptyText(item))) {
        refuse('correction.items_required', { citation: rules.correction.citation });
      }
      if (!isCivilDate(action.correctionDueDate) || action.correctionDueDate <= date) {
        refuse('correction.due_date', { date, citation: rules.correction.citation });
      }
      return { ...base, type: 'request_correction', items: action.items.slice(), correctionDueDate: action.correctionDueDate };
    }

    case 'receive_correction':
    case 'close_no_correction': {
      const pending = state.correction !== undefined && state.correction.receivedOn === undefined ? state.correction : undefined;
      if (pending === undefined) refuse('correction.none_pending', { action: action.type });
      if (action.type === 'receive_correction') return { ...base, type: 'receive_correction' };
      if (date <= pending.correctionDueDate) refuse('correction.not_yet_due', { correctionDueDate: pending.correctionDueDate });
      return { ...base, type: 'close_no_correction' };
    }

    case 'start_consultation': {
      if (state.status === 'consulting') refuse('consultation.already_open', { start: openConsultation(state)?.start ?? '' });
      if (state.status === 'awaiting_correction') refuse('consultation.awaiting_correction');
      if (action.party !== 'third_party' && action.party !== 'other_agency') refuse('consultation.party_invalid');
      if (rules !== null && rules.excludedConsultations[action.party] === null) refuse('consultation.other_agency_2008');
      if (!nonEmptyText(action.name, 200)) refuse('consultation.name_required');
      const letter = action.letterReceivedOn;
      if (letter !== undefined && (!isCivilDate(letter) || letter < date || letter > ctx.today)) {
        refuse('consultation.letter_received_invalid', { letterReceivedOn: String(letter), date });
      }
      return {
        ...base,
        type: 'start_consultation',
        party: action.party,
        name: action.name,
        ...(letter === undefined ? {} : { letterReceivedOn: letter }),
      };
    }

    case 'end_consultation': {
      if (state.status !== 'consulting' || openConsultation(state) === undefined) refuse('consultation.none_open');
      if (action.result !== 'agreed' && action.result !== 'objected' && action.result !== 'no_reply') refuse('consultation.result_invalid');
      return { ...base, type: 'end_consultation', result: action.result };
    }

    case 'extend': {
      const r = rules ?? REGIMES['2019'];
      if (ctx.actor.role !== 'supervisor') refuse('extension.supervisor_only', { citation: r.extensionCitation });
      // Art. 33: the head of the disclosure office of the case's own agency, not of a parent or another one.
      if (ctx.actor.agencyId !== state.agencyId) {
        refuse('extension.other_agency', {
          caseAgency: state.agencyId,
          approverAgency: ctx.actor.agencyId ?? '(none)',
          citation: r.extensionCitation,
        });
      }
      if (state.extension !== undefined) {
        refuse('extension.only_once', { approvedOn: state.extension.approvedOn, citation: r.extensionCitation });
      }
      if (state.status === 'awaiting_correction') refuse('extension.no_running_clock');
      if (!Number.isInteger(action.days) || action.days < 1 || action.days > r.maxExtensionDays) {
        refuse('extension.days_range', { max: r.maxExtensionDays, citation: r.extensionCitation });
      }
      if (state.dueDate !== undefined && date > state.dueDate) {
        refuse('extension.after_deadline', { dueDate: state.dueDate, citation: r.extensionCitation });
      }
      if (!nonEmptyText(action.reason)) refuse('extension.reason_required', { citation: r.extensionCitation });
      const noticeDate = action.noticeDate;
      if (
        noticeDate !== undefined &&
        (!isCivilDate(noticeDate) || noticeDate < date || noticeDate > ctx.today || (state.dueDate !== undefined && noticeDate > state.dueDate))
      ) {
        refuse('extension.notice_date', { noticeDate: String(noticeDate), date, dueDate: state.dueDate ?? '' });
      }
      return { ...base, type: 'extend', days: action.days, reason: action.reason, ...(noticeDate === undefined ? {} : { noticeDate }) };
    }

    case 'reply': {
      if (state.status === 'awaiting_correction') refuse('reply.awaiting_correction');
      if (state.status === 'consulting') refuse('reply.consultation_open');
      const outcome: unknown = action.outcome;
      if (typeof outcome !== 'string' || !isOutcomeCode(outcome)) refuse('reply.unknown_outcome', { outcome: JSON.stringify(outcome) });
      const regime = state.regime ?? '2019';
      const allowed: readonly string[] = OUTCOME_CODES[outcome].regimes;
      if (!allowed.includes(regime)) {
        refuse('reply.outcome_not_in_regime', {
          outcome,
          label: OUTCOME_CODES[outcome].label,
          basis: OUTCOME_CODES[outcome].basis,
          regulation: REGIMES[regime].regulation,
          receivedDate: state.receivedDate ?? '',
        });
      }
      if (outcome === 'other.no_correction') refuse('reply.use_close_no_correction');
      // With a fee notice on record, an unpaid fee closes with close_fee_unpaid after the payment period; a reply
      // coded other.fee_unpaid remains for a fee handled outside the system (no notice recorded here).
      if (outcome === 'other.fee_unpaid' && state.fee !== undefined) refuse('reply.use_close_fee_unpaid');
      // Art. 32: having decided to disclose in the public interest, the agency discloses.
      if (state.publicInterest !== undefined && outcome !== 'disclosed' && outcome !== 'partially_disclosed') {
        refuse('reply.public_interest_decided', { decidedOn: state.publicInterest.decidedOn, outcome });
      }
      if (outcome === 'unavailable.still_unclear' && state.correction?.receivedOn === undefined) {
        refuse('reply.still_unclear_needs_correction');
      }
      const event: NewCaseEvent = { ...base, type: 'reply', outcome };
      if (action.deliveryMethod !== undefined) event.deliveryMethod = action.deliveryMethod;
      if (action.replyNumber !== undefined) event.replyNumber = action.replyNumber;
      return event;
    }

    case 'withdraw':
      return { ...base, type: 'withdraw' };

    case 'fee_notice':
      return decideFeeNotice(state, action, ctx, date, base);

    case 'public_interest_disclosure': {
      // Art. 32 (2008 Art. 23): the decision of the agency, by the head of its disclosure office (policy P16).
      if (ctx.actor.role !== 'supervisor' || ctx.actor.agencyId !== state.agencyId) refuse('public_interest.supervisor_only', { caseAgency: state.agencyId });
      if (state.publicInterest !== undefined) refuse('public_interest.already_decided', { decidedOn: state.publicInterest.decidedOn });
      if (state.status !== 'received') refuse('public_interest.no_objection');
      const thirdParty = state.consultations.filter((c) => c.party === 'third_party').at(-1);
      if (thirdParty?.result !== 'objected') refuse('public_interest.no_objection');
      if (!nonEmptyText(action.information, 2000) || !nonEmptyText(action.reason, 2000)) refuse('public_interest.content_required');
      const notified = action.thirdPartyNotifiedOn;
      if (notified !== undefined && (!isCivilDate(notified) || notified < date || notified > ctx.today)) {
        refuse('public_interest.notice_date', { thirdPartyNotifiedOn: String(notified), date });
      }
      return {
        ...base,
        type: 'public_interest_disclosure',
        information: action.information,
        reason: action.reason,
        ...(notified === undefined ? {} : { thirdPartyNotifiedOn: notified }),
      };
    }

    case 'request_reasons': {
      if (state.art35 !== undefined) refuse('art35.already_asked', { requestedOn: state.art35.requestedOn });
      if (state.status !== 'received') refuse('art35.case_not_ready', { status: state.status });
      if (!nonEmptyText(action.question, 2000)) refuse('art35.question_required');
      if (!isCivilDate(action.reasonsDueDate) || action.reasonsDueDate <= date) refuse('art35.reasons_due_date', { date });
      return { ...base, type: 'request_reasons', question: action.question, reasonsDueDate: action.reasonsDueDate };
    }

    case 'reasonable_period': {
      // Art. 35, like an extension (Art. 33): decided by the head of the case's own agency's disclosure office (policy P16).
      if (ctx.actor.role !== 'supervisor' || ctx.actor.agencyId !== state.agencyId) refuse('art35.supervisor_only', { caseAgency: state.agencyId });
      if (state.art35 === undefined) refuse('art35.reasons_not_asked');
      if (state.art35.reasonablePeriod !== undefined) refuse('art35.period_already_set', { decidedOn: state.art35.reasonablePeriod.decidedOn });
      if (state.status !== 'received' || state.dueDate === undefined) refuse('art35.case_not_ready', { status: state.status });
      if (date > state.dueDate) refuse('art35.after_deadline', { dueDate: state.dueDate });
      if (!isCivilDate(action.until) || action.until <= state.dueDate) refuse('art35.until_after_deadline', { dueDate: state.dueDate });
      if (!nonEmptyText(action.reason, 2000)) refuse('art35.reason_required');
      const noticeDate = action.noticeDate;
      if (noticeDate !== undefined && (!isCivilDate(noticeDate) || noticeDate < date || noticeDate > ctx.today || noticeDate > state.dueDate)) {
        refuse('art35.notice_date', { noticeDate: String(noticeDate), date, dueDate: state.dueDate });
      }
      return { ...base, type: 'reasonable_period', until: action.until, reason: action.reason, ...(noticeDate === undefined ? {} : { noticeDate }) };
    }

    case 'fee_paid':
    case 'fee_waived':
    case 'close_fee_unpaid': {
      const fee = state.fee?.status === 'notified' ? state.fee : undefined;
      if (fee === undefined) refuse('fee.none_pending', { action: action.type });
      const paymentDueDate = fee.paymentDueDate ?? '';
      if (action.type === 'close_fee_unpaid') {
        if (date <= paymentDueDate) refuse('fee.payment_not_yet_due', { paymentDueDate });
        return { ...base, type: 'close_fee_unpaid' };
      }
      if (date > paymentDueDate) refuse('fee.payment_period_over', { paymentDueDate });
      if (action.type === 'fee_paid') return { ...base, type: 'fee_paid' };
      if (!nonEmptyText(action.reason, 1000)) refuse('fee.waiver_reason_required');
      return { ...base, type: 'fee_waived', reason: action.reason };
    }

    default:
      return assertNever(action, 'action type');
  }
}
