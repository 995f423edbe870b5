/**
 * The case lifecycle (docs/domain.md §5): the reducer, and every guard of `decide` refused with its rule.
 * Dates are hand-counted on the State Council calendar (see tests/unit/domain/clock.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { addDays } from '../../../shared/calendar/civil-date.js';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { CaseState } from '../../../shared/domain/case-state.js';
import { classifyTiming } from '../../../shared/domain/clock.js';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import type { CaseAction } from '../../../shared/domain/lifecycle.js';
import { applyEvent, decide, openCase, recomputeClock, replay } from '../../../shared/domain/lifecycle.js';
import { OUTCOME_CODE_LIST } from '../../../shared/domain/outcome-codes.js';
import type { Actor, CaseEvent, CivilDate } from '../../../shared/domain/types.js';

const years: CalendarYear[] = seed;
const calendar = new WorkingCalendar(years);

const officer: Actor = { sub: 'officer-1', name: 'Officer', role: 'officer' };
const supervisor: Actor = { sub: 'supervisor-1', name: 'Supervisor', role: 'supervisor', agencyId: 'agency-1' };
const system: Actor = { sub: 'system', name: 'Gongkai', role: 'system' };
const THIRD_PARTY_NAME = 'Zhang San Trading Co.';

/** A case and its history: officer actions go through decide, then the event is applied. */
class Case {
  readonly events: CaseEvent[] = [];
  state: CaseState;

  private constructor(
    first: CaseEvent,
    readonly cal: WorkingCalendar,
  ) {
    this.events.push(first);
    this.state = openCase({ id: 'case-1', agencyId: 'agency-1' }, first, cal);
  }

  static registered(receivedDate: CivilDate, cal = calendar): Case {
    return new Case(
      {
        seq: 1,
        type: 'register',
        channel: 'mail',
        receivedDate,
        applicantColumn: 'natural_person',
        actor: officer,
        recordedAt: `${receivedDate}T02:00:00.000Z`,
        effectiveDate: receivedDate,
      },
      cal,
    );
  }

  static submitted(submittedAt: string, effectiveDate: CivilDate): Case {
    return new Case(
      { seq: 1, type: 'submit', channel: 'online', submittedAt, applicantColumn: 'commercial', actor: system, recordedAt: submittedAt, effectiveDate },
      calendar,
    );
  }

  decide(action: CaseAction, today: CivilDate, actor: Actor = officer) {
    return decide(this.state, action, { actor, now: `${today}T02:00:00.000Z`, today, calendar: this.cal });
  }

  act(action: CaseAction, today: CivilDate, actor: Actor = officer): CaseState {
    return this.append({ ...this.decide(action, today, actor), seq: this.events.length + 1 });
  }

  append(event: CaseEvent): CaseState {
    this.events.push(event);
    this.state = applyEvent(this.state, event, this.cal);
    return this.state;
  }

  flag(flag: 'due_soon' | 'overdue', dueDate: CivilDate, today: CivilDate): CaseState {
    return this.append({ seq: this.events.length + 1, type: 'deadline_flag', flag, dueDate, actor: system, recordedAt: `${today}T00:00:00.000Z`, effectiveDate: today });
  }

  /** The refusal of an action: an IllegalActionError with that rule, citing its source. */
  refused(action: CaseAction, today: CivilDate, actor: Actor = officer): IllegalActionError {
    try {
      this.decide(action, today, actor);
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalActionError);
      return error as IllegalActionError;
    }
    throw new Error(`${action.type} on ${today} was not refused`);
  }
}

