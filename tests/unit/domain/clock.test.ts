/**
 * The deadline clock (docs/domain.md §4). Hand-checked tables first: each expected date below was counted by
 * hand on the State Council's calendar, the count written beside it; then property tests against a naive
 * day-by-day count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { fromDayNumber, toDayNumber } from '../../../shared/calendar/civil-date.js';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { ClockExclusion, ClockInput } from '../../../shared/domain/clock.js';
import {
  classifyTiming,
  computeDeadline,
  exclusionRule,
  LAWSUIT_PERIOD,
  RECONSIDERATION_PERIOD,
  remedyPeriodEnd,
} from '../../../shared/domain/clock.js';
import { REGIMES } from '../../../shared/domain/regime.js';
import type { Regime } from '../../../shared/domain/types.js';

const years: CalendarYear[] = seed;
const calendar = new WorkingCalendar(years);

/**
 * A test fixture standing in for the 2027 notice, which is not published: 1 January 2027 (a Friday) is a
 * statutory holiday whatever the notice says (全国年节及纪念日放假办法 Art. 2), here with its weekend.
 */
const FIXTURE_2027: CalendarYear = {
  year: 2027,
  region: null,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  workdays: [],
  source: 'test fixture standing in for the 2027 notice',
  loadedBy: 'test',
  loadedAt: '2026-11-01T00:00:00Z',
};

const due = (input: ClockInput, cal = calendar): string | null => computeDeadline(input, cal).dueDate;

