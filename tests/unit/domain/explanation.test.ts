import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { fromDayNumber, toDayNumber } from '../../../shared/calendar/civil-date.js';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';
import type { ClockInput } from '../../../shared/domain/clock.js';
import { computeDeadline } from '../../../shared/domain/clock.js';
import { explainDayByDay, explainDeadline } from '../../../shared/domain/explanation.js';

const years: CalendarYear[] = seed;
const calendar = new WorkingCalendar(years);

describe('explainDeadline: the stretches and the rule behind each (docs/domain.md §4)', () => {
  it('counted, excluded (consultation) and extension stretches partition the days to the deadline', () => {
    const input: ClockInput = {
      regime: '2019',
      receivedDate: '2026-06-01',
      exclusions: [{ party: 'third_party', start: '2026-06-03', end: '2026-06-10' }],
      extensionDays: 5,
    };
    const e = explainDeadline(input, calendar);
    expect(e.stretches.map(({ kind, from, to, workingDays }) => ({ kind, from, to, workingDays }))).toEqual([
      { kind: 'counted', from: '2026-06-02', to: '2026-06-03', workingDays: 2 },
      { kind: 'excluded', from: '2026-06-04', to: '2026-06-10', workingDays: 5 },
      { kind: 'counted', from: '2026-06-11', to: '2026-07-07', workingDays: 18 },
      { kind: 'extension', from: '2026-07-08', to: '2026-07-14', workingDays: 5 },
    ]);
    expect(e.stretches[0]?.rule).toContain('Art. 33 ¶1');
    expect(e.stretches[1]?.rule).toContain('Art. 32');
    expect(e.stretches[3]?.rule).toContain('one extension of at most 20');
    expect(e).toMatchObject({ dueDate: '2026-07-14', originalDueDate: '2026-07-07', workingDays: 20, extensionDays: 5 });
    expect(e.summary).toBe(
      'Due 2026-07-14: 20 + 5 (extension) working days after receipt on 2026-06-01, not counting 5 working days of consultation (2019 Regulation (国务院令第711号) Art. 33).',
    );
    expect(e.counting).toContain('期间开始的日不计算在期间内');
    expect(e.calendarSources).toEqual([{ year: 2026, sources: [calendar.sourcesOf(2026)[0]] }]);
  });

  it('another agency consulted under the 2019 regime cites Art. 34', () => {
    const e = explainDeadline(
      { regime: '2019', receivedDate: '2026-06-01', exclusions: [{ party: 'other_agency', start: '2026-06-03', end: '2026-06-10' }] },
      calendar,
    );
    expect(e.stretches[1]?.rule).toContain('Art. 34');
  });

  it('a restart after correction: the days before the corrected application arrived are not counted (Art. 30)', () => {
    const e = explainDeadline(
      { regime: '2019', receivedDate: '2026-03-02', correction: { requestedOn: '2026-03-05', receivedOn: '2026-03-20' } },
      calendar,
    );
    expect(e.stretches.map(({ kind, from, to, workingDays }) => [kind, from, to, workingDays])).toEqual([
      ['restart', '2026-03-03', '2026-03-20', 14],
      ['counted', '2026-03-21', '2026-04-20', 20],
    ]);
    expect(e.stretches[0]?.rule).toContain('Art. 30');
    expect(e.summary).toContain('the clock restarted from zero');
  });

  it('while a correction is awaited: one open stretch, no deadline', () => {
    const e = explainDeadline({ regime: '2019', receivedDate: '2026-03-02', correction: { requestedOn: '2026-03-05' } }, calendar);
    expect(e.stretches).toEqual([{ kind: 'awaiting_correction', from: '2026-03-03', to: null, workingDays: null, rule: expect.stringContaining('Art. 30') }]);
    expect(e.dueDate).toBeNull();
    expect(e.awaitingCorrection).toBe(true);
    expect(e.summary).toContain('Clock stopped');
  });

  it('while paused: the counted days so far, then an open stretch', () => {
    const e = explainDeadline({ regime: '2019', receivedDate: '2026-06-01', exclusions: [{ party: 'third_party', start: '2026-06-03' }] }, calendar);
    expect(e.stretches.map(({ kind, from, to, workingDays }) => [kind, from, to, workingDays])).toEqual([
      ['counted', '2026-06-02', '2026-06-03', 2],
      ['paused', '2026-06-04', null, null],
    ]);
    expect(e.summary).toBe(
      'Paused since 2026-06-03 (consultation): 18 of 20 working days left, counted from receipt on 2026-06-01 (2019 Regulation (国务院令第711号) Art. 33).',
    );
  });

  it('a provisional deadline says why', () => {
    const e = explainDeadline({ regime: '2019', receivedDate: '2026-12-15' }, calendar);
    expect(e.provisional).toBe(true);
    expect(e.summary).toContain('Provisional: the 2027 holiday calendar');
    expect(e.calendarSources.map((s) => s.year)).toEqual([2026]);
  });

  it('is plain JSON', () => {
    const e = explainDeadline({ regime: '2019', receivedDate: '2026-06-01', exclusions: [{ party: 'third_party', start: '2026-06-03' }] }, calendar);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

describe('explainDayByDay', () => {
  it('lists every day from the receipt 2025-09-25 to the deadline 2025-10-29 with what it is', () => {
    const days = explainDayByDay({ regime: '2019', receivedDate: '2025-09-25' }, calendar);
    expect(days).toHaveLength(35);
    expect(days[0]).toEqual({ date: '2025-09-25', dayOfWeek: 4, kind: 'workday', role: 'clock_start', guess: false });
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2025-09-27')).toEqual({ date: '2025-09-27', dayOfWeek: 6, kind: 'weekend', role: 'not_working', guess: false });
    expect(byDate.get('2025-09-28')).toEqual({
      date: '2025-09-28',
      dayOfWeek: 0,
      kind: 'makeup_workday',
      name: '国庆节',
      role: 'counted',
      count: 2,
      guess: false,
    });
    expect(byDate.get('2025-10-06')).toMatchObject({ kind: 'holiday', name: '中秋', role: 'not_working' });
    expect(byDate.get('2025-10-11')).toMatchObject({ kind: 'makeup_workday', role: 'counted', count: 7 });
    expect(days[days.length - 1]).toMatchObject({ date: '2025-10-29', role: 'counted', count: 20 });
    expect(days.filter((d) => d.count !== undefined).map((d) => d.count)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('marks excluded, extension and guessed days', () => {
    const days = explainDayByDay(
      {
        regime: '2019',
        receivedDate: '2026-12-01',
        exclusions: [{ party: 'third_party', start: '2026-12-03', end: '2026-12-08' }],
        extensionDays: 2,
      },
      calendar,
    );
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-12-03')).toMatchObject({ role: 'counted', count: 2 });
    expect(byDate.get('2026-12-04')).toMatchObject({ role: 'excluded', kind: 'workday' });
    expect(byDate.get('2026-12-06')).toMatchObject({ role: 'excluded', kind: 'weekend' });
    expect(byDate.get('2026-12-08')).toMatchObject({ role: 'excluded' });
    expect(byDate.get('2026-12-09')).toMatchObject({ role: 'counted', count: 3 });
    const last = days[days.length - 1];
    expect(last).toMatchObject({ role: 'extension', count: 22, guess: true });
    expect(last?.date).toBe(computeDeadline({ regime: '2019', receivedDate: '2026-12-01', exclusions: [{ party: 'third_party', start: '2026-12-03', end: '2026-12-08' }], extensionDays: 2 }, calendar).dueDate);
    expect(byDate.get('2026-12-31')?.guess).toBe(false);
    expect(byDate.get('2027-01-01')).toMatchObject({ kind: 'workday', guess: true });
  });

  it('while paused lists to `until`; while a correction is awaited lists nothing', () => {
    const paused: ClockInput = { regime: '2019', receivedDate: '2026-06-01', exclusions: [{ party: 'third_party', start: '2026-06-03' }] };
    expect(explainDayByDay(paused, calendar).map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    const untilToday = explainDayByDay(paused, calendar, { until: '2026-06-05' });
    expect(untilToday.map((d) => d.role)).toEqual(['clock_start', 'counted', 'counted', 'paused', 'paused']);
    expect(explainDayByDay({ regime: '2019', receivedDate: '2026-03-02', correction: { requestedOn: '2026-03-05' } }, calendar)).toEqual([]);
    expect(() => explainDayByDay(paused, calendar, { until: '2040-01-01' })).toThrow(RangeError);
  });

  it('agrees with the stretches and the deadline on random cases', () => {
    const arb = fc
      .tuple(
        fc.constantFrom('2008' as const, '2019' as const),
        fc.integer({ min: toDayNumber('2005-01-01'), max: toDayNumber('2027-06-30') }),
        fc.integer({ min: 0, max: 15 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { nil: undefined }),
      )
      .map(([regime, received, extensionDays, consultation]): ClockInput => ({
        regime,
        receivedDate: fromDayNumber(received),
        extensionDays,
        exclusions: consultation
          ? [{ party: 'third_party', start: fromDayNumber(received + consultation[0]), end: fromDayNumber(received + consultation[0] + consultation[1]) }]
          : [],
      }));
    fc.assert(
      fc.property(arb, (input) => {
        const deadline = computeDeadline(input, calendar);
        const e = explainDeadline(input, calendar, deadline);
        const total = deadline.workingDays + deadline.extensionDays;
        const counted = e.stretches.filter((s) => s.kind === 'counted' || s.kind === 'extension').reduce((n, s) => n + (s.workingDays ?? 0), 0);
        expect(counted).toBe(total);
        expect(e.stretches[e.stretches.length - 1]?.to).toBe(deadline.dueDate);
        for (let i = 1; i < e.stretches.length; i += 1) {
          expect(toDayNumber(e.stretches[i]?.from as string)).toBe(toDayNumber(e.stretches[i - 1]?.to as string) + 1);
        }
        const days = explainDayByDay(input, calendar, {}, deadline);
        expect(days[days.length - 1]).toMatchObject({ date: deadline.dueDate, count: total });
        expect(days.filter((d) => d.role === 'extension')).toHaveLength(deadline.extensionDays);
      }),
      { numRuns: 500 },
    );
  });
});