describe('opening and receipt (docs/domain.md §3)', () => {
  it('a registered case is received at once, its clock running (2019 regime)', () => {
    const c = Case.registered('2025-09-25');
    expect(c.state).toMatchObject({
      status: 'received',
      channel: 'mail',
      applicantColumn: 'natural_person',
      regime: '2019',
      receivedDate: '2025-09-25',
      clockStart: '2025-09-25',
      dueDate: '2025-10-29',
      originalDueDate: '2025-10-29',
      provisional: false,
      extended: false,
      paused: false,
      version: 1,
      lastEffectiveDate: '2025-09-25',
    });
    expect(c.state.explanation?.dueDate).toBe('2025-10-29');
  });

  it('an online submission at 2025-12-31T23:30Z is a 2026 application, received on 2026-01-04 (a make-up working Sunday)', () => {
    const c = Case.submitted('2025-12-31T23:30:00.000Z', '2026-01-01');
    expect(c.state).toMatchObject({ status: 'submitted', regime: null, submittedAt: '2025-12-31T23:30:00.000Z', provisional: false });
    expect(c.state.dueDate).toBeUndefined();
    expect(c.state.explanation).toBeUndefined();
    // The agency auto-confirms (docs/domain.md §3): the first working day on or after 2026-01-01 (01-01..03 are 元旦).
    const receivedDate = calendar.firstWorkingDayOnOrAfter('2026-01-01').date;
    expect(receivedDate).toBe('2026-01-04');
    expect(calendar.kind(receivedDate)).toMatchObject({ kind: 'makeup_workday', dayOfWeek: 0 });
    c.act({ type: 'confirm_receipt', receivedDate }, '2026-01-01', system);
    // 01-05..09 #1–5, 01-12..16 #6–10, 01-19..23 #11–15, 01-26..30 #16–20.
    expect(c.state).toMatchObject({ status: 'received', receivedDate: '2026-01-04', regime: '2019', dueDate: '2026-01-30', version: 2 });
    // Nothing happens to it before it is received.
    expect(c.refused({ type: 'start_consultation', party: 'third_party', name: 'x', date: '2026-01-02' }, '2026-01-02').rule).toBe(
      'action.before_receipt_date',
    );
  });

  it('refuses a receipt date before the submission or beyond the next working day, and a second confirmation', () => {
    const c = Case.submitted('2025-12-31T23:30:00.000Z', '2026-01-01');
    expect(c.refused({ type: 'confirm_receipt', receivedDate: '2025-12-31' }, '2026-01-01').rule).toBe('receipt.before_submission');
    expect(c.refused({ type: 'confirm_receipt', receivedDate: '2026-01-05' }, '2026-01-01').rule).toBe('receipt.in_future');
    expect(c.refused({ type: 'confirm_receipt', receivedDate: '2026-13-01' }, '2026-01-01').rule).toBe('receipt.date_invalid');
    c.act({ type: 'confirm_receipt', receivedDate: '2026-01-05' }, '2026-01-05');
    const again = c.refused({ type: 'confirm_receipt', receivedDate: '2026-01-06' }, '2026-01-06');
    expect(again.rule).toBe('receipt.already_received');
    expect(again.message).toContain('Art. 31');
  });

  it('refuses any other action before receipt (a reply before receipt), but a withdrawal closes it', () => {
    const c = Case.submitted('2026-03-02T01:00:00.000Z', '2026-03-02');
    const reply = c.refused({ type: 'reply', outcome: 'disclosed' }, '2026-03-03');
    expect(reply.rule).toBe('case.not_received');
    expect(reply.message).toContain('Art. 31');
    expect(c.refused({ type: 'extend', days: 5, reason: 'r' }, '2026-03-03', supervisor).rule).toBe('case.not_received');
    c.act({ type: 'withdraw' }, '2026-03-03');
    expect(c.state).toMatchObject({ status: 'withdrawn', closingAction: 'withdraw', closedDate: '2026-03-03' });
    expect(c.state.receivedDate).toBeUndefined();
    expect(c.state.timing).toBeUndefined();
    expect(c.refused({ type: 'confirm_receipt', receivedDate: '2026-03-04' }, '2026-03-04').rule).toBe('case.already_closed');
  });
});

describe('effective dates', () => {
  it('refuses a date in the future, before the last action, or not a date', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2026-06-03');
    expect(c.refused({ type: 'end_consultation', result: 'agreed', date: '2026-06-11' }, '2026-06-10').rule).toBe('action.date_in_future');
    expect(c.refused({ type: 'end_consultation', result: 'agreed', date: '2026-06-02' }, '2026-06-10').rule).toBe('action.date_before_last_action');
    expect(c.refused({ type: 'end_consultation', result: 'agreed', date: '10 June' }, '2026-06-10').rule).toBe('action.date_invalid');
    c.act({ type: 'end_consultation', result: 'agreed', date: '2026-06-10' }, '2026-06-12');
    expect(c.state.lastEffectiveDate).toBe('2026-06-10');
    expect(c.events[2]).toMatchObject({ effectiveDate: '2026-06-10', recordedAt: '2026-06-12T02:00:00.000Z', actor: officer });
  });
});