describe('acceptance: hand-counted deadlines', () => {
  it('received 2025-09-25 (2019 regime) → due 2025-10-29: National Day 10-01..08 skipped, Sunday 09-28 and Saturday 10-11 counted', () => {
    // 09-26 #1, 09-28 (Sun, 调休) #2, 09-29 #3, 09-30 #4, [10-01..10-08 off], 10-09 #5, 10-10 #6,
    // 10-11 (Sat, 调休) #7, 10-13..17 #8–12, 10-20..24 #13–17, 10-27 #18, 10-28 #19, 10-29 #20.
    expect(computeDeadline({ regime: '2019', receivedDate: '2025-09-25' }, calendar)).toEqual({
      regime: '2019',
      clockStart: '2025-09-25',
      restarted: false,
      awaitingCorrection: false,
      workingDays: 20,
      extensionDays: 0,
      dueDate: '2025-10-29',
      originalDueDate: '2025-10-29',
      provisional: false,
      provisionalReason: null,
      paused: false,
      pausedSince: null,
      workingDaysLeft: null,
    });
  });

  it('received 2026-02-10 → due 2026-03-16: Spring Festival 02-15..23 skipped, Saturdays 02-14 and 02-28 counted', () => {
    // 02-11 #1, 02-12 #2, 02-13 #3, 02-14 (Sat, 调休) #4, [02-15..02-23 off], 02-24..27 #5–8,
    // 02-28 (Sat, 调休) #9, 03-02..06 #10–14, 03-09..13 #15–19, 03-16 #20.
    expect(due({ regime: '2019', receivedDate: '2026-02-10' })).toBe('2026-03-16');
  });

  it('received 2018-09-28 (2008 regime) → due 2018-10-24: 15 working days, Saturday 09-29 and Sunday 09-30 were working days', () => {
    // 09-29 (Sat) #1, 09-30 (Sun) #2, [10-01..10-07 off], 10-08..12 #3–7, 10-15..19 #8–12, 10-22 #13, 10-23 #14, 10-24 #15.
    expect(due({ regime: '2008', receivedDate: '2018-09-28' })).toBe('2018-10-24');
  });

  it('received 2019-05-14 → 15 working days (2008 regime); received 2019-05-15 → 20 (2019 regime)', () => {
    // 2008: 05-15..17 #1–3, 05-20..24 #4–8, 05-27..31 #9–13, 06-03 #14, 06-04 #15.
    const before = computeDeadline({ regime: '2008', receivedDate: '2019-05-14' }, calendar);
    expect([before.workingDays, before.dueDate]).toEqual([15, '2019-06-04']);
    // 2019: 05-16..17 #1–2, 05-20..24 #3–7, 05-27..31 #8–12, 06-03..06 #13–16, [06-07 端午], 06-10..13 #17–20.
    const after = computeDeadline({ regime: '2019', receivedDate: '2019-05-15' }, calendar);
    expect([after.workingDays, after.dueDate]).toEqual([20, '2019-06-13']);
  });

  it('an extension of 20 → the 40th working day; the original deadline stays the 20th', () => {
    // 06-02..05 #1–4, 06-08..12 #5–9, 06-15..18 #10–13, [06-19 端午], 06-22..26 #14–18, 06-29 #19, 06-30 #20;
    // 07-01..03 #21–23, 07-06..10 #24–28, 07-13..17 #29–33, 07-20..24 #34–38, 07-27 #39, 07-28 #40.
    const d = computeDeadline({ regime: '2019', receivedDate: '2026-06-01', extensionDays: 20 }, calendar);
    expect([d.originalDueDate, d.dueDate, d.extensionDays]).toEqual(['2026-06-30', '2026-07-28', 20]);
    expect(calendar.nthWorkingDayAfter('2026-06-01', 40).date).toBe('2026-07-28');
  });

  it('correction requested, corrected application received 2026-03-20 → due 2026-04-20 (the clock restarts from zero, Art. 30)', () => {
    // 03-23..27 #1–5, 03-30..04-03 #6–10, [04-04..06 清明], 04-07..10 #11–14, 04-13..17 #15–19, 04-20 #20.
    const d = computeDeadline(
      { regime: '2019', receivedDate: '2026-03-02', correction: { requestedOn: '2026-03-05', receivedOn: '2026-03-20' } },
      calendar,
    );
    expect([d.clockStart, d.restarted, d.dueDate]).toEqual(['2026-03-20', true, '2026-04-20']);
  });

  it('a consultation 2026-06-03 → 2026-06-10 on a case received 2026-06-01 excludes five working days', () => {
    // Not counted: 06-04, 06-05, 06-08, 06-09, 06-10 (start < d <= end). Without it due 06-30; with it 07-07.
    const consultation: ClockExclusion = { party: 'third_party', start: '2026-06-03', end: '2026-06-10' };
    expect(due({ regime: '2019', receivedDate: '2026-06-01' })).toBe('2026-06-30');
    expect(due({ regime: '2019', receivedDate: '2026-06-01', exclusions: [consultation] })).toBe('2026-07-07');
    expect(calendar.workingDaysBetween('2026-06-03', '2026-06-10').days).toBe(5);
  });

  it('a deadline reaching into a year without calendar data is provisional, with the reason; loading 2027 makes it final', () => {
    // Monday–Friday assumed: 12-16..18 #1–3, 12-21..25 #4–8, 12-28..31 #9–12, 2027-01-01 #13 (a guess), 01-04..08 #14–18, 01-11 #19, 01-12 #20.
    const guessed = computeDeadline({ regime: '2019', receivedDate: '2026-12-15' }, calendar);
    expect(guessed.dueDate).toBe('2027-01-12');
    expect(guessed.provisional).toBe(true);
    expect(guessed.provisionalReason).toBe(
      'the 2027 holiday calendar (国务院办公厅 notice on 部分节假日安排) is not loaded; Monday–Friday assumed',
    );
    // With 2027 loaded 1 January is a holiday: the 20th working day moves to 01-13 and is final.
    const loaded = computeDeadline({ regime: '2019', receivedDate: '2026-12-15' }, new WorkingCalendar([...years, FIXTURE_2027]));
    expect([loaded.dueDate, loaded.provisional, loaded.provisionalReason]).toEqual(['2027-01-13', false, null]);
    // A deadline inside the loaded years is final.
    expect(computeDeadline({ regime: '2019', receivedDate: '2026-11-20' }, calendar)).toMatchObject({
      dueDate: '2026-12-18',
      provisional: false,
    });
  });
});

