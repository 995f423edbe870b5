/**
 * The case lifecycle (../shared/DOMAIN.md §5): the case as a reducer over its events, and `decide`, which
 * checks an officer's action against the state and the law and returns the event to append, or refuses
 * it with an IllegalActionError naming the rule and its legal source.
 *
 * `submitted` (online, not yet confirmed) → `received` (clock running) → optionally `awaiting_correction`
 * (2019 regime; clock stopped, then restarted from zero) and `consulting` (clock paused) → one closing
 * action: `replied` (with an outcome code), `withdrawn`, `abandoned` (no correction in time). After
 * closing: appeals (行政复议, 行政诉讼) and complaints (举报投诉), each filed and later decided.
 *
 * The reducer trusts the rules `decide` enforced when the event was appended; it only refuses a history
 * that cannot be a case's (an event out of sequence, a case opened twice) with a plain Error.
 */
import { beijingDate, isCivilDate } from '../calendar/civil-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseState, Consultation } from './case-state.js';
import type { ClockInput } from './clock.js';
import { classifyTiming, computeDeadline } from './clock.js';
import { IllegalActionError } from './errors.js';
import { explainDeadline } from './explanation.js';
import { isOutcomeCode, OUTCOME_CODES } from './outcome-codes.js';
import { REGIMES, regimeFor } from './regime.js';
import type { Actor, AppealResult, CaseEvent, CaseEventPayload, CaseStatus, CivilDate, Instant } from './types.js';
import { CLOSED_STATUSES } from './types.js';

/** An officer's action (DESIGN.md `POST /cases/{id}/actions`): an event payload plus its effective date. */
export type CaseActionPayload = Exclude<CaseEventPayload, { type: 'submit' | 'register' | 'deadline_flag' | 'anonymise' }>;
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
}

export interface CaseBase {
  id: string;
  agencyId: string;
}

// ---- The reducer ----------------------------------------------------------------------------------

function corrupt(state: CaseBase, message: string): Error {
  return new Error(`Case ${state.id}: impossible event history: ${message}.`);
}

