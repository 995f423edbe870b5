/**
 * Periods that run from delivery (送达, docs/domain.md §5 and §9): the correction period of a correction
 * notice (2019 Regulation Art. 30, 合理的补正期限) starts on the recorded delivery date, counted by hand on
 * the 2026 State Council calendar (劳动节 1–5 May, make-up working day Saturday 9 May; no make-up day in
 * April). The notice of Thursday 23 April states Thursday 30 April: a period of 5 working days (Fri 24,
 * Mon 27, Tue 28, Wed 29, Thu 30 April; the weekend 25–26 April is not counted).
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { CaseState } from '../../../shared/domain/case-state.js';
import { decide, type CaseAction } from '../../../shared/domain/decide.js';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import { applyEvent, openCase, recomputeClock, replay } from '../../../shared/domain/evolve.js';
import type { Actor, CaseEvent, CivilDate, DocumentKind } from '../../../shared/domain/types.js';

const calendar = new WorkingCalendar(seed);
const officer: Actor = { sub: 'officer-1', name: 'Officer', role: 'officer', agencyId: 'jz-zjj' };
const BASE = { id: 'case-1', agencyId: 'jz-zjj' };

function received(): { events: CaseEvent[]; state: CaseState } {
  const first: CaseEvent = {
    seq: 1, type: 'register', channel: 'mail', receivedDate: '2026-04-22', applicantColumn: 'natural_person',
    actor: officer, recordedAt: '2026-04-22T02:00:00.000Z', effectiveDate: '2026-04-22',
  };
  return { events: [first], state: openCase(BASE, first, calendar) };
}

function act(c: { events: CaseEvent[]; state: CaseState }, action: CaseAction, today: CivilDate): void {
  const draft = decide(c.state, action, { actor: officer, now: `${today}T02:00:00.000Z`, today, calendar });
  append(c, { ...draft, seq: c.events.length + 1 });
}

function append(c: { events: CaseEvent[]; state: CaseState }, event: CaseEvent): void {
  c.events.push(event);
  c.state = applyEvent(c.state, event, calendar);
}

function delivered(c: { events: CaseEvent[]; state: CaseState }, kind: DocumentKind, deliveredOn: CivilDate): void {
  append(c, {
    seq: c.events.length + 1, type: 'record_delivery', documentId: `doc-${kind}`, kind, method: 'post', deliveredOn,
    trackingNumber: 'EMS1234567890CN', actor: officer, recordedAt: `${deliveredOn}T08:00:00.000Z`, effectiveDate: deliveredOn,
  });
}

function withCorrectionNotice(): { events: CaseEvent[]; state: CaseState } {
  const c = received();
  act(c, { type: 'request_correction', date: '2026-04-23', items: ['请写明所需信息的文件名称或文号'], correctionDueDate: '2026-04-30' }, '2026-04-23');
  return c;
}

describe('the correction period runs from the recorded delivery of the notice (Art. 30)', () => {
  it('without a delivery record it ends on the date the notice states', () => {
    const c = withCorrectionNotice();
    expect(c.state.correction).toMatchObject({ requestedOn: '2026-04-23', correctionDueDate: '2026-04-30', noticeDueDate: '2026-04-30' });
  });

  it('delivered by post on Tuesday 28 April: 5 working days from then end on Friday 8 May (29, 30 April; 6, 7, 8 May)', () => {
    const c = withCorrectionNotice();
    delivered(c, 'correction_notice', '2026-04-28');
    expect(c.state.correction).toMatchObject({ deliveredOn: '2026-04-28', correctionDueDate: '2026-05-08', noticeDueDate: '2026-04-30' });
    // The applicant is not deemed to have given up before the period counted from delivery has run out …
    expect(() => decide(c.state, { type: 'close_no_correction', date: '2026-05-08' }, { actor: officer, now: '2026-05-08T09:00:00.000Z', today: '2026-05-08', calendar })).toThrow(IllegalActionError);
    // … and is on the make-up working day Saturday 9 May, the next day.
    act(c, { type: 'close_no_correction', date: '2026-05-09' }, '2026-05-09');
    expect(c.state.status).toBe('abandoned');
    // Replaying the history and recomputing the clock give the same due date.
    expect(replay(BASE, c.events, calendar).correction?.correctionDueDate).toBe('2026-05-08');
    expect(recomputeClock(c.state, calendar).correction?.correctionDueDate).toBe('2026-05-08');
  });

  it('delivered in person the day it was issued: the stated date holds (Thursday 30 April)', () => {
    const c = withCorrectionNotice();
    delivered(c, 'correction_notice', '2026-04-23');
    expect(c.state.correction?.correctionDueDate).toBe('2026-04-30');
  });

  it('delivered on Friday 24 April (1 working day later): Thursday 30 April becomes Wednesday 6 May, across 劳动节', () => {
    const c = withCorrectionNotice();
    delivered(c, 'correction_notice', '2026-04-24');
    // 5 working days after Fri 24 April: Mon 27, Tue 28, Wed 29, Thu 30 April, then 1–5 May are holidays: Wed 6 May.
    expect(c.state.correction?.correctionDueDate).toBe('2026-05-06');
  });

  it('the delivery of another document (the receipt) does not move the correction period', () => {
    const c = withCorrectionNotice();
    delivered(c, 'receipt', '2026-04-28');
    expect(c.state.correction?.correctionDueDate).toBe('2026-04-30');
    expect(c.state.correction?.deliveredOn).toBeUndefined();
  });

  it('a delivery recorded after the corrected application arrived changes nothing', () => {
    const c = withCorrectionNotice();
    act(c, { type: 'receive_correction', date: '2026-04-27' }, '2026-04-27');
    const before = c.state.correction;
    delivered(c, 'correction_notice', '2026-04-28');
    expect(c.state.correction).toEqual(before);
    // A document event moves neither the effective date of the case nor its clock.
    expect(c.state.lastEffectiveDate).toBe('2026-04-27');
  });
});

describe('the fee period runs from the recorded delivery of the fee notice (国办函〔2020〕109号; docs/domain.md §10)', () => {
  // Fee notice on Thursday 23 April for 40 pages (30 free, 10 × 10 元 = 100.00 元). The applicant pays within
  // 20 working days from the day after receiving it.
  function withFeeNotice(): { events: CaseEvent[]; state: CaseState } {
    const c = received();
    act(c, { type: 'fee_notice', date: '2026-04-23', method: 'per_volume', pages: 40, howToPay: '银行转账' }, '2026-04-23');
    return c;
  }

  it('without a delivery record, from the notice date: Fri 24, 27–30 April, 6–8 May, Sat 9 May (make-up), 11–15, 18–22, Mon 25 May', () => {
    const c = withFeeNotice();
    expect(c.state.fee).toMatchObject({ amountFen: 10_000, noticeReceivedOn: '2026-04-23', paymentDueDate: '2026-05-25' });
  });

  it('delivered by post on Tuesday 28 April: 29, 30 April, 6–9, 11–15, 18–22, 25–28 May → Thursday 28 May', () => {
    const c = withFeeNotice();
    delivered(c, 'fee_notice', '2026-04-28');
    expect(c.state.fee).toMatchObject({ noticeReceivedOn: '2026-04-28', paymentDueDate: '2026-05-28' });
    // Paying on 27 May is in time only because of the delivery record.
    act(c, { type: 'fee_paid', date: '2026-05-27' }, '2026-05-27');
    expect(c.state.fee).toMatchObject({ status: 'paid', settledOn: '2026-05-27' });
    expect(replay(BASE, c.events, calendar).fee?.paymentDueDate).toBe('2026-05-28');
  });

  it('a delivery recorded after the fee was paid changes nothing', () => {
    const c = withFeeNotice();
    act(c, { type: 'fee_paid', date: '2026-04-27' }, '2026-04-27');
    const before = c.state.fee;
    delivered(c, 'fee_notice', '2026-04-28');
    expect(c.state.fee).toEqual(before);
  });
});