describe('consultations (Art. 33 ¶2 with Art. 32 / 34; 2008 Art. 24 ¶3)', () => {
  const received = '2026-06-01';

  it('an open consultation pauses the clock: paused since its start, N working days left, no due date yet', () => {
    const d = computeDeadline({ regime: '2019', receivedDate: received, exclusions: [{ party: 'other_agency', start: '2026-06-03' }] }, calendar);
    // Counted before the pause: 06-02 #1, 06-03 #2 (the start day itself is counted).
    expect(d).toMatchObject({ paused: true, pausedSince: '2026-06-03', workingDaysLeft: 18, dueDate: null, originalDueDate: null });
  });

  it('a consultation opened after the deadline does not move it: paused, 0 days left', () => {
    const d = computeDeadline({ regime: '2019', receivedDate: received, exclusions: [{ party: 'third_party', start: '2026-07-02' }] }, calendar);
    expect(d).toMatchObject({ paused: true, pausedSince: '2026-07-02', workingDaysLeft: 0, dueDate: '2026-06-30' });
  });

  it('a consultation starting on the due date does not move it (the start day is counted)', () => {
    expect(due({ regime: '2019', receivedDate: received, exclusions: [{ party: 'third_party', start: '2026-06-30', end: '2026-07-10' }] })).toBe(
      '2026-06-30',
    );
  });

  it('a consultation starting the day before the due date pushes it past its end', () => {
    // 06-29 is #19; 06-30..07-03 excluded; 07-06 #20.
    expect(due({ regime: '2019', receivedDate: received, exclusions: [{ party: 'third_party', start: '2026-06-29', end: '2026-07-03' }] })).toBe(
      '2026-07-06',
    );
  });

  it('two consultations add up; one entirely over a holiday excludes nothing', () => {
    const two: ClockExclusion[] = [
      { party: 'third_party', start: '2026-06-03', end: '2026-06-10' },
      { party: 'other_agency', start: '2026-06-18', end: '2026-06-22' },
    ];
    // 5 + (06-22 only: 06-19..21 are 端午 days off) = 6 working days: 06-30 + 6 = 07-08.
    expect(due({ regime: '2019', receivedDate: received, exclusions: two })).toBe('2026-07-08');
    expect(due({ regime: '2019', receivedDate: received, exclusions: [{ party: 'third_party', start: '2026-06-18', end: '2026-06-21' }] })).toBe(
      '2026-06-30',
    );
  });

  it('under the 2008 regime only a third party’s consultation is excluded, not another agency’s', () => {
    const on2008 = (party: ClockExclusion['party']): string | null =>
      due({ regime: '2008', receivedDate: '2018-06-01', exclusions: [{ party, start: '2018-06-05', end: '2018-06-12' }] });
    const plain = due({ regime: '2008', receivedDate: '2018-06-01' });
    expect(on2008('other_agency')).toBe(plain);
    expect(on2008('third_party')).not.toBe(plain);
  });

  it('a consultation before the clock restarted does not count against the new clock', () => {
    const d = computeDeadline(
      {
        regime: '2019',
        receivedDate: '2026-03-02',
        exclusions: [{ party: 'third_party', start: '2026-03-03', end: '2026-03-04' }],
        correction: { requestedOn: '2026-03-05', receivedOn: '2026-03-20' },
      },
      calendar,
    );
    expect(d.dueDate).toBe('2026-04-20');
  });

  it('refuses consultations out of order, overlapping, or an open one not last', () => {
    const at = (exclusions: ClockExclusion[]) => () => computeDeadline({ regime: '2019', receivedDate: received, exclusions }, calendar);
    expect(at([{ party: 'third_party', start: '2026-06-10', end: '2026-06-05' }])).toThrow(RangeError);
    expect(
      at([
        { party: 'third_party', start: '2026-06-03', end: '2026-06-10' },
        { party: 'third_party', start: '2026-06-09', end: '2026-06-12' },
      ]),
    ).toThrow(RangeError);
    expect(
      at([
        { party: 'third_party', start: '2026-06-03' },
        { party: 'third_party', start: '2026-06-09', end: '2026-06-12' },
      ]),
    ).toThrow(RangeError);
  });
});

describe('the clock stopped, and inconsistent input', () => {
  it('while a correction is awaited there is no deadline and no clock start', () => {
    expect(computeDeadline({ regime: '2019', receivedDate: '2026-03-02', correction: { requestedOn: '2026-03-05' } }, calendar)).toMatchObject({
      awaitingCorrection: true,
      clockStart: null,
      dueDate: null,
      originalDueDate: null,
      paused: false,
      provisional: false,
    });
  });

  it('refuses a correction under the 2008 regime and an extension beyond the maximum', () => {
    expect(() =>
      computeDeadline({ regime: '2008', receivedDate: '2018-06-01', correction: { requestedOn: '2018-06-02', receivedOn: '2018-06-05' } }, calendar),
    ).toThrow(RangeError);
    expect(() => computeDeadline({ regime: '2008', receivedDate: '2018-06-01', extensionDays: 16 }, calendar)).toThrow(RangeError);
    expect(() => computeDeadline({ regime: '2019', receivedDate: '2026-06-01', extensionDays: 21 }, calendar)).toThrow(RangeError);
    expect(() => computeDeadline({ regime: '2019', receivedDate: '2026-06-01', extensionDays: 2.5 }, calendar)).toThrow(RangeError);
    expect(due({ regime: '2008', receivedDate: '2018-06-01', extensionDays: 15 })).toBe(calendar.nthWorkingDayAfter('2018-06-01', 30).date);
  });
});