describe('correction (补正, 2019 Regulation Art. 30)', () => {
  it('stops the clock, then restarts it from zero on the day the corrected application arrives', () => {
    const c = Case.registered('2026-03-02');
    c.act({ type: 'request_correction', items: ['the document number'], correctionDueDate: '2026-03-20' }, '2026-03-05');
    expect(c.state).toMatchObject({ status: 'awaiting_correction', correction: { requestedOn: '2026-03-05', late: false } });
    expect(c.state.dueDate).toBeUndefined();
    expect(c.state.explanation?.awaitingCorrection).toBe(true);
    c.act({ type: 'receive_correction' }, '2026-03-20');
    expect(c.state).toMatchObject({ status: 'received', clockStart: '2026-03-20', dueDate: '2026-04-20', correction: { receivedOn: '2026-03-20' } });
  });

  it('a notice more than 7 working days after receipt is accepted but flagged', () => {
    // Received Monday 03-02: 03-03..06 #1–4, 03-09 #5, 03-10 #6, 03-11 #7.
    const inTime = Case.registered('2026-03-02');
    inTime.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-25' }, '2026-03-11');
    expect(inTime.state.correction?.late).toBe(false);
    expect(inTime.state.flags.correctionLate).toBeUndefined();
    const late = Case.registered('2026-03-02');
    late.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-25' }, '2026-03-12');
    expect(late.state.correction?.late).toBe(true);
    expect(late.state.flags.correctionLate).toBe(true);
    expect(late.state.status).toBe('awaiting_correction');
  });

  it('refuses a second notice, a notice under the 2008 regime, and incomplete notices', () => {
    const c = Case.registered('2026-03-02');
    expect(c.refused({ type: 'request_correction', items: [], correctionDueDate: '2026-03-20' }, '2026-03-05').rule).toBe('correction.items_required');
    expect(c.refused({ type: 'request_correction', items: [' '], correctionDueDate: '2026-03-20' }, '2026-03-05').rule).toBe('correction.items_required');
    expect(c.refused({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-05' }, '2026-03-05').rule).toBe('correction.due_date');
    c.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-20' }, '2026-03-05');
    c.act({ type: 'receive_correction' }, '2026-03-10');
    const second = c.refused({ type: 'request_correction', items: ['y'], correctionDueDate: '2026-03-30' }, '2026-03-12');
    expect(second.rule).toBe('correction.only_once');
    expect(second.message).toContain('一次性告知');

    const old = Case.registered('2018-06-01');
    const in2008 = old.refused({ type: 'request_correction', items: ['x'], correctionDueDate: '2018-06-20' }, '2018-06-04');
    expect(in2008.rule).toBe('correction.not_in_2008_regime');
    expect(in2008.message).toContain('告知作出更改补充');
    // There the reply category ends the case instead.
    old.act({ type: 'reply', outcome: 'correction_requested' }, '2018-06-04');
    expect(old.state).toMatchObject({ status: 'replied', outcome: 'correction_requested', timing: 'on_time' });
  });

  it('receive_correction and close_no_correction need a pending notice; abandonment only after the due date', () => {
    const c = Case.registered('2026-03-02');
    expect(c.refused({ type: 'receive_correction' }, '2026-03-05').rule).toBe('correction.none_pending');
    expect(c.refused({ type: 'close_no_correction' }, '2026-03-05').rule).toBe('correction.none_pending');
    c.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-20' }, '2026-03-05');
    const early = c.refused({ type: 'close_no_correction' }, '2026-03-20');
    expect(early.rule).toBe('correction.not_yet_due');
    expect(early.message).toContain('视为放弃');
    c.act({ type: 'close_no_correction' }, '2026-03-23');
    expect(c.state).toMatchObject({ status: 'abandoned', outcome: 'other.no_correction', closingAction: 'close_no_correction', closedDate: '2026-03-23' });
    expect(c.state.timing).toBeUndefined();
  });
});

describe('consultation (征求意见, Art. 32 / 34: not counted)', () => {
  it('pauses the clock while open and excludes its working days once ended', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2026-06-03');
    expect(c.state).toMatchObject({ status: 'consulting', paused: true, pausedSince: '2026-06-03', workingDaysLeft: 18 });
    expect(c.state.dueDate).toBeUndefined();
    expect(c.refused({ type: 'start_consultation', party: 'other_agency', name: 'Bureau' }, '2026-06-04').rule).toBe('consultation.already_open');
    expect(c.refused({ type: 'reply', outcome: 'disclosed' }, '2026-06-04').rule).toBe('reply.consultation_open');
    expect(c.refused({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-06-20' }, '2026-06-04').rule).toBe(
      'correction.during_consultation',
    );
    c.act({ type: 'end_consultation', result: 'objected' }, '2026-06-10');
    expect(c.state).toMatchObject({ status: 'received', paused: false, dueDate: '2026-07-07' });
    // The letter's receipt defaults to the day it was sent; the party's 15 working days end on 06-25
    // (06-04, 05, 08–12, 15–18, 22–25; 06-19 is 端午).
    expect(c.state.consultations).toEqual([
      { party: 'third_party', name: THIRD_PARTY_NAME, start: '2026-06-03', letterReceivedOn: '2026-06-03', windowEnd: '2026-06-25', end: '2026-06-10', result: 'objected' },
    ]);
    expect(c.state.workingDaysLeft).toBeUndefined();
    expect(c.refused({ type: 'end_consultation', result: 'agreed' }, '2026-06-11').rule).toBe('consultation.none_open');
    // The explanation is shown to the applicant: it never names the consulted party.
    expect(JSON.stringify(c.state.explanation)).not.toContain(THIRD_PARTY_NAME);
  });

  it('refuses another agency under the 2008 regime, and any consultation while a correction is awaited', () => {
    const old = Case.registered('2018-06-01');
    expect(old.refused({ type: 'start_consultation', party: 'other_agency', name: 'Bureau' }, '2018-06-04').rule).toBe('consultation.other_agency_2008');
    old.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2018-06-04');
    expect(old.state.paused).toBe(true);

    const c = Case.registered('2026-06-01');
    expect(c.refused({ type: 'start_consultation', party: 'third_party', name: ' ' }, '2026-06-02').rule).toBe('consultation.name_required');
    c.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-06-20' }, '2026-06-02');
    expect(c.refused({ type: 'start_consultation', party: 'third_party', name: 'x' }, '2026-06-03').rule).toBe('consultation.awaiting_correction');
  });

  it('a withdrawal during a consultation ends it on that day', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2026-06-03');
    c.act({ type: 'withdraw' }, '2026-06-05');
    expect(c.state).toMatchObject({ status: 'withdrawn', paused: false, closedDate: '2026-06-05', timing: 'on_time' });
    expect(c.state.consultations[0]).toEqual({
      party: 'third_party',
      name: THIRD_PARTY_NAME,
      start: '2026-06-03',
      letterReceivedOn: '2026-06-03',
      windowEnd: '2026-06-25',
      end: '2026-06-05',
    });
    expect(c.state.outcome).toBeUndefined();
  });
});

describe('extension (2019 Regulation Art. 33: once, ≤ 20, approved by the head of the office)', () => {
  it('a supervisor extends by 20 on the deadline day: the deadline becomes the 40th working day', () => {
    const c = Case.registered('2026-06-01');
    const byOfficer = c.refused({ type: 'extend', days: 20, reason: 'volume' }, '2026-06-30');
    expect(byOfficer.rule).toBe('extension.supervisor_only');
    expect(byOfficer.message).toContain('政府信息公开工作机构负责人同意');
    c.act({ type: 'extend', days: 20, reason: 'large volume of records' }, '2026-06-30', supervisor);
    expect(c.state).toMatchObject({
      extended: true,
      extension: { days: 20, reason: 'large volume of records', approvedBy: supervisor, approvedOn: '2026-06-30' },
      originalDueDate: '2026-06-30',
      dueDate: '2026-07-28',
    });
    const second = c.refused({ type: 'extend', days: 1, reason: 'more' }, '2026-07-01', supervisor);
    expect(second.rule).toBe('extension.only_once');
    expect(second.message).toContain('Art. 33');
  });

  it('refuses an extension after the deadline, out of range, without a reason, or while a correction is awaited', () => {
    const c = Case.registered('2026-06-01');
    const late = c.refused({ type: 'extend', days: 5, reason: 'r' }, '2026-07-01', supervisor);
    expect(late.rule).toBe('extension.after_deadline');
    expect(late.message).toContain('2026-06-30');
    expect(c.refused({ type: 'extend', days: 21, reason: 'r' }, '2026-06-10', supervisor).rule).toBe('extension.days_range');
    expect(c.refused({ type: 'extend', days: 0, reason: 'r' }, '2026-06-10', supervisor).rule).toBe('extension.days_range');
    expect(c.refused({ type: 'extend', days: 2.5, reason: 'r' }, '2026-06-10', supervisor).rule).toBe('extension.days_range');
    expect(c.refused({ type: 'extend', days: 5, reason: '' }, '2026-06-10', supervisor).rule).toBe('extension.reason_required');
    const old = Case.registered('2018-06-01');
    expect(old.refused({ type: 'extend', days: 16, reason: 'r' }, '2018-06-04', supervisor).rule).toBe('extension.days_range');
    old.act({ type: 'extend', days: 15, reason: 'r' }, '2018-06-04', supervisor);
    expect(old.state.dueDate).toBe(calendar.nthWorkingDayAfter('2018-06-01', 30).date);
    const waiting = Case.registered('2026-06-01');
    waiting.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-06-20' }, '2026-06-02');
    expect(waiting.refused({ type: 'extend', days: 5, reason: 'r' }, '2026-06-03', supervisor).rule).toBe('extension.no_running_clock');
  });

  it('can be granted while paused: the days left grow by the extension', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2026-06-03');
    c.act({ type: 'extend', days: 20, reason: 'r' }, '2026-06-04', supervisor);
    expect(c.state).toMatchObject({ paused: true, workingDaysLeft: 38, extended: true });
  });
});

describe('reply and timing (docs/domain.md §4 "Outcome timing")', () => {
  const extendedCase = (): Case => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'extend', days: 20, reason: 'r' }, '2026-06-15', supervisor);
    return c;
  };
  it.each([
    ['2026-06-30', 'on_time'],
    ['2026-07-01', 'extended'],
    ['2026-07-28', 'extended'],
    ['2026-07-29', 'overdue'],
  ] as const)('a reply on %s to an extended case is %s', (date, timing) => {
    const c = extendedCase();
    c.act({ type: 'reply', outcome: 'disclosed', replyNumber: '××公复〔2026〕12号', deliveryMethod: 'post' }, date);
    expect(c.state).toMatchObject({ status: 'replied', outcome: 'disclosed', closingAction: 'reply', closedDate: date, timing });
    expect(c.events[2]).toMatchObject({ replyNumber: '××公复〔2026〕12号', deliveryMethod: 'post' });
  });

  it('a reply after the deadline without an extension is overdue', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'reply', outcome: 'partially_disclosed' }, '2026-07-01');
    expect(c.state.timing).toBe('overdue');
  });

  it('refuses an outcome code not allowed in the case’s regime, or not a code', () => {
    const c = Case.registered('2026-06-01');
    const wrong = c.refused({ type: 'reply', outcome: 'correction_requested' }, '2026-06-02');
    expect(wrong.rule).toBe('reply.outcome_not_in_regime');
    expect(wrong.message).toContain('2019 Regulation');
    expect(c.refused({ type: 'reply', outcome: 'nonsense' as 'disclosed' }, '2026-06-02').rule).toBe('reply.unknown_outcome');
    expect(c.refused({ type: 'reply', outcome: 'other.no_correction' }, '2026-06-02').rule).toBe('reply.use_close_no_correction');
    expect(c.refused({ type: 'reply', outcome: 'unavailable.still_unclear' }, '2026-06-02').rule).toBe('reply.still_unclear_needs_correction');
    const old = Case.registered('2018-06-01');
    expect(old.refused({ type: 'reply', outcome: 'other.fee_unpaid' }, '2018-06-04').rule).toBe('reply.outcome_not_in_regime');
  });

  it('after a correction, "still unclear" is a valid reply; while it is awaited no reply is', () => {
    const c = Case.registered('2026-03-02');
    c.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2026-03-20' }, '2026-03-05');
    expect(c.refused({ type: 'reply', outcome: 'not_processed.petition' }, '2026-03-06').rule).toBe('reply.awaiting_correction');
    c.act({ type: 'receive_correction' }, '2026-03-20');
    c.act({ type: 'reply', outcome: 'unavailable.still_unclear' }, '2026-04-01');
    expect(c.state).toMatchObject({ status: 'replied', timing: 'on_time' });
  });

  it('refuses closing twice', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'reply', outcome: 'disclosed' }, '2026-06-10');
    for (const action of [
      { type: 'reply', outcome: 'disclosed' },
      { type: 'withdraw' },
      { type: 'close_no_correction' },
      { type: 'extend', days: 5, reason: 'r' },
      { type: 'start_consultation', party: 'third_party', name: 'x' },
    ] as CaseAction[]) {
      const error = c.refused(action, '2026-06-11', supervisor);
      expect(error.rule).toBe('case.already_closed');
      expect(error.message).toContain('one closing action');
    }
  });
});

