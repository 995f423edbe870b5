/**
 * The law at its edges (issue #12): each wrong result of the law audit as a case with its dates counted
 * by hand on the 2026 State Council calendar (2026: 端午 19 June; 中秋 25–27 September; 国庆 1–7 October,
 * make-up working days Sunday 20 September and Saturday 10 October), then the rule and its explanation.
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { CaseState } from '../../../shared/domain/case-state.js';
import type { CaseAction } from '../../../shared/domain/decide.js';
import { checkPlainLetterConfirmation, decide } from '../../../shared/domain/decide.js';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import { applyEvent, clockInputOf, openCase, replay } from '../../../shared/domain/evolve.js';
import { explainDayByDay } from '../../../shared/domain/explanation.js';
import { RECEIPT_DATE_RULE } from '../../../shared/domain/policies.js';
import { localizeExplanation } from '../../../shared/i18n/explanation.js';
import { sweepEventFor } from '../../../shared/services/sweep.js';
import type { Actor, CaseEvent, CivilDate } from '../../../shared/domain/types.js';

const calendar = new WorkingCalendar(seed);
const officer: Actor = { sub: 'officer-1', name: 'Officer', role: 'officer', agencyId: 'jz-zjj' };
const supervisor: Actor = { sub: 'supervisor-1', name: 'Supervisor', role: 'supervisor', agencyId: 'jz-zjj' };
const parentSupervisor: Actor = { sub: 'supervisor-9', name: 'City supervisor', role: 'supervisor', agencyId: 'jz' };
const system: Actor = { sub: 'system', name: 'Gongkai', role: 'system' };
const BASE = { id: 'case-1', agencyId: 'jz-zjj' };

class Case {
  readonly events: CaseEvent[] = [];
  state: CaseState;
  constructor(first: CaseEvent) {
    this.events.push(first);
    this.state = openCase(BASE, first, calendar);
  }
  static registered(receivedDate: CivilDate): Case {
    return new Case({
      seq: 1, type: 'register', channel: 'mail', receivedDate, applicantColumn: 'natural_person',
      actor: officer, recordedAt: `${receivedDate}T02:00:00.000Z`, effectiveDate: receivedDate,
    });
  }
  static submitted(submittedAt: string, effectiveDate: CivilDate): Case {
    return new Case({ seq: 1, type: 'submit', channel: 'online', submittedAt, applicantColumn: 'natural_person', actor: system, recordedAt: submittedAt, effectiveDate });
  }
  act(action: CaseAction, today: CivilDate, actor: Actor = officer): CaseState {
    const draft = decide(this.state, action, { actor, now: `${today}T02:00:00.000Z`, today, calendar });
    return this.append({ ...draft, seq: this.events.length + 1 });
  }
  append(event: CaseEvent): CaseState {
    this.events.push(event);
    this.state = applyEvent(this.state, event, calendar);
    return this.state;
  }
  system(payload: Record<string, unknown>, today: CivilDate): CaseState {
    return this.append({ ...payload, seq: this.events.length + 1, actor: system, recordedAt: `${today}T00:00:00.000Z`, effectiveDate: today } as CaseEvent);
  }
  refused(action: CaseAction, today: CivilDate, actor: Actor = officer): IllegalActionError {
    try {
      decide(this.state, action, { actor, now: `${today}T02:00:00.000Z`, today, calendar });
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalActionError);
      return error as IllegalActionError;
    }
    throw new Error(`${action.type} on ${today} was not refused`);
  }
}

describe('1. a late correction notice (Art. 30; policy P3)', () => {
  // Received Monday 2026-08-03. Reply period: 08-04..07 #1–4, 08-10..14 #5–9, 08-17..21 #10–14,
  // 08-24..28 #15–19, 08-31 #20 → due 2026-08-31. The 7th working day (notice deadline): 08-12.
  it('after the reply deadline is refused; the case stays overdue (the audit case: notice 10-12, reply 11-10)', () => {
    const c = Case.registered('2026-08-03');
    expect(c.state.dueDate).toBe('2026-08-31');
    c.system({ type: 'deadline_flag', flag: 'overdue', dueDate: '2026-08-31' }, '2026-09-01');
    const late = c.refused({ type: 'request_correction', items: ['文件名称'], correctionDueDate: '2026-10-19', date: '2026-10-12' }, '2026-10-12');
    expect(late.rule).toBe('correction.after_reply_deadline');
    expect(late.message).toContain('2026-08-31');
    expect(late.message).toContain('2026-08-12');
    expect(late.messages?.zh).toContain('第三十条');
    c.act({ type: 'reply', outcome: 'disclosed' }, '2026-11-10');
    expect(c.state).toMatchObject({ dueDate: '2026-08-31', timing: 'overdue', missedDeadline: '2026-08-31' });
  });

  it('after the 7 working days but before the deadline: accepted, flagged, restarts the clock, explained', () => {
    const c = Case.registered('2026-08-03');
    c.act({ type: 'request_correction', items: ['文件名称'], correctionDueDate: '2026-08-28' }, '2026-08-20');
    expect(c.state.correction?.late).toBe(true);
    expect(c.state.flags.correctionLate).toBe(true);
    // Corrected application Thursday 08-27: 08-28 #1, 08-31 #2, 09-01..04 #3–6, 09-07..11 #7–11,
    // 09-14..18 #12–16, Sunday 09-20 (make-up) #17, 09-21 #18, 09-22 #19, 09-23 #20.
    c.act({ type: 'receive_correction' }, '2026-08-27');
    expect(c.state).toMatchObject({ clockStart: '2026-08-27', dueDate: '2026-09-23' });
    const notes = c.state.explanation?.notes ?? [];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.zh).toContain('2026-08-12');
    expect(notes[0]?.zh).toContain('重新计算');
    expect(notes[0]?.en).toContain('flagged as late');
  });

  it('a missed deadline stays on record when a later event moves the due date', () => {
    const c = Case.registered('2026-06-01');
    // Due 06-30 (06-02..05 #1–4, 08..12 #5–9, 15..18 #10–13, 19 端午, 22..26 #14–18, 29 #19, 30 #20).
    expect(c.state.dueDate).toBe('2026-06-30');
    c.system({ type: 'deadline_flag', flag: 'overdue', dueDate: '2026-06-30' }, '2026-07-01');
    // A consultation that really started on 06-29 is recorded late (back-dated): the due date moves.
    c.act({ type: 'start_consultation', party: 'third_party', name: 'x', date: '2026-06-29' }, '2026-07-02');
    expect(c.state.dueDate).toBeUndefined();
    expect(c.state.flags.overdue).toBeUndefined();
    expect(c.state.missedDeadline).toBe('2026-06-30');
  });
});

describe('2. the consultation window (Art. 32, 34; policies P2 and the window)', () => {
  // Received Tuesday 2026-08-25; consultation letter sent (and, by default, received) Tuesday 09-01.
  // Counted before it: 08-26 #1, 08-27 #2, 08-28 #3, 08-31 #4, 09-01 #5 (the start day is counted: (start, end]).
  // The party's 15 working days: 09-02..04 (1–3), 09-07..11 (4–8), 09-14..18 (9–13), Sunday 09-20 (14, make-up),
  // 09-21 (15) → the window ends 2026-09-21. The clock restarts after it: 09-22 #6, 09-23 #7, 09-24 #8,
  // (25–27 中秋) 09-28 #9, 09-29 #10, 09-30 #11, (10-01..07 国庆) 10-08 #12, 10-09 #13, Saturday 10-10 #14
  // (make-up), 10-12..16 #15–19, 10-19 #20 → due 2026-10-19.
  it('the audit case: paused until the window closes, then the sweep ends it and the deadline is 2026-10-19', () => {
    const c = Case.registered('2026-08-25');
    c.act({ type: 'start_consultation', party: 'third_party', name: '江州市示例建材有限公司' }, '2026-09-01');
    expect(c.state).toMatchObject({ status: 'consulting', paused: true, workingDaysLeft: 15 });
    expect(c.state.consultations[0]).toMatchObject({ letterReceivedOn: '2026-09-01', windowEnd: '2026-09-21' });
    const note = c.state.explanation?.notes[0];
    expect(note?.zh).toContain('未记录收到日期的,按发出日计算');
    expect(note?.en).toContain('until 2026-09-21');
    // The sweep on 09-22 (the first day after the window) ends it.
    c.system({ type: 'consultation_lapsed', windowEnd: '2026-09-21' }, '2026-09-22');
    expect(c.state).toMatchObject({ status: 'received', paused: false, dueDate: '2026-10-19', flags: { consultationLapsed: true } });
    expect(c.state.consultations[0]).toMatchObject({ end: '2026-09-21', result: 'no_reply', lapsed: true });
    expect(c.state.explanation?.notes[0]?.zh).toContain('已届满');
    // Replaying gives the same.
    expect(replay(BASE, c.events, calendar)).toEqual(c.state);
  });

  it('an answer recorded after the window excludes only up to the window’s end', () => {
    const c = Case.registered('2026-08-25');
    c.act({ type: 'start_consultation', party: 'other_agency', name: '市自然资源局' }, '2026-09-01');
    c.act({ type: 'end_consultation', result: 'agreed' }, '2026-10-09');
    expect(c.state.dueDate).toBe('2026-10-19');
  });

  it('the letter received later: the window runs from its receipt (09-03 → 09-23), the due date moves with it', () => {
    const c = Case.registered('2026-08-25');
    // 09-04 (1), 09-07..11 (2–6), 09-14..18 (7–11), 09-20 (12), 09-21 (13), 09-22 (14), 09-23 (15).
    c.act({ type: 'start_consultation', party: 'third_party', name: 'x', letterReceivedOn: '2026-09-03' }, '2026-09-03');
    expect(c.state.consultations[0]?.windowEnd).toBe('2026-09-23');
    expect(c.refused({ type: 'start_consultation', party: 'third_party', name: 'y' }, '2026-09-04').rule).toBe('consultation.already_open');
    const d = Case.registered('2026-08-25');
    expect(d.refused({ type: 'start_consultation', party: 'third_party', name: 'x', letterReceivedOn: '2026-08-31', date: '2026-09-01' }, '2026-09-03').rule).toBe(
      'consultation.letter_received_invalid',
    );
  });

  it('policy P2: the stretch is (start, end]: the start day is counted, the end day is not', () => {
    const c = Case.registered('2026-08-25');
    c.act({ type: 'start_consultation', party: 'third_party', name: 'x' }, '2026-09-01');
    c.act({ type: 'end_consultation', result: 'agreed' }, '2026-09-04');
    const days = explainDayByDay(clockInputOf(c.state)!, calendar);
    expect(days.find((d) => d.date === '2026-09-01')).toMatchObject({ role: 'counted', count: 5 });
    expect(days.find((d) => d.date === '2026-09-02')?.role).toBe('excluded');
    expect(days.find((d) => d.date === '2026-09-04')?.role).toBe('excluded');
    expect(days.find((d) => d.date === '2026-09-07')).toMatchObject({ role: 'counted', count: 6 });
  });
});

describe('3. online receipt (Art. 31(3), Guiding Case No. 26; policy P4)', () => {
  it('the audit case: submitted 2026-09-01, confirmed 2026-11-27 needs a reason and is flagged', () => {
    const c = Case.submitted('2026-09-01T02:00:00.000Z', '2026-09-01');
    const late = c.refused({ type: 'confirm_receipt', receivedDate: '2026-11-27' }, '2026-11-27');
    expect(late.rule).toBe('receipt.confirmation_too_late');
    expect(late.messages?.zh).toContain('指导案例26号');
    c.act({ type: 'confirm_receipt', receivedDate: '2026-11-27', lateReason: '系统故障，提交记录延迟推送' }, '2026-11-27');
    expect(c.state.flags.receiptConfirmedLate).toBe(true);
    expect(c.state.receiptLateReason).toBe('系统故障，提交记录延迟推送');
  });

  it('a Saturday submission (2025-03-08) is received on Monday 03-10 (or 03-11) without a reason; 03-12 needs one', () => {
    // 2025: 03-10 is the first working day after Saturday 03-08; +1 working day: 03-11.
    for (const receivedDate of ['2025-03-10', '2025-03-11']) {
      const c = Case.submitted('2025-03-08T02:00:00.000Z', '2025-03-08');
      c.act({ type: 'confirm_receipt', receivedDate }, receivedDate);
      expect(c.state.flags.receiptConfirmedLate).toBeUndefined();
    }
    const c = Case.submitted('2025-03-08T02:00:00.000Z', '2025-03-08');
    expect(c.refused({ type: 'confirm_receipt', receivedDate: '2025-03-12' }, '2025-03-12').rule).toBe('receipt.confirmation_too_late');
    // Received Monday 03-10: 03-11..14 #1–4, 17..21 #5–9, 24..28 #10–14, 03-31..04-03 #15–18,
    // (04-04 清明, 05–06 weekend) 04-07 #19, 04-08 #20 → due 2025-04-08, as the 201 answer states the rule.
    c.act({ type: 'confirm_receipt', receivedDate: '2025-03-10' }, '2025-03-10');
    expect(c.state.dueDate).toBe('2025-04-08');
    expect(RECEIPT_DATE_RULE.zh).toContain('第一个工作日');
    expect(RECEIPT_DATE_RULE.en).toContain('first working day');
  });

  it('the sweep’s flag for an unconfirmed submission holds until receipt is confirmed', () => {
    const c = Case.submitted('2026-09-01T02:00:00.000Z', '2026-09-01');
    c.system({ type: 'receipt_flag', flag: 'unconfirmed', submittedOn: '2026-09-01' }, '2026-09-03');
    expect(c.state.flags.unconfirmed).toBe(true);
    c.act({ type: 'confirm_receipt', receivedDate: '2026-09-02' }, '2026-09-03');
    expect(c.state.flags.unconfirmed).toBeUndefined();
  });
});

describe('4. appeals against silence (法释〔2011〕17号 Art. 1(1)): open cases, independent dates', () => {
  it('a reconsideration and a lawsuit on an open, overdue case; an appeal dated before the reply', () => {
    const c = Case.registered('2026-06-01');
    // Due 06-30 (see above). Nothing by then: the applicant appeals on 07-10.
    c.act({ type: 'file_reconsideration' }, '2026-07-10');
    expect(c.state).toMatchObject({ status: 'received', appeals: [{ kind: 'reconsideration', filedDate: '2026-07-10' }] });
    // The appeal does not move the case's own dates: the reply can still be dated 07-08.
    c.act({ type: 'reply', outcome: 'disclosed', date: '2026-07-08' }, '2026-07-15');
    expect(c.state).toMatchObject({ status: 'replied', closedDate: '2026-07-08', timing: 'overdue' });
    // After the reply, a complaint dated before it (07-01) is recorded.
    c.act({ type: 'file_complaint', date: '2026-07-01' }, '2026-07-16');
    expect(c.state.complaints).toEqual([{ filedDate: '2026-07-01' }]);
    expect(c.refused({ type: 'file_lawsuit', afterReconsideration: false, date: '2026-05-29' }, '2026-07-16').rule).toBe('appeal.date_invalid');
    expect(c.refused({ type: 'file_lawsuit', afterReconsideration: false, date: '2026-07-17' }, '2026-07-16').rule).toBe('action.date_in_future');
    expect(c.refused({ type: 'decide_complaint', result: 'upheld', date: '2026-06-30' }, '2026-07-16').rule).toBe('appeal.decision_before_filing');
  });
});

describe('5. a lawsuit once the reconsideration period has run out (行政诉讼法 Art. 45; policy P6)', () => {
  it('reconsideration filed 2026-07-01 and never decided: 复议后起诉 from 08-31 (60 days after filing end on 08-30)', () => {
    const c = Case.registered('2026-06-01');
    c.act({ type: 'reply', outcome: 'withheld.privacy' }, '2026-06-10');
    c.act({ type: 'file_reconsideration' }, '2026-07-01');
    // 07-01 + 60 days = 08-30: still within the period.
    const early = c.refused({ type: 'file_lawsuit', afterReconsideration: true }, '2026-08-30');
    expect(early.rule).toBe('lawsuit.reconsideration_not_decided');
    expect(early.messages?.zh).toContain('第四十五条');
    c.act({ type: 'file_lawsuit', afterReconsideration: true }, '2026-08-31');
    expect(c.state.appeals[1]).toEqual({ kind: 'lawsuit', afterReconsideration: true, filedDate: '2026-08-31' });
  });
});

describe('6. who approves an extension (Art. 33)', () => {
  it('only a supervisor of the case’s own agency; who, which agency and the notice date are recorded', () => {
    const c = Case.registered('2026-06-01');
    const parent = c.refused({ type: 'extend', days: 20, reason: '需要调取历史档案' }, '2026-06-15', parentSupervisor);
    expect(parent.rule).toBe('extension.other_agency');
    expect(parent.message).toContain('jz-zjj');
    expect(parent.messages?.zh).toContain('jz');
    // The notice to the applicant: on or before the deadline (06-30).
    expect(c.refused({ type: 'extend', days: 20, reason: 'r', noticeDate: '2026-07-01' }, '2026-07-01', supervisor).rule).toBe('extension.after_deadline');
    expect(c.refused({ type: 'extend', days: 20, reason: 'r', date: '2026-06-15', noticeDate: '2026-06-14' }, '2026-06-16', supervisor).rule).toBe(
      'extension.notice_date',
    );
    c.act({ type: 'extend', days: 20, reason: '需要调取历史档案', date: '2026-06-15', noticeDate: '2026-06-16' }, '2026-06-16', supervisor);
    expect(c.state.extension).toEqual({
      days: 20,
      reason: '需要调取历史档案',
      approvedBy: supervisor,
      approvingAgencyId: 'jz-zjj',
      approvedOn: '2026-06-15',
      noticeDate: '2026-06-16',
    });
  });
});

describe('the daily sweep’s decisions (shared/services/sweep.ts sweepEventFor)', () => {
  it('ends a consultation once its window has closed, flags an unconfirmed submission, flags deadlines', () => {
    const consulting = Case.registered('2026-08-25');
    consulting.act({ type: 'start_consultation', party: 'third_party', name: 'x' }, '2026-09-01');
    // Window ends 09-21: nothing on that day, the lapse on the next.
    expect(sweepEventFor(consulting.state, '2026-09-21', '2026-09-24', calendar)).toBeUndefined();
    expect(sweepEventFor(consulting.state, '2026-09-22', '2026-09-25', calendar)).toEqual({ type: 'consultation_lapsed', windowEnd: '2026-09-21' });
    // The audit's case, swept on 2026-11-29: the lapse, then (the deadline 10-19 long past) overdue.
    consulting.system({ ...sweepEventFor(consulting.state, '2026-11-29', '2026-12-02', calendar)! }, '2026-11-29');
    expect(consulting.state.dueDate).toBe('2026-10-19');
    expect(sweepEventFor(consulting.state, '2026-11-29', '2026-12-02', calendar)).toEqual({ type: 'deadline_flag', flag: 'overdue', dueDate: '2026-10-19' });

    // Submitted Tuesday 2026-09-01: confirmation allowed through 09-02 (policy P4); flagged from 09-03.
    const submitted = Case.submitted('2026-09-01T02:00:00.000Z', '2026-09-01');
    expect(sweepEventFor(submitted.state, '2026-09-02', '2026-09-07', calendar)).toBeUndefined();
    expect(sweepEventFor(submitted.state, '2026-09-03', '2026-09-08', calendar)).toEqual({ type: 'receipt_flag', flag: 'unconfirmed', submittedOn: '2026-09-01' });
    submitted.system({ type: 'receipt_flag', flag: 'unconfirmed', submittedOn: '2026-09-01' }, '2026-09-03');
    expect(sweepEventFor(submitted.state, '2026-09-04', '2026-09-09', calendar)).toBeUndefined();
  });
});

describe('policy P1 at the boundary: the regime of the receipt date governs the whole case (法〔2004〕96号 considered, docs/domain.md "Policies")', () => {
  // Hand-counted on the 2019 calendar (Labour Day 1–4 May, make-up Sunday 5 May; Dragon Boat 7 June):
  // received Tuesday 2019-05-14 → 2008 Regulation, 15 working days: 15,16,17,20,21,22,23,24,27,28,29,30,31 May,
  // 3, 4 June → due 2019-06-04. Received Wednesday 2019-05-15 → 2019 Regulation, 20 working days: 16, 17, 20,
  // 21, 22, 23, 24, 27, 28, 29, 30, 31 May, 3, 4, 5, 6 June, (7 June a holiday), 10, 11, 12, 13 June → due 2019-06-13.
  it('a case received on 2019-05-14 keeps the 2008 procedure for steps taken after 2019-05-15', () => {
    const old = Case.registered('2019-05-14');
    expect([old.state.regime, old.state.dueDate]).toEqual(['2008', '2019-06-04']);
    // A correction notice (2019 Regulation Art. 30) did not exist under the 2008 Regulation, even when sent on 2019-05-20.
    expect(old.refused({ type: 'request_correction', items: ['文件名称'], correctionDueDate: '2019-05-31' }, '2019-05-20').rule).toBe('correction.not_in_2008_regime');
    // Nor did stopping the clock for another agency (2019 Regulation Art. 34).
    expect(old.refused({ type: 'start_consultation', party: 'other_agency', name: '江州市住房和城乡建设局' }, '2019-05-20').rule).toBe('consultation.other_agency_2008');
    // A third party could be consulted under both (2008 Art. 23, 24 ¶3).
    old.act({ type: 'start_consultation', party: 'third_party', name: '江州市示例建材有限公司' }, '2019-05-20');
    expect(old.state.status).toBe('consulting');
  });

  it('a case received on 2019-05-15 has the 2019 procedure from its first day', () => {
    const fresh = Case.registered('2019-05-15');
    expect([fresh.state.regime, fresh.state.dueDate]).toEqual(['2019', '2019-06-13']);
    fresh.act({ type: 'request_correction', items: ['文件名称'], correctionDueDate: '2019-05-31' }, '2019-05-20');
    expect(fresh.state.status).toBe('awaiting_correction');
  });
});

describe('Art. 31(2) plain letters: arrival and confirmation kept apart (policy P15)', () => {
  // Arrived Friday 2026-08-14, confirmed with the applicant Monday 08-17: received 08-17. Reply period:
  // 08-18..21 #1–4, 08-24..28 #5–9, 08-31..09-04 #10–14, 09-07..11 #15–19, 09-14 #20 → due 2026-09-14.
  it('dates receipt to the confirmation, keeps the arrival, explains both, and needs a reason for a later confirmation', () => {
    expect(checkPlainLetterConfirmation('2026-08-14', '2026-08-14', undefined)).toBeUndefined();
    let refused: unknown;
    try {
      checkPlainLetterConfirmation('2026-08-14', '2026-08-17', ' ');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(IllegalActionError);
    expect((refused as IllegalActionError).rule).toBe('receipt.plain_letter_confirmed_late');
    expect((refused as IllegalActionError).messages?.zh).toContain('lateReason');
    expect(checkPlainLetterConfirmation('2026-08-14', '2026-08-17', '到达当日无法联系申请人')).toBe('到达当日无法联系申请人');

    const c = new Case({
      seq: 1, type: 'register', channel: 'mail', receivedDate: '2026-08-17', letterArrivedOn: '2026-08-14', lateReason: '到达当日无法联系申请人',
      applicantColumn: 'natural_person', actor: officer, recordedAt: '2026-08-17T02:00:00.000Z', effectiveDate: '2026-08-17',
    });
    expect(c.state).toMatchObject({ receivedDate: '2026-08-17', letterArrivedOn: '2026-08-14', clockStart: '2026-08-17', dueDate: '2026-09-14', flags: { receiptConfirmedLate: true } });
    expect(c.state.receiptLateReason).toBe('到达当日无法联系申请人');
    expect(c.state.explanation?.notes[0]?.zh).toContain('平常信函于 2026-08-14 到达,于 2026-08-17 与申请人确认');
    expect(replay(BASE, c.events, calendar)).toEqual(c.state);
  });
});

describe('Art. 32: disclosure in the public interest despite the third party’s objection (policy P16)', () => {
  it('is decided by the agency’s own supervisor after an objection, records the written notice, and the reply discloses', () => {
    const c = Case.registered('2026-08-03');
    expect(c.refused({ type: 'public_interest_disclosure', information: '项目审批意见', reason: '涉及公共安全', date: '2026-08-04' }, '2026-08-04', supervisor).rule).toBe('public_interest.no_objection');
    c.act({ type: 'start_consultation', party: 'third_party', name: '某建材公司', date: '2026-08-04' }, '2026-08-04');
    c.act({ type: 'end_consultation', result: 'objected', date: '2026-08-11' }, '2026-08-11');
    const action = { type: 'public_interest_disclosure', information: '项目环境影响评价审批意见', reason: '不公开可能对公共利益造成重大影响(公共安全)', thirdPartyNotifiedOn: '2026-08-13', date: '2026-08-12' } as const;
    expect(c.refused(action, '2026-08-13').rule).toBe('public_interest.supervisor_only');
    expect(c.refused(action, '2026-08-13', parentSupervisor).rule).toBe('public_interest.supervisor_only');
    expect(c.refused({ ...action, information: ' ' }, '2026-08-13', supervisor).rule).toBe('public_interest.content_required');
    expect(c.refused({ ...action, thirdPartyNotifiedOn: '2026-08-11' }, '2026-08-13', supervisor).rule).toBe('public_interest.notice_date');
    const s = c.act(action, '2026-08-13', supervisor);
    expect(s.publicInterest).toMatchObject({ decidedOn: '2026-08-12', thirdPartyNotifiedOn: '2026-08-13', information: '项目环境影响评价审批意见', decidedBy: { sub: 'supervisor-1', agencyId: 'jz-zjj' } });
    expect(c.refused(action, '2026-08-13', supervisor).rule).toBe('public_interest.already_decided');
    const withheld = c.refused({ type: 'reply', outcome: 'withheld.trade_secret', date: '2026-08-20' }, '2026-08-20');
    expect(withheld.rule).toBe('reply.public_interest_decided');
    expect(withheld.messages?.zh).toContain('因公共利益决定公开');
    c.act({ type: 'reply', outcome: 'disclosed', date: '2026-08-20' }, '2026-08-20');
    expect(c.state).toMatchObject({ status: 'replied', outcome: 'disclosed' });
    expect(replay(BASE, c.events, calendar)).toEqual(c.state);
  });
});

describe('Art. 35: many or repeated applications — reasons asked, a reasonable later date (policy P16)', () => {
  // Received Monday 2026-08-03, due 2026-08-31 (counted above). A reasonable later date, 2026-09-30, set on
  // 08-20: 09-01..04 #21–24, 09-07..11 #25–29, 09-14..18 #30–34, Sunday 09-20 (make-up) #35, 09-21..24 #36–39
  // (09-25 中秋), 09-28..30 #40–42 → 22 working days after the Art. 33 deadline.
  it('needs the reasons asked first, a supervisor, a date after the deadline set before it; the reply within it is 延期, not overdue', () => {
    const c = Case.registered('2026-08-03');
    const period = { type: 'reasonable_period', until: '2026-09-30', reason: '申请涉及2010年以来全部档案,需逐件检索', noticeDate: '2026-08-21', date: '2026-08-20' } as const;
    expect(c.refused(period, '2026-08-21', supervisor).rule).toBe('art35.reasons_not_asked');
    expect(c.refused({ type: 'request_reasons', question: '请说明一个月内申请120件的理由', reasonsDueDate: '2026-08-05', date: '2026-08-05' }, '2026-08-05').rule).toBe('art35.reasons_due_date');
    c.act({ type: 'request_reasons', question: '请说明一个月内申请120件的理由', reasonsDueDate: '2026-08-12', date: '2026-08-05' }, '2026-08-05');
    expect(c.state.art35).toMatchObject({ requestedOn: '2026-08-05', reasonsDueDate: '2026-08-12' });
    expect(c.state.dueDate).toBe('2026-08-31'); // asking for reasons does not stop the clock
    expect(c.refused(period, '2026-08-21').rule).toBe('art35.supervisor_only');
    expect(c.refused({ ...period, until: '2026-08-31' }, '2026-08-21', supervisor).rule).toBe('art35.until_after_deadline');
    expect(c.refused({ ...period, date: '2026-09-01', noticeDate: '2026-09-01' }, '2026-09-01', supervisor).rule).toBe('art35.after_deadline');
    const s = c.act(period, '2026-08-21', supervisor);
    expect(s).toMatchObject({ dueDate: '2026-09-30', originalDueDate: '2026-08-31', extended: false });
    expect(s.art35?.reasonablePeriod).toMatchObject({ until: '2026-09-30', decidedOn: '2026-08-20', noticeDate: '2026-08-21', decidedBy: { sub: 'supervisor-1' } });
    expect(s.explanation?.stretches.map((x) => [x.kind, x.from, x.to, x.workingDays])).toEqual([
      ['counted', '2026-08-04', '2026-08-31', 20],
      ['extension', '2026-09-01', '2026-09-30', 22],
    ]);
    expect(s.explanation?.summary).toBe(
      'Due 2026-09-30: a reasonable later date set under Art. 35; the 20 working days after receipt on 2026-08-03 ended on 2026-08-31 (2019 Regulation (国务院令第711号) Art. 33).',
    );
    expect(localizeExplanation(s.explanation, 'zh')?.summary).toContain('依第三十五条确定的延迟答复的合理期限');
    const days = explainDayByDay(clockInputOf(s)!, calendar);
    expect(days.at(-1)).toMatchObject({ date: '2026-09-30', role: 'extension', count: 42 });
    expect(c.refused({ ...period, until: '2026-10-30' }, '2026-08-21', supervisor).rule).toBe('art35.period_already_set');
    c.act({ type: 'reply', outcome: 'disclosed', date: '2026-09-29' }, '2026-09-29');
    expect(c.state.timing).toBe('extended');
    expect(replay(BASE, c.events, calendar)).toEqual(c.state);
  });
});