describe('classifyTiming (docs/domain.md §4 "Outcome timing")', () => {
  it.each([
    ['2026-06-29', 'on_time'],
    ['2026-06-30', 'on_time'],
    ['2026-07-01', 'extended'],
    ['2026-07-28', 'extended'],
    ['2026-07-29', 'overdue'],
  ] as const)('extended case (original 06-30, final 07-28) closed %s → %s', (closed, timing) => {
    expect(classifyTiming(closed, '2026-06-30', '2026-07-28')).toBe(timing);
  });
  it('without an extension a late reply is overdue, not extended', () => {
    expect(classifyTiming('2026-07-01', '2026-06-30', '2026-06-30')).toBe('overdue');
    expect(classifyTiming('2026-06-30', '2026-06-30', '2026-06-30')).toBe('on_time');
  });
});

describe('remedyPeriodEnd: calendar-day periods end on the next working day when the last day is a day off', () => {
  it('60 days for reconsideration ending on National Day moves to the first working day after it', () => {
    // 2025-08-02 + 60 days = 2025-10-01 (a holiday) → 10-09.
    expect(remedyPeriodEnd('2025-08-02', RECONSIDERATION_PERIOD, calendar)).toEqual({
      date: '2025-10-09',
      nominalDate: '2025-10-01',
      provisional: false,
    });
    expect(RECONSIDERATION_PERIOD.citation).toContain('行政复议法');
  });

  it('6 months to sue end on the corresponding day, moved past a holiday', () => {
    expect(remedyPeriodEnd('2025-04-01', LAWSUIT_PERIOD, calendar)).toMatchObject({ nominalDate: '2025-10-01', date: '2025-10-09' });
    expect(remedyPeriodEnd('2026-03-16', LAWSUIT_PERIOD, calendar)).toMatchObject({ nominalDate: '2026-09-16', date: '2026-09-16' });
    expect(LAWSUIT_PERIOD.citation).toContain('行政诉讼法 Art. 46');
  });

  it('a last day on a make-up working Saturday stays; on an ordinary Sunday it moves to Monday', () => {
    expect(remedyPeriodEnd('2025-08-12', { days: 60 }, calendar)).toMatchObject({ nominalDate: '2025-10-11', date: '2025-10-11' });
    expect(remedyPeriodEnd('2025-08-13', { days: 60 }, calendar)).toMatchObject({ nominalDate: '2025-10-12', date: '2025-10-13' });
    // 31 August + 6 months: no 31 February, the month's last day 2026-02-28, a make-up working Saturday.
    expect(remedyPeriodEnd('2025-08-31', { months: 6 }, calendar)).toMatchObject({ nominalDate: '2026-02-28', date: '2026-02-28' });
  });

  it('is provisional when the end lies in a year not loaded', () => {
    const end = remedyPeriodEnd('2026-12-01', { days: 60 }, calendar);
    expect(end).toMatchObject({ nominalDate: '2027-01-30', date: '2027-02-01', provisional: true });
    expect(end.reason).toContain('2027');
    expect(() => remedyPeriodEnd('2026-12-01', { days: 0 }, calendar)).toThrow(RangeError);
  });
});

// ---- Properties -----------------------------------------------------------------------------------

/** Naive reference: walk day by day from the clock start, skipping excluded days, counting working days. */
function naiveDeadline(input: ClockInput, cal: WorkingCalendar): { due: number; touched: [number, number] } {
  const rules = REGIMES[input.regime];
  const start = toDayNumber(input.correction?.receivedOn ?? input.receivedDate);
  const total = rules.replyWorkingDays + (input.extensionDays ?? 0);
  const excluded = (d: number): boolean =>
    (input.exclusions ?? []).some(
      (e) => exclusionRule(rules, e.party) !== null && d > toDayNumber(e.start) && (e.end == null || d <= toDayNumber(e.end)),
    );
  let d = start;
  for (let counted = 0; counted < total; ) {
    d += 1;
    if (!excluded(d) && cal.isWorkingDay(fromDayNumber(d)).working) counted += 1;
  }
  return { due: d, touched: [start + 1, d] };
}