describe('appeals and complaints (docs/domain.md §5; 法释〔2011〕17号 Art. 1(1))', () => {
  it('need a pending filing to decide; a suit after reconsideration needs it decided (or expired)', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'reply', outcome: 'withheld.privacy' }, '2026-06-10');
    expect(c.refused({ type: 'decide_reconsideration', result: 'upheld' }, '2026-06-11').rule).toBe('reconsideration.none_pending');
    expect(c.refused({ type: 'decide_lawsuit', result: 'upheld' }, '2026-06-11').rule).toBe('lawsuit.none_pending');
    expect(c.refused({ type: 'decide_complaint', result: 'upheld' }, '2026-06-11').rule).toBe('complaint.none_pending');
    const direct = c.refused({ type: 'file_lawsuit', afterReconsideration: true }, '2026-06-11');
    expect(direct.rule).toBe('lawsuit.reconsideration_not_decided');

    c.act({ type: 'file_reconsideration' }, '2026-07-01');
    expect(c.refused({ type: 'file_lawsuit', afterReconsideration: true }, '2026-07-02').rule).toBe('lawsuit.reconsideration_not_decided');
    expect(c.refused({ type: 'decide_reconsideration', result: 'maybe' as 'upheld' }, '2026-08-01').rule).toBe('reconsideration.result_invalid');
    c.act({ type: 'decide_reconsideration', result: 'upheld' }, '2026-08-20');
    c.act({ type: 'file_lawsuit', afterReconsideration: true }, '2026-09-01');
    c.act({ type: 'decide_lawsuit', result: 'corrected' }, '2026-12-01');
    c.act({ type: 'file_complaint' }, '2026-12-02');
    c.act({ type: 'decide_complaint', result: 'other' }, '2026-12-10');
    expect(c.state.appeals).toEqual([
      { kind: 'reconsideration', filedDate: '2026-07-01', decidedDate: '2026-08-20', result: 'upheld' },
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2026-09-01', decidedDate: '2026-12-01', result: 'corrected' },
    ]);
    expect(c.state.complaints).toEqual([{ filedDate: '2026-12-02', decidedDate: '2026-12-10', result: 'other' }]);
    expect(c.state.status).toBe('replied');
    expect(c.state.version).toBe(8);
  });

  it('a direct lawsuit needs no reconsideration; a withdrawn or abandoned case can be appealed too', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'withdraw' }, '2026-06-02');
    c.act({ type: 'file_lawsuit', afterReconsideration: false }, '2026-06-03');
    expect(c.state.appeals).toEqual([{ kind: 'lawsuit', afterReconsideration: false, filedDate: '2026-06-03' }]);
  });
});