function isClosed(status: CaseStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

function openConsultation(state: CaseState): Consultation | undefined {
  const last = state.consultations[state.consultations.length - 1];
  return last !== undefined && last.end === undefined ? last : undefined;
}

/** The facts the clock runs on (DOMAIN.md §4), or undefined before receipt. */
export function clockInputOf(state: CaseState): ClockInput | undefined {
  if (state.regime === null || state.receivedDate === undefined) return undefined;
  return {
    regime: state.regime,
    receivedDate: state.receivedDate,
    correction: state.correction ? { requestedOn: state.correction.requestedOn, receivedOn: state.correction.receivedOn ?? null } : null,
    exclusions: state.consultations.map((c) => ({ party: c.party, start: c.start, end: c.end ?? null })),
    extensionDays: state.extension?.days ?? 0,
  };
}

/**
 * Recomputes every field that depends on the calendar from the case's facts (../shared/DOMAIN.md §4): the clock,
 * its explanation, the timing of a closed case, and whether the correction notice was late (../shared/DOMAIN.md §5:
 * more than 7 working days after receipt, 2019 Regulation Art. 30: accepted but flagged).
 */
function deriveClock(next: CaseState, previousDueDate: CivilDate | undefined, calendar: WorkingCalendar): void {
  if (next.correction !== undefined && next.receivedDate !== undefined) {
    const within = REGIMES[next.regime ?? '2019'].correction?.noticeWithinWorkingDays ?? 0;
    const late = calendar.workingDaysBetween(next.receivedDate, next.correction.requestedOn).days > within;
    if (late !== next.correction.late) next.correction = { ...next.correction, late };
    if (late) next.flags.correctionLate = true;
    else delete next.flags.correctionLate;
  }
  delete next.clockStart;
  delete next.dueDate;
  delete next.originalDueDate;
  delete next.provisionalReason;
  delete next.pausedSince;
  delete next.workingDaysLeft;
  delete next.explanation;
  delete next.timing;
  next.provisional = false;
  next.paused = false;
  const input = clockInputOf(next);
  if (input !== undefined) {
    const deadline = computeDeadline(input, calendar);
    if (deadline.clockStart !== null) next.clockStart = deadline.clockStart;
    if (deadline.dueDate !== null) next.dueDate = deadline.dueDate;
    if (deadline.originalDueDate !== null) next.originalDueDate = deadline.originalDueDate;
    next.provisional = deadline.provisional;
    if (deadline.provisionalReason !== null) next.provisionalReason = deadline.provisionalReason;
    next.paused = deadline.paused;
    if (deadline.pausedSince !== null) next.pausedSince = deadline.pausedSince;
    if (deadline.workingDaysLeft !== null) next.workingDaysLeft = deadline.workingDaysLeft;
    next.explanation = explainDeadline(input, calendar, deadline);
    if (next.closedDate !== undefined && next.dueDate !== undefined) {
      next.timing = classifyTiming(next.closedDate, next.originalDueDate ?? next.dueDate, next.dueDate);
    }
  }
  if (next.dueDate !== previousDueDate) {
    delete next.flags.dueSoon;
    delete next.flags.overdue;
  }
}

/** The state after the opening event (`submit` or `register`), which must be event 1. */
export function openCase(base: CaseBase, event: CaseEvent, calendar: WorkingCalendar): CaseState {
  if (event.seq !== 1) throw corrupt(base, `the opening event has seq ${String(event.seq)}, not 1`);
  if (event.type !== 'submit' && event.type !== 'register') {
    throw corrupt(base, `a case opens with submit or register, not ${event.type}`);
  }
  // What every new case starts with; submit and register differ only in receipt.
  const state: CaseState = {
    id: base.id,
    agencyId: base.agencyId,
    status: event.type === 'submit' ? 'submitted' : 'received',
    channel: event.channel,
    applicantColumn: event.applicantColumn,
    regime: event.type === 'register' ? regimeFor(event.receivedDate) : null,
    provisional: false,
    extended: false,
    paused: false,
    consultations: [],
    appeals: [],
    complaints: [],
    flags: {},
    lastEffectiveDate: event.effectiveDate,
    version: 1,
  };
  if (event.type === 'register') state.receivedDate = event.receivedDate;
  if (event.submittedAt !== undefined) state.submittedAt = event.submittedAt;
  deriveClock(state, undefined, calendar);
  return state;
}

/** The state after one more event. Pure: `state` is not modified. */
export function applyEvent(state: CaseState, event: CaseEvent, calendar: WorkingCalendar): CaseState {
  if (event.seq !== state.version + 1) {
    throw corrupt(state, `event seq ${String(event.seq)} does not follow version ${String(state.version)}`);
  }
  const next: CaseState = {
    ...state,
    consultations: state.consultations.slice(),
    appeals: state.appeals.slice(),
    complaints: state.complaints.slice(),
    flags: { ...state.flags },
  };
  const on = event.effectiveDate;
  const close = (status: CaseStatus, action: NonNullable<CaseState['closingAction']>): void => {
    if (isClosed(state.status)) throw corrupt(state, `${event.type} on a closed case`);
    next.status = status;
    next.closingAction = action;
    next.closedDate = on;
  };
  switch (event.type) {
    case 'submit':
    case 'register':
      throw corrupt(state, 'a case is opened only once');
    case 'confirm_receipt':
      if (state.receivedDate !== undefined) throw corrupt(state, 'receipt confirmed twice');
      next.receivedDate = event.receivedDate;
      next.regime = regimeFor(event.receivedDate);
      next.status = 'received';
      break;
    case 'request_correction':
      if (state.receivedDate === undefined || state.correction !== undefined) {
        throw corrupt(state, 'a correction notice needs a received case without an earlier one');
      }
      // `late` is derived with the clock (deriveClock), as it depends on the calendar.
      next.correction = { requestedOn: on, items: event.items.slice(), correctionDueDate: event.correctionDueDate, late: false };
      next.status = 'awaiting_correction';
      break;
    case 'receive_correction':
      if (state.correction === undefined || state.correction.receivedOn !== undefined) {
        throw corrupt(state, 'a corrected application without a pending correction notice');
      }
      next.correction = { ...state.correction, receivedOn: on };
      next.status = 'received';
      break;
    case 'start_consultation':
      next.consultations.push({ party: event.party, name: event.name, start: on });
      next.status = 'consulting';
      break;
    case 'end_consultation': {
      const open = openConsultation(state);
      if (open === undefined) throw corrupt(state, 'a consultation ended that was not open');
      next.consultations[next.consultations.length - 1] = { ...open, end: on, result: event.result };
      next.status = 'received';
      break;
    }
    case 'extend':
      next.extension = { days: event.days, reason: event.reason, approvedBy: event.actor, approvedOn: on };
      next.extended = true;
      break;
    case 'reply':
      close('replied', 'reply');
      next.outcome = event.outcome;
      break;
    case 'withdraw': {
      const open = openConsultation(state);
      if (open !== undefined) next.consultations[next.consultations.length - 1] = { ...open, end: on };
      close('withdrawn', 'withdraw');
      break;
    }
    case 'close_no_correction':
      close('abandoned', 'close_no_correction');
      next.outcome = 'other.no_correction';
      break;
    case 'file_reconsideration':
      next.appeals.push({ kind: 'reconsideration', filedDate: on });
      break;
    case 'file_lawsuit':
      next.appeals.push({ kind: 'lawsuit', afterReconsideration: event.afterReconsideration, filedDate: on });
      break;
    case 'file_complaint':
      next.complaints.push({ filedDate: on });
      break;
    case 'decide_reconsideration':
    case 'decide_lawsuit': {
      const kind = event.type === 'decide_reconsideration' ? 'reconsideration' : 'lawsuit';
      const index = next.appeals.findIndex((a) => a.kind === kind && a.result === undefined);
      const pending = next.appeals[index];
      if (pending === undefined) throw corrupt(state, `${event.type} without a pending ${kind}`);
      next.appeals[index] = { ...pending, decidedDate: on, result: event.result };
      break;
    }
    case 'decide_complaint': {
      const index = next.complaints.findIndex((c) => c.result === undefined);
      const pending = next.complaints[index];
      if (pending === undefined) throw corrupt(state, 'decide_complaint without a pending complaint');
      next.complaints[index] = { ...pending, decidedDate: on, result: event.result };
      break;
    }
    case 'deadline_flag':
    case 'anonymise': // personal data left the case item; the state is unchanged
      break;
  }
  next.version = event.seq;
  if (event.type !== 'deadline_flag' && event.type !== 'anonymise') next.lastEffectiveDate = on;
  deriveClock(next, state.dueDate, calendar);
  // The sweep's flag holds only for the due date it saw (a stale flag is ignored) and an open case.
  if (event.type === 'deadline_flag' && !isClosed(next.status) && event.dueDate === next.dueDate) {
    if (event.flag === 'due_soon') next.flags.dueSoon = true;
    else next.flags.overdue = true;
  }
  return next;
}

/**
 * The state with every calendar-dependent field re-derived under `calendar`: after a year of the calendar
 * is loaded or corrected (../shared/DOMAIN.md §4: "loading it recomputes the open cases"), without reading the
 * events. Gives the deadline that replaying the events with `calendar` gives.
 */
export function recomputeClock(state: CaseState, calendar: WorkingCalendar): CaseState {
  const next: CaseState = { ...state, flags: { ...state.flags } };
  deriveClock(next, state.dueDate, calendar);
  return next;
}

/** The state of a case from its whole history (event 1 opens it). Equal to folding {@link applyEvent}. */
export function replay(base: CaseBase, events: readonly CaseEvent[], calendar: WorkingCalendar): CaseState {
  const first = events[0];
  if (first === undefined) throw corrupt(base, 'no events');
  let state = openCase(base, first, calendar);
  for (let i = 1; i < events.length; i += 1) state = applyEvent(state, events[i] as CaseEvent, calendar);
  return state;
}

// ---- decide: the guards ---------------------------------------------------------------------------

function refuse(rule: string, message: string): never {
  throw new IllegalActionError(rule, message);
}

const ART_31 = '2019 Regulation (国务院令第711号) Art. 31';
const APPEALS_BASIS =
  '2019 Regulation (国务院令第711号) Art. 51 (2008 Regulation Art. 33): complaints (举报投诉), administrative reconsideration (行政复议) and lawsuits (行政诉讼) challenge what the agency did';

function nonEmptyText(value: unknown, max = 2000): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

function checkResult(result: unknown, what: string): AppealResult {
  if (result !== 'upheld' && result !== 'corrected' && result !== 'other') {
    refuse(`${what}.result_invalid`, `The result of a ${what} is upheld (维持), corrected (纠正) or other.`);
  }
  return result;
}

/**
 * Checks an officer's action against the case and the law, and returns the event to append (the store
 * gives it its seq). Throws IllegalActionError naming the rule for every refused action
 * (../shared/DOMAIN.md §5 "Illegal actions are refused with the reason"):
 *
 * | rule | refuses | source |
 * |---|---|---|
 * | `action.date_invalid`, `action.date_in_future`, `action.date_before_last_action` | an effective date not a date, after today, or before the last action | DESIGN.md actions; DOMAIN.md §5 (events never edited) |
 * | `case.not_received` | anything but confirm_receipt / withdraw before receipt (a reply before receipt) | 2019 Reg. Art. 31; DOMAIN.md §3, §5 |
 * | `action.before_receipt_date` | an action dated before the receipt date | Art. 31; DOMAIN.md §3 |
 * | `receipt.already_received`, `receipt.date_invalid`, `receipt.before_submission`, `receipt.in_future`, `receipt.before_regulation` | a second confirmation; a receipt date not a date, before the submission, after the next working day, before 2008-05-01 | Art. 31; DOMAIN.md §2, §3 |
 * | `case.already_closed` | a second closing (reply / withdraw / close_no_correction) or any case action after closing | DOMAIN.md §5 |
 * | `correction.not_in_2008_regime`, `correction.only_once`, `correction.during_consultation`, `correction.items_required`, `correction.due_date` | a correction notice under the 2008 Regulation (its reply 告知作出更改补充 ends the case), a second one, one during a consultation, without items or a due date after it | 2019 Reg. Art. 30; 2008 Reg. Art. 21(4); DOMAIN.md §2, §5 |
 * | `correction.none_pending`, `correction.not_yet_due` | receive_correction / close_no_correction without a pending notice; abandonment on or before the correction due date | Art. 30; DOMAIN.md §2 |
 * | `consultation.already_open`, `consultation.none_open`, `consultation.awaiting_correction`, `consultation.other_agency_2008`, `consultation.party_invalid`, `consultation.name_required`, `consultation.result_invalid` | a second open consultation, ending none, consulting while a correction is awaited, another agency under 2008 | 2019 Reg. Art. 32–34; 2008 Reg. Art. 23, 24 ¶3; DOMAIN.md §2, §4 |
 * | `extension.supervisor_only`, `extension.only_once`, `extension.no_running_clock`, `extension.days_range`, `extension.after_deadline`, `extension.reason_required` | an extension not by a supervisor, a second one, while a correction is awaited, outside 1..15/20 days, after the current deadline, without a reason | 2019 Reg. Art. 33; 2008 Reg. Art. 24; DOMAIN.md §4 |
 * | `reply.awaiting_correction`, `reply.consultation_open`, `reply.unknown_outcome`, `reply.outcome_not_in_regime`, `reply.use_close_no_correction`, `reply.still_unclear_needs_correction` | a reply while a correction is awaited or a consultation open, with a code unknown or not of the case's regime, `other.no_correction` (a closing action), `unavailable.still_unclear` without a correction | Art. 30, 32, 34; DOMAIN.md §6 |
 * | `appeal.case_open`, `reconsideration.none_pending`, `lawsuit.none_pending`, `complaint.none_pending`, `lawsuit.reconsideration_not_decided`, `lawsuit.after_reconsideration_required`, `*.result_invalid` | appeals and complaints before closing; deciding none pending; a suit after reconsideration without a decided one | 2019 Reg. Art. 51; 行政诉讼法 Art. 45; DOMAIN.md §5 |
 */
export function decide(state: CaseState, action: CaseAction, ctx: DecideContext): NewCaseEvent {
  const date = action.date ?? ctx.today;
  if (!isCivilDate(date)) {
    refuse('action.date_invalid', `The effective date ${JSON.stringify(date)} is not a date YYYY-MM-DD.`);
  }
  if (date > ctx.today) {
    refuse(
      'action.date_in_future',
      `The effective date ${date} is after today (${ctx.today}, Beijing time): an action records what has happened and cannot take effect in the future.`,
    );
  }
  if (state.lastEffectiveDate !== undefined && date < state.lastEffectiveDate) {
    refuse(
      'action.date_before_last_action',
      `The effective date ${date} is before the case's last action (${state.lastEffectiveDate}): the history is append-only, in date order (events are never edited).`,
    );
  }
  const base = { actor: ctx.actor, recordedAt: ctx.now, effectiveDate: date };
  const closed = isClosed(state.status);
  const rules = state.regime === null ? null : REGIMES[state.regime];

  if (action.type === 'confirm_receipt') {
    if (state.receivedDate !== undefined) {
      refuse(
        'receipt.already_received',
        `Receipt was already confirmed: the application was received on ${state.receivedDate} (收到申请之日, ${ART_31}), and the receipt date is not changed afterwards.`,
      );
    }
    if (closed) refuse('case.already_closed', `The case is already closed (${state.status} on ${state.closedDate ?? ''}): it cannot be received any more.`);
    const receivedDate = action.receivedDate;
    if (!isCivilDate(receivedDate)) refuse('receipt.date_invalid', 'receivedDate must be a date YYYY-MM-DD.');
    const submittedOn = state.submittedAt === undefined ? undefined : beijingDate(state.submittedAt);
    if (submittedOn !== undefined && receivedDate < submittedOn) {
      refuse(
        'receipt.before_submission',
        `The receipt date ${receivedDate} is before the submission (${submittedOn}, Beijing time): an online application is received when both sides confirm it (${ART_31}(3)).`,
      );
    }
    const latest = ctx.calendar.firstWorkingDayOnOrAfter(ctx.today).date;
    if (receivedDate > latest) {
      refuse(
        'receipt.in_future',
        `The receipt date ${receivedDate} is in the future: it can be at most ${latest}, the first working day on or after today (a confirmation made on a day off dates the receipt to the next working day; ${ART_31}).`,
      );
    }
    regimeFor(receivedDate);
    return { ...base, type: 'confirm_receipt', receivedDate };
  }

  if (state.status === 'submitted' && action.type !== 'withdraw') {
    refuse(
      'case.not_received',
      `The application has not been received yet (online: received only when both sides confirm it, ${ART_31}(3)): confirm receipt before ${action.type}.`,
    );
  }
  if (state.receivedDate !== undefined && date < state.receivedDate) {
    refuse(
      'action.before_receipt_date',
      `The effective date ${date} is before the receipt date ${state.receivedDate} (收到申请之日, ${ART_31}): nothing happens to an application before it is received.`,
    );
  }

  const appealAction =
    action.type === 'file_reconsideration' ||
    action.type === 'decide_reconsideration' ||
    action.type === 'file_lawsuit' ||
    action.type === 'decide_lawsuit' ||
    action.type === 'file_complaint' ||
    action.type === 'decide_complaint';
  if (appealAction && !closed) {
    refuse(
      'appeal.case_open',
      `A ${action.type.replace(/^(file|decide)_/, '')} can be recorded only once the case is closed: appeals and complaints are against its outcome (${APPEALS_BASIS}).`,
    );
  }
  if (!appealAction && closed) {
    refuse(
      'case.already_closed',
      `The case is already closed (${state.status} on ${state.closedDate ?? ''}): a case has exactly one closing action (reply, withdrawal or abandonment), after which only appeals and complaints are recorded.`,
    );
  }

  switch (action.type) {
    case 'request_correction': {
      if (rules === null || rules.correction === null) {
        refuse(
          'correction.not_in_2008_regime',
          `A correction notice (补正告知) exists only under the 2019 Regulation (国务院令第711号, Art. 30). This case was received on ${state.receivedDate ?? ''}, before 2019-05-15, under the 2008 Regulation (国务院令第492号): an unclear application is answered with the reply 告知作出更改补充 (outcome correction_requested, Art. 21(4)), which ends the case.`,
        );
      }
      if (state.correction !== undefined) {
        refuse(
          'correction.only_once',
          `A correction notice is given one time only (一次性告知, ${rules.correction.citation}); one was given on ${state.correction.requestedOn}.`,
        );
      }
      if (state.status === 'consulting') {
        refuse(
          'correction.during_consultation',
          'A consultation is open: end it before asking for a correction. The correction notice concerns the application itself and is due within 7 working days of receipt (2019 Regulation Art. 30).',
        );
      }
      if (!Array.isArray(action.items) || action.items.length === 0 || !action.items.every((item) => nonEmptyText(item))) {
        refuse('correction.items_required', `The notice must list what to correct (说明需要补正的事项, ${rules.correction.citation}).`);
      }
      if (!isCivilDate(action.correctionDueDate) || action.correctionDueDate <= date) {
        refuse(
          'correction.due_date',
          `The correction due date must be a date after the notice (${date}): the notice states a reasonable period to correct (合理的补正期限, ${rules.correction.citation}).`,
        );
      }
      return { ...base, type: 'request_correction', items: action.items.slice(), correctionDueDate: action.correctionDueDate };
    }

    case 'receive_correction':
    case 'close_no_correction': {
      const pending = state.correction !== undefined && state.correction.receivedOn === undefined ? state.correction : undefined;
      if (pending === undefined) {
        refuse(
          'correction.none_pending',
          `No correction is awaited: ${action.type} needs a pending correction notice (补正告知, 2019 Regulation Art. 30).`,
        );
      }
      if (action.type === 'receive_correction') return { ...base, type: 'receive_correction' };
      if (date <= pending.correctionDueDate) {
        refuse(
          'correction.not_yet_due',
          `The correction is due by ${pending.correctionDueDate}: only an applicant who has not corrected by then, without good reason, is deemed to have abandoned the application (逾期不补正的，视为放弃申请, 2019 Regulation Art. 30).`,
        );
      }
      return { ...base, type: 'close_no_correction' };
    }

    case 'start_consultation': {
      if (state.status === 'consulting') {
        refuse('consultation.already_open', `A consultation is already open (since ${openConsultation(state)?.start ?? ''}): end it before starting another.`);
      }
      if (state.status === 'awaiting_correction') {
        refuse(
          'consultation.awaiting_correction',
          'A correction is awaited: the application is consulted on once it is complete (the clock is stopped until the corrected application arrives, 2019 Regulation Art. 30).',
        );
      }
      if (action.party !== 'third_party' && action.party !== 'other_agency') {
        refuse('consultation.party_invalid', 'The party consulted is a third party (third_party) or another agency (other_agency).');
      }
      if (rules !== null && rules.excludedConsultations[action.party] === null) {
        refuse(
          'consultation.other_agency_2008',
          'Under the 2008 Regulation (国务院令第492号) only the time consulting a third party is not counted (Art. 24 ¶3); consulting another agency does not stop the clock (the 2019 Regulation Art. 34 added it).',
        );
      }
      if (!nonEmptyText(action.name, 200)) refuse('consultation.name_required', 'Name the party consulted (征求意见对象).');
      return { ...base, type: 'start_consultation', party: action.party, name: action.name };
    }

    case 'end_consultation': {
      if (state.status !== 'consulting' || openConsultation(state) === undefined) {
        refuse('consultation.none_open', 'No consultation is open.');
      }
      if (action.result !== 'agreed' && action.result !== 'objected' && action.result !== 'no_reply') {
        refuse('consultation.result_invalid', 'The result of a consultation is agreed, objected or no_reply (2019 Regulation Art. 32, 34).');
      }
      return { ...base, type: 'end_consultation', result: action.result };
    }

    case 'extend': {
      const r = rules ?? REGIMES['2019'];
      if (ctx.actor.role !== 'supervisor') {
        refuse(
          'extension.supervisor_only',
          `An extension needs the approval of the head of the disclosure office (政府信息公开工作机构负责人同意, ${r.extensionCitation}): only a supervisor can grant it.`,
        );
      }
      if (state.extension !== undefined) {
        refuse('extension.only_once', `The reply period was already extended on ${state.extension.approvedOn}: it can be extended once (${r.extensionCitation}).`);
      }
      if (state.status === 'awaiting_correction') {
        refuse(
          'extension.no_running_clock',
          'A correction is awaited: no reply period is running to extend (it restarts from zero when the corrected application arrives, 2019 Regulation Art. 30).',
        );
      }
      if (!Number.isInteger(action.days) || action.days < 1 || action.days > r.maxExtensionDays) {
        refuse('extension.days_range', `An extension is 1 to ${String(r.maxExtensionDays)} working days (${r.extensionCitation}).`);
      }
      if (state.dueDate !== undefined && date > state.dueDate) {
        refuse(
          'extension.after_deadline',
          `The reply deadline was ${state.dueDate}: an extension must be approved on or before it (需要延长答复期限的, ${r.extensionCitation}).`,
        );
      }
      if (!nonEmptyText(action.reason)) {
        refuse('extension.reason_required', `State the reason: the applicant is told of the extension (告知申请人, ${r.extensionCitation}).`);
      }
      return { ...base, type: 'extend', days: action.days, reason: action.reason };
    }

    case 'reply': {
      if (state.status === 'awaiting_correction') {
        refuse(
          'reply.awaiting_correction',
          'A correction is awaited: the reply follows the corrected application, or the case is closed with close_no_correction once the correction is overdue (2019 Regulation Art. 30).',
        );
      }
      if (state.status === 'consulting') {
        refuse(
          'reply.consultation_open',
          'A consultation is open: end it and record its result first; the reply takes the consulted party’s view into account (2019 Regulation Art. 32, 34; 2008 Regulation Art. 23).',
        );
      }
      const outcome: unknown = action.outcome;
      if (typeof outcome !== 'string' || !isOutcomeCode(outcome)) {
        refuse('reply.unknown_outcome', `${JSON.stringify(outcome)} is not an outcome code.`);
      }
      const regime = state.regime ?? '2019';
      const allowed: readonly string[] = OUTCOME_CODES[outcome].regimes;
      if (!allowed.includes(regime)) {
        refuse(
          'reply.outcome_not_in_regime',
          `The outcome ${outcome} (${OUTCOME_CODES[outcome].label}, ${OUTCOME_CODES[outcome].basis}) does not exist under the ${REGIMES[regime].regulation} that governs this case (received ${state.receivedDate ?? ''}).`,
        );
      }
      if (outcome === 'other.no_correction') {
        refuse(
          'reply.use_close_no_correction',
          'No correction in time (逾期不补正, 2019 Regulation Art. 30) closes the case with the action close_no_correction, after the correction due date.',
        );
      }
      if (outcome === 'unavailable.still_unclear' && state.correction?.receivedOn === undefined) {
        refuse(
          'reply.still_unclear_needs_correction',
          'unavailable.still_unclear means "still unclear after correction" (补正后申请内容仍不明确, 2019 Regulation Art. 30): it needs a correction notice and the corrected application.',
        );
      }
      const event: NewCaseEvent = { ...base, type: 'reply', outcome };
      if (action.deliveryMethod !== undefined) event.deliveryMethod = action.deliveryMethod;
      if (action.replyNumber !== undefined) event.replyNumber = action.replyNumber;
      return event;
    }

    case 'withdraw':
      return { ...base, type: 'withdraw' };

    case 'file_reconsideration':
      return { ...base, type: 'file_reconsideration' };

    case 'file_complaint':
      return { ...base, type: 'file_complaint' };

    case 'file_lawsuit': {
      if (typeof action.afterReconsideration !== 'boolean') {
        refuse('lawsuit.after_reconsideration_required', 'Say whether the lawsuit follows an administrative reconsideration (afterReconsideration).');
      }
      if (action.afterReconsideration && !state.appeals.some((a) => a.kind === 'reconsideration' && a.result !== undefined)) {
        refuse(
          'lawsuit.reconsideration_not_decided',
          'A lawsuit after reconsideration (复议后起诉) needs a decided reconsideration on this case (行政诉讼法 Art. 45: the suit is against the reconsideration decision); otherwise record it as filed directly.',
        );
      }
      return { ...base, type: 'file_lawsuit', afterReconsideration: action.afterReconsideration };
    }

    case 'decide_reconsideration':
    case 'decide_lawsuit': {
      const kind = action.type === 'decide_reconsideration' ? 'reconsideration' : 'lawsuit';
      if (!state.appeals.some((a) => a.kind === kind && a.result === undefined)) {
        refuse(`${kind}.none_pending`, `No ${kind} is pending on this case: record its filing first (${APPEALS_BASIS}).`);
      }
      const result = checkResult(action.result, kind);
      return { ...base, type: action.type, result };
    }

    case 'decide_complaint': {
      if (!state.complaints.some((c) => c.result === undefined)) {
        refuse('complaint.none_pending', `No complaint is pending on this case: record its filing first (${APPEALS_BASIS}).`);
      }
      const result = checkResult(action.result, 'complaint');
      return { ...base, type: 'decide_complaint', result };
    }
  }
}