const regimeArb: fc.Arbitrary<Regime> = fc.constantFrom('2008', '2019');
const receiptArb = fc.integer({ min: toDayNumber('2003-06-01'), max: toDayNumber('2028-06-30') });
const exclusionsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('third_party', 'other_agency' as const)), {
    maxLength: 3,
  })
  .map((parts) => {
    // Consecutive, non-overlapping stretches after the receipt: gap, then length.
    let cursor = 0;
    return parts.map(([gap, length, party]) => {
      const start = cursor + gap;
      cursor = start + length;
      return { offsetStart: start, offsetEnd: cursor, party };
    });
  });
const clockInputArb = fc
  .tuple(regimeArb, receiptArb, exclusionsArb, fc.integer({ min: 0, max: 15 }))
  .map(([regime, received, exclusions, extensionDays]): ClockInput => ({
    regime,
    receivedDate: fromDayNumber(received),
    exclusions: exclusions.map((e) => ({ party: e.party, start: fromDayNumber(received + e.offsetStart), end: fromDayNumber(received + e.offsetEnd) })),
    extensionDays,
  }));

describe('properties', () => {
  it('agrees with a naive day-by-day count, provisional exactly when an unloaded year was touched', () => {
    const cal = new WorkingCalendar(years.filter((y) => y.year !== 2012));
    fc.assert(
      fc.property(clockInputArb, (input) => {
        const d = computeDeadline(input, cal);
        const naive = naiveDeadline(input, cal);
        expect(d.dueDate).toBe(fromDayNumber(naive.due));
        expect(d.originalDueDate).toBe(fromDayNumber(naiveDeadline({ ...input, extensionDays: 0 }, cal).due));
        expect(d.provisional).toBe(cal.workingDaysBetween(fromDayNumber(naive.touched[0] - 1), fromDayNumber(naive.touched[1])).provisional);
      }),
      { numRuns: 2000 },
    );
  });

  it('a deadline never falls on a day that is not a working day', () => {
    fc.assert(
      fc.property(clockInputArb, (input) => {
        const d = computeDeadline(input, calendar);
        expect(calendar.isWorkingDay(d.dueDate as string).working).toBe(true);
        expect(calendar.isWorkingDay(d.originalDueDate as string).working).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('more working days never give an earlier deadline (each extra day moves it strictly later)', () => {
    fc.assert(
      fc.property(clockInputArb, (input) => {
        const extension = input.extensionDays ?? 0;
        fc.pre(extension < REGIMES[input.regime].maxExtensionDays);
        const shorter = due(input) as string;
        const longer = due({ ...input, extensionDays: extension + 1 }) as string;
        expect(longer > shorter).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('an excluded stretch never moves a deadline earlier', () => {
    fc.assert(
      fc.property(clockInputArb, fc.integer({ min: 0, max: 2 }), (input, drop) => {
        const all = input.exclusions ?? [];
        fc.pre(all.length > 0);
        const fewer = all.filter((_, i) => i !== drop % all.length);
        expect((due(input) as string) >= (due({ ...input, exclusions: fewer }) as string)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a paused clock resumes where it stopped: ending the consultation on day e gives the working-days-left-th day after e', () => {
    fc.assert(
      fc.property(clockInputArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 60 }), (input, startOffset, length) => {
        fc.pre(input.regime === '2019');
        const closed = input.exclusions ?? [];
        const last = closed[closed.length - 1];
        const start = toDayNumber(last?.end ?? input.receivedDate) + startOffset;
        const open: ClockInput = { ...input, exclusions: [...closed, { party: 'third_party', start: fromDayNumber(start) }] };
        const paused = computeDeadline(open, calendar);
        expect(paused.paused).toBe(true);
        const end = fromDayNumber(start + length);
        const resumed = computeDeadline({ ...input, exclusions: [...closed, { party: 'third_party', start: fromDayNumber(start), end }] }, calendar);
        if (paused.dueDate === null) {
          expect(paused.workingDaysLeft).toBeGreaterThan(0);
          expect(resumed.dueDate).toBe(calendar.nthWorkingDayAfter(end, paused.workingDaysLeft as number).date);
        } else {
          expect(paused.workingDaysLeft).toBe(0);
          expect(resumed.dueDate).toBe(paused.dueDate);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