describe('the daily sweep’s flags', () => {
  it('holds for the due date it saw, and is cleared when the due date moves', () => {
    const c = Case.registered('2025-09-25');
    c.flag('due_soon', '2025-10-28', '2025-10-27');
    expect(c.state.flags).toEqual({});
    c.flag('due_soon', '2025-10-29', '2025-10-27');
    expect(c.state.flags).toEqual({ dueSoon: true });
    expect(c.state.lastEffectiveDate).toBe('2025-09-25');
    expect(c.state.version).toBe(3);
    // A back-dated action is still possible: the sweep's flags do not move the last effective date.
    c.act({ type: 'extend', days: 10, reason: 'r', date: '2025-10-20' }, '2025-10-27', supervisor);
    expect(c.state.dueDate).toBe('2025-11-12');
    expect(c.state.flags).toEqual({});
    c.act({ type: 'reply', outcome: 'disclosed' }, '2025-11-13');
    c.flag('overdue', '2025-11-12', '2025-11-14');
    expect(c.state.flags).toEqual({});
  });
});

/** A test fixture standing in for the unpublished 2027 notice: 1 January is a holiday by law. */
const with2027 = new WorkingCalendar([
  ...years,
  {
    year: 2027,
    region: null,
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workdays: [],
    source: 'test fixture standing in for the 2027 notice',
    loadedBy: 'test',
    loadedAt: '2026-12-01T00:00:00Z',
  },
]);

