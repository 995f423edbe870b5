/**
 * evolve: the case as a reducer over its events (docs/domain.md §5). `openCase` takes the opening event,
 * `applyEvent` one more, `replay` the whole history; `recomputeClock` re-derives the calendar-dependent
 * fields after a calendar year is loaded. The checks of the law live in decide.ts; the reducer trusts
 * the rules `decide` enforced when the event was appended and only refuses a history that cannot be a
 * case's (an event out of sequence, a case opened twice) with a plain Error.
 */
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseState, Consultation, Correction } from './case-state.js';
import type { ClockExclusion, ClockInput } from './clock.js';
import { classifyTiming, computeDeadline } from './clock.js';
import { explainDeadline } from './explanation.js';
import { FEE_PAYMENT_WORKING_DAYS } from './fees.js';
import { REGIMES, regimeFor } from './regime.js';
import type { CaseEvent, CaseStatus, CivilDate } from './types.js';
import { CLOSED_STATUSES } from './types.js';

export interface CaseBase {
  id: string;
  agencyId: string;
}

/** Exhaustiveness: a switch over a union reaches this only if a member was forgotten (a type error). */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/**
 * Whether an event moves the case's last effective date (the floor for later actions' dates). The
 * sweep's records and the removal of personal data do not; nor do appeals and complaints, whose dates are independent of the case's
 * other events (法释〔2011〕17号 Art. 1(1): an application left unanswered can be sued over).
 */
export function movesLastEffectiveDate(type: CaseEvent['type']): boolean {
  switch (type) {
    case 'deadline_flag':
    case 'receipt_flag':
    case 'consultation_lapsed':
    case 'anonymise':
    case 'reissue_document':
    case 'record_delivery':
    case 'file_reconsideration':
    case 'decide_reconsideration':
    case 'file_lawsuit':
    case 'decide_lawsuit':
    case 'file_complaint':
    case 'decide_complaint':
      return false;
    case 'submit':
    case 'register':
    case 'confirm_receipt':
    case 'request_correction':
    case 'receive_correction':
    case 'start_consultation':
    case 'end_consultation':
    case 'extend':
    case 'reply':
    case 'withdraw':
    case 'close_no_correction':
    case 'fee_notice':
    case 'fee_paid':
    case 'fee_waived':
    case 'close_fee_unpaid':
    case 'public_interest_disclosure':
    case 'request_reasons':
    case 'reasonable_period':
      return true;
    default:
      return assertNever(type, 'event type');
  }
}

// ---- The reducer ----------------------------------------------------------------------------------

function corrupt(state: CaseBase, message: string): Error {
  return new Error(`Case ${state.id}: impossible event history: ${message}.`);
}

