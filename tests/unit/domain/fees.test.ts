/**
 * The information processing fee (信息处理费; 2019 Regulation Art. 42; 国办函〔2020〕109号 Art. 3–5; the payment
 * period of 20 working days from the day after the notice is received; policies P13, P14 in docs/domain.md):
 * the scales counted by hand in fen, and cases on the 2026 State Council calendar (端午 Friday 19 June; 中秋
 * 25–27 September; 国庆 1–7 October; make-up working days Sunday 20 September and Saturday 10 October).
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { CaseState } from '../../../shared/domain/case-state.js';
import { FEE_EXCLUSION_CITATION } from '../../../shared/domain/clock.js';
import type { CaseAction, DecideContext } from '../../../shared/domain/decide.js';
import { decide } from '../../../shared/domain/decide.js';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import { applyEvent, clockInputOf, openCase, replay } from '../../../shared/domain/evolve.js';
import { explainDayByDay } from '../../../shared/domain/explanation.js';
import { perItemFee, perItemRateFen, perVolumeFee, yuan } from '../../../shared/domain/fees.js';
import type { Actor, CaseEvent, CivilDate } from '../../../shared/domain/types.js';
import { localizeExplanation } from '../../../shared/i18n/explanation.js';
import { classifyCase } from '../../../shared/reports/aggregate.js';
import { toReportCase } from '../../../shared/reports/from-case-state.js';

const calendar = new WorkingCalendar(seed);
const officer: Actor = { sub: 'officer-1', name: 'Officer', role: 'officer', agencyId: 'jz-zjj' };
const BASE = { id: 'case-1', agencyId: 'jz-zjj' };
const HOW = '通过非税收入缴款平台缴纳(缴款码见通知书)';

class Case {
  readonly events: CaseEvent[] = [];
  state: CaseState;
  constructor(receivedDate: CivilDate) {
    const first: CaseEvent = {
      seq: 1, type: 'register', channel: 'mail', receivedDate, applicantColumn: 'natural_person',
      actor: officer, recordedAt: `${receivedDate}T02:00:00.000Z`, effectiveDate: receivedDate,
    };
    this.events.push(first);
    this.state = openCase(BASE, first, calendar);
  }
  ctx(today: CivilDate, feePriorItems?: number): DecideContext {
    return { actor: officer, now: `${today}T02:00:00.000Z`, today, calendar, ...(feePriorItems === undefined ? {} : { feePriorItems }) };
  }
  act(action: CaseAction, today: CivilDate, feePriorItems?: number): CaseState {
    const draft = decide(this.state, action, this.ctx(today, feePriorItems));
    const event = { ...draft, seq: this.events.length + 1 };
    this.events.push(event);
    this.state = applyEvent(this.state, event, calendar);
    return this.state;
  }
  refused(action: CaseAction, today: CivilDate, feePriorItems?: number): IllegalActionError {
    try {
      decide(this.state, action, this.ctx(today, feePriorItems));
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalActionError);
      return error as IllegalActionError;
    }
    throw new Error(`${action.type} on ${today} was not refused`);
  }
}

describe('the scales (国办函〔2020〕109号 Art. 4, 5), in fen', () => {
  it('per item: the n-th item of the month — 1–10 free, 11–30 100 元, then +100 元 for each band of 10', () => {
    const table: [number, number][] = [
      [1, 0], [10, 0], [11, 100_00], [30, 100_00], [31, 200_00], [40, 200_00], [41, 300_00], [50, 300_00], [51, 400_00], [60, 400_00], [61, 500_00],
    ];
    for (const [n, fen] of table) expect(perItemRateFen(n), `item ${String(n)}`).toBe(fen);
  });

  it('per item, progressive over the month: 28 earlier items, 5 more → items 29–30 at 100 元, 31–33 at 200 元 = 800 元', () => {
    const fee = perItemFee(28, 5);
    expect(fee.breakdown).toEqual([
      { from: 29, to: 30, units: 2, rateFen: 100_00, amountFen: 200_00 },
      { from: 31, to: 33, units: 3, rateFen: 200_00, amountFen: 600_00 },
    ]);
    expect(fee.amountFen).toBe(800_00);
    expect(yuan(fee.amountFen)).toBe('800.00');
    // 9 earlier, 3 more: item 10 free, 11–12 at 100 元 = 200 元.
    expect(perItemFee(9, 3)).toMatchObject({ amountFen: 200_00, breakdown: [{ from: 10, to: 10, units: 1, rateFen: 0, amountFen: 0 }, { from: 11, to: 12, units: 2, rateFen: 100_00, amountFen: 200_00 }] });
    // Items 1–10 of a month cost nothing.
    expect(perItemFee(0, 10).amountFen).toBe(0);
    // 0 earlier, 45 at once: 10 free, 20 × 100, 10 × 200, 5 × 300 = 2000 + 2000 + 1500 = 5500 元.
    expect(perItemFee(0, 45).amountFen).toBe(5500_00);
  });

  it('per volume: 1–30 pages free, 31–100 10 元, 101–200 20 元, 201+ 40 元 a page, progressive', () => {
    const table: [number, number][] = [
      [30, 0], [31, 10_00], [100, 700_00], [101, 720_00], [200, 2700_00], [201, 2740_00],
    ];
    for (const [pages, fen] of table) expect(perVolumeFee(pages).amountFen, `${String(pages)} pages`).toBe(fen);
    // 250 pages: 30 × 0 + 70 × 10 + 100 × 20 + 50 × 40 = 700 + 2000 + 2000 = 4700 元.
    expect(perVolumeFee(250)).toEqual({
      method: 'per_volume',
      priorUnits: 0,
      units: 250,
      amountFen: 4700_00,
      breakdown: [
        { from: 1, to: 30, units: 30, rateFen: 0, amountFen: 0 },
        { from: 31, to: 100, units: 70, rateFen: 10_00, amountFen: 700_00 },
        { from: 101, to: 200, units: 100, rateFen: 20_00, amountFen: 2000_00 },
        { from: 201, to: 250, units: 50, rateFen: 40_00, amountFen: 2000_00 },
      ],
    });
  });

  it('refuses impossible counts', () => {
    expect(() => perItemFee(-1, 1)).toThrow(RangeError);
    expect(() => perItemFee(0, 0)).toThrow(RangeError);
    expect(() => perVolumeFee(2.5)).toThrow(RangeError);
  });
});

describe('a fee notice paid: the time from notice to payment is not counted (policy P13)', () => {
  // Received Monday 2026-06-01; without a fee: 06-02..05 #1–4, 06-08..12 #5–9, 06-15..18 #10–13 (06-19 端午),
  // 06-22..26 #14–18, 06-29..30 #19–20 → due 2026-06-30.
  // Fee notice Friday 06-05 (after #4), received by the applicant Monday 06-08. Payment period from 06-09:
  // 06-09..12 #1–4, 06-15..18 #5–8, 06-22..26 #9–13, 06-29..30 #14–15, 07-01..03 #16–18, 07-06..07 #19–20
  // → pay by 2026-07-07. Paid Wednesday 06-17: not counted (06-05, 06-17] = 06-08..12 and 06-15..17 = 8
  // working days. Then 06-18 #5, 06-22..26 #6–10, 06-29..30 #11–12, 07-01..03 #13–15, 07-06..10 #16–20
  // → due 2026-07-10 (= 06-30 + 8 working days).
  it('pauses the clock, explains it, and moves the deadline by the working days not counted', () => {
    const c = new Case('2026-06-01');
    expect(c.state.dueDate).toBe('2026-06-30');
    const notified = c.act({ type: 'fee_notice', method: 'per_volume', pages: 250, howToPay: HOW, noticeReceivedOn: '2026-06-08', date: '2026-06-05' }, '2026-06-08');
    expect(notified.fee).toMatchObject({
      method: 'per_volume', units: 250, amountFen: 4700_00, noticeDate: '2026-06-05', noticeReceivedOn: '2026-06-08',
      paymentDueDate: '2026-07-07', status: 'notified',
    });
    expect(notified.fee?.breakdown).toHaveLength(4);
    expect(notified).toMatchObject({ status: 'received', paused: true, pausedSince: '2026-06-05', workingDaysLeft: 16 });
    expect(notified.dueDate).toBeUndefined();
    expect(notified.explanation?.summary).toBe(
      'Paused since 2026-06-05 (fee notice awaiting payment): 16 of 20 working days left, counted from receipt on 2026-06-01 (2019 Regulation (国务院令第711号) Art. 33).',
    );
    expect(localizeExplanation(notified.explanation, 'zh')?.summary).toContain('收费通知发出后等待缴费');

    // While the fee is awaited the application is not processed further.
    expect(c.refused({ type: 'reply', outcome: 'disclosed', date: '2026-06-10' }, '2026-06-10').rule).toBe('fee.pending_blocks');
    expect(c.refused({ type: 'start_consultation', party: 'third_party', name: '某公司', date: '2026-06-10' }, '2026-06-10').rule).toBe('fee.pending_blocks');

    const paid = c.act({ type: 'fee_paid', date: '2026-06-17' }, '2026-06-17');
    expect(paid.fee).toMatchObject({ status: 'paid', settledOn: '2026-06-17' });
    expect(paid).toMatchObject({ paused: false, dueDate: '2026-07-10', originalDueDate: '2026-07-10' });
    expect(paid.explanation?.stretches.map((s) => [s.kind, s.from, s.to, s.workingDays])).toEqual([
      ['counted', '2026-06-02', '2026-06-05', 4],
      ['excluded', '2026-06-06', '2026-06-17', 8],
      ['counted', '2026-06-18', '2026-07-10', 16],
    ]);
    expect(paid.explanation?.stretches[1]?.rule).toBe(FEE_EXCLUSION_CITATION);
    expect(paid.explanation?.summary).toContain('not counting 8 working days of fee payment');
    expect(localizeExplanation(paid.explanation, 'zh')?.summary).toContain('等待缴纳信息处理费的 8 个工作日不计算在内');
    const days = explainDayByDay(clockInputOf(paid)!, calendar);
    expect(days.filter((d) => d.role === 'excluded').map((d) => d.date)).toEqual([
      '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12',
      '2026-06-13', '2026-06-14', '2026-06-15', '2026-06-16', '2026-06-17',
    ]);
    expect(days.at(-1)).toMatchObject({ date: '2026-07-10', role: 'counted', count: 20 });

    // Once per application; replay gives the same state.
    expect(c.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: HOW, date: '2026-06-18' }, '2026-06-18').rule).toBe('fee.only_once');
    c.act({ type: 'reply', outcome: 'disclosed', date: '2026-07-10' }, '2026-07-10');
    expect(c.state.timing).toBe('on_time');
    expect(replay(BASE, c.events, calendar)).toEqual(c.state);
  });
});

describe('a fee not paid: deemed abandoned (视为放弃申请) → cn-2021 （六）2', () => {
  // Received Monday 2026-09-14. Per item: 28 earlier items this month, this application split into 5 →
  // 800 元 (items 29–30 at 100 元, 31–33 at 200 元). Notice Wednesday 09-16, received the same day (not recorded).
  // Payment period from 09-17: 09-17..18 #1–2, Sunday 09-20 (make-up) #3, 09-21..24 #4–7 (09-25..27 中秋),
  // 09-28..30 #8–10 (10-01..07 国庆), 10-08..09 #11–12, Saturday 10-10 (make-up) #13, 10-12..16 #14–18,
  // 10-19..20 #19–20 → pay by 2026-10-20.
  it('closes only after the payment period, as other.fee_unpaid', () => {
    const c = new Case('2026-09-14');
    const noPrior = c.refused({ type: 'fee_notice', method: 'per_item', items: 5, howToPay: HOW, date: '2026-09-16' }, '2026-09-16');
    expect(noPrior.rule).toBe('fee.prior_items_unknown');
    const free = c.refused({ type: 'fee_notice', method: 'per_item', items: 1, howToPay: HOW, date: '2026-09-16' }, '2026-09-16', 3);
    expect(free.rule).toBe('fee.nothing_due');
    const both = c.refused({ type: 'fee_notice', method: 'per_item', items: 5, pages: 40, howToPay: HOW, date: '2026-09-16' }, '2026-09-16', 28);
    expect(both.rule).toBe('fee.method_invalid');
    expect(both.messages?.zh).toContain('不得同时计算');

    const s = c.act({ type: 'fee_notice', method: 'per_item', items: 5, howToPay: HOW, date: '2026-09-16' }, '2026-09-16', 28);
    expect(s.fee).toMatchObject({ method: 'per_item', units: 5, priorUnits: 28, amountFen: 800_00, noticeReceivedOn: '2026-09-16', paymentDueDate: '2026-10-20' });

    expect(c.refused({ type: 'close_fee_unpaid', date: '2026-10-20' }, '2026-10-20').rule).toBe('fee.payment_not_yet_due');
    const late = c.refused({ type: 'fee_paid', date: '2026-10-21' }, '2026-10-21');
    expect(late.rule).toBe('fee.payment_period_over');
    expect(late.messages?.zh).toContain('2026-10-20');
    expect(c.refused({ type: 'reply', outcome: 'other.fee_unpaid', date: '2026-10-21' }, '2026-10-21').rule).toBe('fee.pending_blocks');

    const closed = c.act({ type: 'close_fee_unpaid', date: '2026-10-21' }, '2026-10-21');
    expect(closed).toMatchObject({ status: 'abandoned', closingAction: 'close_fee_unpaid', outcome: 'other.fee_unpaid', closedDate: '2026-10-21' });
    expect(closed.fee).toMatchObject({ status: 'unpaid', settledOn: '2026-10-21' });
    expect(classifyCase('cn-2021', 2026, toReportCase(closed)).filter((cell) => cell.includes('other_2'))).not.toEqual([]);
    expect(classifyCase('cn-2021', 2026, toReportCase(closed)).some((cell) => cell.includes('other_3'))).toBe(false);
  });
});

describe('fee notices refused', () => {
  it('under the 2008 Regulation, during a consultation, after the reply deadline; a reply cannot use other.fee_unpaid', () => {
    const old = new Case('2019-05-10');
    expect(old.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: HOW, date: '2019-05-13' }, '2019-05-13').rule).toBe('fee.not_in_2008_regime');

    const consulting = new Case('2026-06-01');
    consulting.act({ type: 'start_consultation', party: 'third_party', name: '某公司', date: '2026-06-02' }, '2026-06-02');
    expect(consulting.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: HOW, date: '2026-06-03' }, '2026-06-03').rule).toBe('fee.case_not_ready');

    const overdue = new Case('2026-06-01');
    const after = overdue.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: HOW, date: '2026-07-01' }, '2026-07-01');
    expect(after.rule).toBe('fee.after_reply_deadline');
    expect(after.message).toContain('2026-06-30');

    expect(overdue.refused({ type: 'fee_paid', date: '2026-06-05' }, '2026-06-05').rule).toBe('fee.none_pending');
    const received = overdue.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: HOW, noticeReceivedOn: '2026-06-04', date: '2026-06-05' }, '2026-06-05');
    expect(received.rule).toBe('fee.notice_received_invalid');
    expect(overdue.refused({ type: 'fee_notice', method: 'per_volume', pages: 40, howToPay: ' ', date: '2026-06-05' }, '2026-06-05').rule).toBe('fee.how_to_pay_required');
  });

  it('a waiver (减免) needs its reason and restarts the clock', () => {
    // Received 2026-06-01, notice 06-05, waived Tuesday 06-09: not counted 06-08..09 = 2 → due 06-30 + 2 = 2026-07-02.
    const c = new Case('2026-06-01');
    c.act({ type: 'fee_notice', method: 'per_volume', pages: 31, howToPay: HOW, date: '2026-06-05' }, '2026-06-05');
    expect(c.state.fee?.amountFen).toBe(10_00);
    expect(c.refused({ type: 'fee_waived', reason: '', date: '2026-06-09' }, '2026-06-09').rule).toBe('fee.waiver_reason_required');
    const waived = c.act({ type: 'fee_waived', reason: '申请人确有经济困难', date: '2026-06-09' }, '2026-06-09');
    expect(waived.fee).toMatchObject({ status: 'waived', settledOn: '2026-06-09', waiverReason: '申请人确有经济困难' });
    expect(waived.dueDate).toBe('2026-07-02');
    // The fee was waived: the application cannot be closed as unpaid, by a reply either.
    expect(c.refused({ type: 'reply', outcome: 'other.fee_unpaid', date: '2026-06-10' }, '2026-06-10').rule).toBe('reply.use_close_fee_unpaid');
    expect(c.refused({ type: 'close_fee_unpaid', date: '2026-06-10' }, '2026-06-10').rule).toBe('fee.none_pending');
  });
});