describe('fail closed: a deadline in an unloaded year (docs/domain.md §4)', () => {
  it('is provisional until the year is loaded; replaying with it, or recomputing the clock, makes the deadline final', () => {
    const c = Case.registered('2026-12-15');
    expect(c.state).toMatchObject({ dueDate: '2027-01-12', provisional: true });
    expect(c.state.provisionalReason).toContain('the 2027 holiday calendar');
    const final = replay({ id: 'case-1', agencyId: 'agency-1' }, c.events, with2027);
    expect(final).toMatchObject({ dueDate: '2027-01-13', provisional: false });
    expect(final.provisionalReason).toBeUndefined();
    expect(final.explanation?.provisional).toBe(false);
    const before = structuredClone(c.state);
    expect(recomputeClock(c.state, with2027)).toEqual(final);
    expect(c.state).toEqual(before);
  });

  it('re-derives whether a correction notice was late with the loaded calendar', () => {
    // Without 2025 loaded, National Day is guessed as ten working days: 2025-10-09 looks like the 10th.
    const without2025 = new WorkingCalendar(years.filter((y) => y.year !== 2025));
    const c = Case.registered('2025-09-25', without2025);
    c.act({ type: 'request_correction', items: ['x'], correctionDueDate: '2025-10-20' }, '2025-10-09');
    expect(c.state.correction?.late).toBe(true);
    expect(c.state.flags.correctionLate).toBe(true);
    // With it: 09-26, 09-28 (调休), 09-29, 09-30, 10-09 are the working days: the 5th, in time.
    const fixed = recomputeClock(c.state, calendar);
    expect(fixed.correction?.late).toBe(false);
    expect(fixed.flags.correctionLate).toBeUndefined();
    expect(fixed).toEqual(replay({ id: 'case-1', agencyId: 'agency-1' }, c.events, calendar));
  });
});