export function isClosed(status: CaseStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

export function openConsultation(state: CaseState): Consultation | undefined {
  const last = state.consultations[state.consultations.length - 1];
  return last !== undefined && last.end === undefined ? last : undefined;
}

/**
 * The stretches not counted, in date order: each consultation, and the time from a fee notice to its payment,
 * waiver or the case's closing (policy P13). They never overlap: a fee notice is refused during a consultation
 * and a consultation while a fee is awaited (decide.ts).
 */
function exclusionsOf(state: CaseState): ClockExclusion[] {
  const list: ClockExclusion[] = state.consultations.map((c) => ({
    party: c.party,
    start: c.start,
    end: c.end ?? null,
    windowEnd: c.windowEnd ?? null,
    letterReceivedOn: c.letterReceivedOn ?? null,
  }));
  const fee = state.fee;
  if (fee !== undefined) {
    list.push({ party: 'fee', start: fee.noticeDate, end: fee.settledOn ?? null });
    // By start, then by end (an open stretch last): a stretch may end on the day the next one starts.
    list.sort((a, b) => (a.start === b.start ? (a.end ?? '9999-99-99').localeCompare(b.end ?? '9999-99-99') : a.start.localeCompare(b.start)));
  }
  return list;
}

/** The facts the clock runs on (docs/domain.md §4), or undefined before receipt. */
export function clockInputOf(state: CaseState): ClockInput | undefined {
  if (state.regime === null || state.receivedDate === undefined) return undefined;
  return {
    regime: state.regime,
    receivedDate: state.receivedDate,
    correction: state.correction ? { requestedOn: state.correction.requestedOn, receivedOn: state.correction.receivedOn ?? null } : null,
    exclusions: exclusionsOf(state),
    extensionDays: state.extension?.days ?? 0,
    ...(state.letterArrivedOn === undefined ? {} : { letterArrivedOn: state.letterArrivedOn }),
    ...(state.art35?.reasonablePeriod === undefined ? {} : { reasonablePeriodUntil: state.art35.reasonablePeriod.until }),
  };
}

/**
 * The correction's due date (docs/domain.md §5, 2019 Regulation Art. 30 合理的补正期限): the notice gives a
 * period, as the working days from its own date to the date it states; once its delivery is recorded the
 * period runs from the delivery date instead, and never ends before the stated date (a late delivery only
 * lengthens it). Without a recorded delivery it is the stated date.
 */
export function correctionDueDateOf(correction: Correction, calendar: WorkingCalendar): CivilDate {
  const stated = correction.noticeDueDate ?? correction.correctionDueDate;
  if (correction.deliveredOn === undefined) return stated;
  const period = calendar.workingDaysBetween(correction.requestedOn, stated).days;
  const fromDelivery = calendar.nthWorkingDayAfter(correction.deliveredOn, period).date;
  return fromDelivery > stated ? fromDelivery : stated;
}

/**
 * Recomputes every field that depends on the calendar from the case's facts (docs/domain.md §4): the clock,
 * its explanation, the timing of a closed case, and whether the correction notice was late (docs/domain.md §5:
 * more than 7 working days after receipt, 2019 Regulation Art. 30: accepted but flagged).
 */
function deriveClock(next: CaseState, previousDueDate: CivilDate | undefined, calendar: WorkingCalendar): void {
  if (next.correction !== undefined && next.receivedDate !== undefined) {
    const within = REGIMES[next.regime ?? '2019'].correction?.noticeWithinWorkingDays ?? 0;
    const late = calendar.workingDaysBetween(next.receivedDate, next.correction.requestedOn).days > within;
    if (late !== next.correction.late) next.correction = { ...next.correction, late };
    if (late) next.flags.correctionLate = true;
    else delete next.flags.correctionLate;
    const dueDate = correctionDueDateOf(next.correction, calendar);
    if (dueDate !== next.correction.correctionDueDate) next.correction = { ...next.correction, correctionDueDate: dueDate };
  }
  // Art. 32 / 34: the consulted party has 15 working days from receiving the letter; the excluded stretch
  // ends when they run out (docs/domain.md "Policies": consultation window).
  const windowDays = next.regime === null ? null : REGIMES[next.regime].consultationWindowWorkingDays;
  for (let i = 0; i < next.consultations.length; i += 1) {
    const c = next.consultations[i] as Consultation;
    const windowEnd = windowDays === null ? undefined : calendar.nthWorkingDayAfter(c.letterReceivedOn ?? c.start, windowDays).date;
    if (windowEnd !== c.windowEnd) {
      const updated: Consultation = { ...c };
      if (windowEnd === undefined) delete updated.windowEnd;
      else updated.windowEnd = windowEnd;
      next.consultations[i] = updated;
    }
  }
  // 国办函〔2020〕109号 (docs/domain.md "Fees"): payment within 20 working days from the day after the notice was received.
  if (next.fee !== undefined) {
    const paymentDueDate = calendar.nthWorkingDayAfter(next.fee.noticeReceivedOn, FEE_PAYMENT_WORKING_DAYS).date;
    if (paymentDueDate !== next.fee.paymentDueDate) next.fee = { ...next.fee, paymentDueDate };
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
  if (event.type === 'register') {
    state.receivedDate = event.receivedDate;
    if (event.letterArrivedOn !== undefined) state.letterArrivedOn = event.letterArrivedOn;
    if (event.lateReason !== undefined) {
      state.flags.receiptConfirmedLate = true;
      state.receiptLateReason = event.lateReason;
    }
  }
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
      delete next.flags.unconfirmed;
      if (event.lateReason !== undefined) {
        next.flags.receiptConfirmedLate = true;
        next.receiptLateReason = event.lateReason;
      }
      break;
    case 'request_correction':
      if (state.receivedDate === undefined || state.correction !== undefined) {
        throw corrupt(state, 'a correction notice needs a received case without an earlier one');
      }
      // `late` is derived with the clock (deriveClock), as it depends on the calendar.
      next.correction = {
        requestedOn: on,
        items: event.items.slice(),
        correctionDueDate: event.correctionDueDate,
        noticeDueDate: event.correctionDueDate,
        late: false,
      };
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
      next.consultations.push({ party: event.party, name: event.name, start: on, letterReceivedOn: event.letterReceivedOn ?? on });
      next.status = 'consulting';
      break;
    case 'end_consultation': {
      const open = openConsultation(state);
      if (open === undefined) throw corrupt(state, 'a consultation ended that was not open');
      next.consultations[next.consultations.length - 1] = { ...open, end: on, result: event.result };
      next.status = 'received';
      break;
    }
    case 'consultation_lapsed': {
      // The sweep: the window closed without an answer recorded. Art. 32: the agency decides alone;
      // Art. 34: the other agency is deemed to agree. The stretch ends on the window's last day.
      const open = openConsultation(state);
      if (open === undefined) throw corrupt(state, 'a consultation lapsed that was not open');
      next.consultations[next.consultations.length - 1] = { ...open, end: event.windowEnd, result: 'no_reply', lapsed: true };
      next.status = 'received';
      next.flags.consultationLapsed = true;
      break;
    }
    case 'extend':
      next.extension = {
        days: event.days,
        reason: event.reason,
        approvedBy: event.actor,
        approvedOn: on,
        ...(event.actor.agencyId === undefined ? {} : { approvingAgencyId: event.actor.agencyId }),
        noticeDate: event.noticeDate ?? on,
      };
      next.extended = true;
      break;
    case 'reply':
      close('replied', 'reply');
      next.outcome = event.outcome;
      break;
    case 'withdraw': {
      const open = openConsultation(state);
      if (open !== undefined) next.consultations[next.consultations.length - 1] = { ...open, end: on };
      // A fee still awaited: the time not counted ends with the withdrawal (the fee is not due).
      if (state.fee?.status === 'notified') next.fee = { ...state.fee, settledOn: on };
      close('withdrawn', 'withdraw');
      break;
    }
    case 'close_no_correction':
      close('abandoned', 'close_no_correction');
      next.outcome = 'other.no_correction';
      break;
    case 'fee_notice':
      if (state.fee !== undefined) throw corrupt(state, 'a second fee notice');
      next.fee = {
        method: event.method,
        units: event.units,
        priorUnits: event.priorUnits,
        breakdown: event.breakdown.map((band) => ({ ...band })),
        amountFen: event.amountFen,
        howToPay: event.howToPay,
        noticeDate: on,
        noticeReceivedOn: event.noticeReceivedOn ?? on,
        status: 'notified',
      };
      break;
    case 'fee_paid':
    case 'fee_waived':
      if (state.fee?.status !== 'notified') throw corrupt(state, `${event.type} without a fee awaiting payment`);
      next.fee = { ...state.fee, status: event.type === 'fee_paid' ? 'paid' : 'waived', settledOn: on };
      if (event.type === 'fee_waived') next.fee.waiverReason = event.reason;
      break;
    case 'close_fee_unpaid':
      if (state.fee?.status !== 'notified') throw corrupt(state, 'close_fee_unpaid without a fee awaiting payment');
      next.fee = { ...state.fee, status: 'unpaid', settledOn: on };
      close('abandoned', 'close_fee_unpaid');
      next.outcome = 'other.fee_unpaid';
      break;
    case 'public_interest_disclosure':
      if (state.publicInterest !== undefined) throw corrupt(state, 'a second public-interest decision');
      next.publicInterest = {
        decidedOn: on,
        decidedBy: event.actor,
        information: event.information,
        reason: event.reason,
        thirdPartyNotifiedOn: event.thirdPartyNotifiedOn ?? on,
      };
      break;
    case 'request_reasons':
      if (state.art35 !== undefined) throw corrupt(state, 'reasons asked twice');
      next.art35 = { requestedOn: on, question: event.question, reasonsDueDate: event.reasonsDueDate };
      break;
    case 'reasonable_period':
      if (state.art35 === undefined || state.art35.reasonablePeriod !== undefined) throw corrupt(state, 'a reasonable period without a request for reasons, or twice');
      next.art35 = { ...state.art35, reasonablePeriod: { until: event.until, reason: event.reason, decidedOn: on, decidedBy: event.actor, noticeDate: event.noticeDate ?? on } };
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
    case 'receipt_flag':
    case 'anonymise': // personal data left the case item; the case itself (and its statistics) is what it was
      break;
    case 'reissue_document':
      break;
    case 'record_delivery':
      // The correction period runs from the notice's delivery (Art. 30; deriveClock counts it) while the
      // correction is awaited; any delivery but these two changes no fact of the case.
      if (event.kind === 'correction_notice' && state.status === 'awaiting_correction' && state.correction !== undefined) {
        next.correction = { ...state.correction, deliveredOn: event.deliveredOn };
      }
      // The fee period runs from the day after the fee notice was received (docs/domain.md §10): a recorded
      // delivery is that day, while the fee is awaited (deriveClock re-derives paymentDueDate).
      if (event.kind === 'fee_notice' && state.fee?.status === 'notified') next.fee = { ...state.fee, noticeReceivedOn: event.deliveredOn };
      break;
    default:
      assertNever(event, 'event type');
  }
  next.version = event.seq;
  if (movesLastEffectiveDate(event.type)) next.lastEffectiveDate = on;
  deriveClock(next, state.dueDate, calendar);
  // The sweep's flag holds only for the due date it saw (a stale flag is ignored) and an open case.
  if (event.type === 'deadline_flag' && !isClosed(next.status) && event.dueDate === next.dueDate) {
    if (event.flag === 'due_soon') next.flags.dueSoon = true;
    else next.flags.overdue = true;
  }
  // A deadline the sweep found missed stays on record whatever happens to the case later, a recount under
  // another calendar included (so replaying and recomputing the clock agree: neither depends on the calendar).
  if (event.type === 'deadline_flag' && event.flag === 'overdue' && !isClosed(state.status)) next.missedDeadline ??= event.dueDate;
  if (event.type === 'receipt_flag' && next.status === 'submitted') next.flags.unconfirmed = true;
  return next;
}

/**
 * The state with every calendar-dependent field re-derived under `calendar`: after a year of the calendar
 * is loaded or corrected (docs/domain.md §4: "loading it recomputes the open cases"), without reading the
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