describe('the reducer refuses impossible histories', () => {
  it('an event out of sequence, a case opened twice, an empty history, a receipt before 2008-05-01', () => {
    const c = Case.registered('2026-06-01');
    const opening = c.events[0] as CaseEvent;
    expect(() => applyEvent(c.state, { ...opening, seq: 3 }, calendar)).toThrow(/does not follow version 1/);
    expect(() => applyEvent(c.state, { ...opening, seq: 2 }, calendar)).toThrow(/opened only once/);
    expect(() => replay({ id: 'x', agencyId: 'a' }, [], calendar)).toThrow(/no events/);
    expect(() => replay({ id: 'x', agencyId: 'a' }, [{ ...opening, type: 'withdraw' }], calendar)).toThrow(/opens with submit or register/);
    expect(() => Case.registered('2008-04-30')).toThrow(IllegalActionError);
  });

  it('never modifies the state it is given', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'start_consultation', party: 'third_party', name: THIRD_PARTY_NAME }, '2026-06-03');
    const before = structuredClone(c.state);
    const frozen = deepFreeze(c.state);
    const event = { ...c.decide({ type: 'end_consultation', result: 'agreed' }, '2026-06-10'), seq: 3 };
    applyEvent(frozen, event, calendar);
    expect(c.state).toEqual(before);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// ---- Property: random histories -----------------------------------------------------------------

type Step = { pick: number; days: number; back: number; n: number; bool: boolean };
const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.integer({ min: 0, max: 15 }),
  days: fc.integer({ min: 0, max: 12 }),
  back: fc.integer({ min: 0, max: 7 }),
  n: fc.integer({ min: 0, max: 1000 }),
  bool: fc.boolean(),
});

function actionFor(step: Step, state: CaseState, today: CivilDate): { action: CaseAction; actor: Actor } {
  const results = ['upheld', 'corrected', 'other'] as const;
  const result = results[step.n % 3] as (typeof results)[number];
  // A quarter of the actions are back-dated by 1–3 days (often refused: before the last action).
  const date = step.back % 4 === 0 ? addDays(today, -1 - (step.n % 3)) : undefined;
  const actor = step.bool ? supervisor : officer;
  const base = date === undefined ? {} : { date };
  const actions: CaseAction[] = [
    { type: 'confirm_receipt', receivedDate: today, ...base },
    { type: 'request_correction', items: ['the document number'], correctionDueDate: addDays(today, 1 + (step.n % 10)), ...base },
    { type: 'receive_correction', ...base },
    { type: 'close_no_correction', ...base },
    { type: 'start_consultation', party: step.bool ? 'third_party' : 'other_agency', name: THIRD_PARTY_NAME, ...base },
    { type: 'end_consultation', result: (['agreed', 'objected', 'no_reply'] as const)[step.n % 3] as 'agreed', ...base },
    { type: 'extend', days: 1 + (step.n % 22), reason: 'volume', ...base },
    { type: 'reply', outcome: OUTCOME_CODE_LIST[step.n % OUTCOME_CODE_LIST.length] as 'disclosed', ...base },
    { type: 'withdraw', ...base },
    { type: 'file_reconsideration', ...base },
    { type: 'decide_reconsideration', result, ...base },
    { type: 'file_lawsuit', afterReconsideration: step.bool, ...base },
    { type: 'decide_lawsuit', result, ...base },
    { type: 'file_complaint', ...base },
    { type: 'decide_complaint', result, ...base },
  ];
  // Steer towards what each state allows, so every path is reached: once closed, mostly appeals and
  // complaints (their decisions need a filing first); while a correction is awaited, mostly its ends.
  const closed = state.status === 'replied' || state.status === 'withdrawn' || state.status === 'abandoned';
  let index = step.pick % actions.length;
  if (closed && step.n % 4 !== 0) {
    const pending = (kind: 'reconsideration' | 'lawsuit') => state.appeals.some((a) => a.kind === kind && a.result === undefined);
    index = 9 + (step.pick % 6);
    if (step.n % 4 === 1 && pending('reconsideration')) index = 10;
    if (step.n % 4 === 2 && pending('lawsuit')) index = 12;
    if (step.n % 4 === 3 && state.complaints.some((x) => x.result === undefined)) index = 14;
  }
  if (state.status === 'awaiting_correction' && step.n % 4 !== 0) index = step.bool ? 3 : 2;
  if (state.status === 'submitted' && step.n % 4 !== 0) index = 0;
  if (state.status === 'consulting' && step.n % 3 === 0) index = 5;
  return { action: actions[index] as CaseAction, actor };
}

describe('property: random histories', () => {
  it('replay equals folding applyEvent, earlier states are untouched, and the invariants hold', () => {
    const calendarWithGap = new WorkingCalendar(years.filter((y) => y.year !== 2020));
    const seenTypes = new Set<string>();
    const seenStatuses = new Set<string>();
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 0, max: 9000 }),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        (online, offset, steps) => {
          let today = addDays('2017-01-01', offset);
          const c = online ? Case.submitted(`${today}T01:00:00.000Z`, today) : Case.registered(today, calendarWithGap);
          const snapshots: string[] = [JSON.stringify(c.state)];
          for (const step of steps) {
            today = addDays(today, step.days);
            if (step.pick === 15) {
              const dueDate = step.bool ? c.state.dueDate : addDays(today, 3);
              if (dueDate === undefined) continue;
              c.flag(step.n % 2 === 0 ? 'due_soon' : 'overdue', dueDate, today);
            } else {
              const { action, actor } = actionFor(step, c.state, today);
              try {
                c.act(action, today, actor);
              } catch (error) {
                if (!(error instanceof IllegalActionError)) throw error;
                continue;
              }
            }
            snapshots.push(JSON.stringify(c.state));
          }
          // Replay equals the fold, for every prefix, and no step modified an earlier state.
          for (let i = 1; i <= c.events.length; i += 1) {
            expect(JSON.stringify(replay({ id: 'case-1', agencyId: 'agency-1' }, c.events.slice(0, i), c.cal))).toBe(snapshots[i - 1]);
          }
          const s = c.state;
          // Recomputing the clock under another calendar gives what replaying under it gives.
          const other = c.cal === calendarWithGap ? with2027 : calendarWithGap;
          expect(recomputeClock(s, other)).toEqual(replay({ id: 'case-1', agencyId: 'agency-1' }, c.events, other));
          for (const event of c.events) seenTypes.add(event.type);
          seenStatuses.add(s.status);
          expect(s.version).toBe(c.events.length);
          expect(JSON.parse(JSON.stringify(s))).toEqual(s);
          if (s.explanation) expect(JSON.stringify(s.explanation)).not.toContain(THIRD_PARTY_NAME);
          if (s.status === 'received') {
            expect(s.dueDate).toBeDefined();
            expect(c.cal.isWorkingDay(s.dueDate as string).working).toBe(true);
          }
          if (s.status === 'awaiting_correction') expect(s.dueDate).toBeUndefined();
          if (s.status === 'consulting') expect(s.paused).toBe(true);
          const closed = s.status === 'replied' || s.status === 'withdrawn' || s.status === 'abandoned';
          expect(s.closedDate !== undefined).toBe(closed);
          expect(s.closingAction !== undefined).toBe(closed);
          if (s.status === 'replied') expect(s.outcome).toBeDefined();
          if (s.status === 'withdrawn') expect(s.outcome).toBeUndefined();
          if (closed && s.dueDate !== undefined) {
            expect(s.timing).toBe(classifyTiming(s.closedDate as string, s.originalDueDate as string, s.dueDate));
          }
          if (s.receivedDate !== undefined && s.closedDate !== undefined) expect(s.closedDate >= s.receivedDate).toBe(true);
          if (s.extension) expect(s.extension.approvedBy.role).toBe('supervisor');
          expect(s.consultations.filter((x) => x.end === undefined).length).toBeLessThanOrEqual(1);
          // 复议后起诉 (行政诉讼法 Art. 45): a reconsideration decided by then, or pending past its 60 days (policy P6).
          for (const appeal of s.appeals) {
            if (appeal.kind === 'lawsuit' && appeal.afterReconsideration) {
              const ripe = s.appeals.some(
                (r) =>
                  r.kind === 'reconsideration' &&
                  r.filedDate <= appeal.filedDate &&
                  ((r.decidedDate !== undefined && r.decidedDate <= appeal.filedDate) || addDays(r.filedDate, 60) < appeal.filedDate),
              );
              expect(ripe).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    // The generator reaches every kind of event and every status (else the property proves little).
    const allTypes: CaseEvent['type'][] = [
      'submit', 'register', 'confirm_receipt', 'request_correction', 'receive_correction', 'start_consultation',
      'end_consultation', 'extend', 'reply', 'withdraw', 'close_no_correction', 'file_reconsideration',
      'decide_reconsideration', 'file_lawsuit', 'decide_lawsuit', 'file_complaint', 'decide_complaint', 'deadline_flag',
    ];
    expect(allTypes.filter((type) => !seenTypes.has(type))).toEqual([]);
    expect(seenStatuses.size).toBe(7);
  });
});
