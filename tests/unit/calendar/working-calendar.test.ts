import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { dayOfWeekOfDayNumber, fromDayNumber, toDayNumber, yearOfDayNumber } from '../../../shared/calendar/civil-date.js';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { unknownYearsReason, WorkingCalendar } from '../../../shared/calendar/working-calendar.js';

const years: CalendarYear[] = seed;
const calendar = new WorkingCalendar(years);

/**
 * The naive reference: one day at a time, straight from the data (docs/domain.md §4). A loaded year: a listed
 * holiday is off, a listed make-up day is worked, else Monday–Friday; a year not loaded: Monday–Friday.
 */
class NaiveCalendar {
  private readonly known = new Set<number>();
  private readonly off = new Set<number>();
  private readonly worked = new Set<number>();
  constructor(data: readonly CalendarYear[], region: string | null = null) {
    for (const y of data) if ((y.region ?? null) === null) this.known.add(y.year);
    for (const layer of region === null ? [null] : [null, region]) {
      for (const y of data) {
        if ((y.region ?? null) !== layer || !this.known.has(y.year)) continue;
        for (const d of y.holidays) {
          this.off.add(toDayNumber(d.date));
          this.worked.delete(toDayNumber(d.date));
        }
        for (const d of y.workdays) {
          this.worked.add(toDayNumber(d.date));
          this.off.delete(toDayNumber(d.date));
        }
      }
    }
  }
  working(day: number): boolean {
    if (this.off.has(day)) return false;
    if (this.worked.has(day)) return true;
    const w = dayOfWeekOfDayNumber(day);
    return w !== 0 && w !== 6;
  }
  between(a: number, b: number): number {
    let n = 0;
    for (let d = a + 1; d <= b; d += 1) if (this.working(d)) n += 1;
    return n;
  }
  nth(a: number, n: number): number {
    let d = a;
    for (let k = 0; k < n; ) {
      d += 1;
      if (this.working(d)) k += 1;
    }
    return d;
  }
  first(a: number): number {
    let d = a;
    while (!this.working(d)) d += 1;
    return d;
  }
  provisional(from: number, to: number): boolean {
    for (let y = yearOfDayNumber(from); y <= yearOfDayNumber(to); y += 1) if (!this.known.has(y)) return true;
    return false;
  }
}

const day = fc.integer({ min: toDayNumber('1995-01-01'), max: toDayNumber('2035-12-31') });

function agreesWithNaive(cal: WorkingCalendar, naive: NaiveCalendar): void {
  fc.assert(
    fc.property(day, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 90 }), (a, span, n) => {
      const b = a + span;
      const between = cal.workingDaysBetween(fromDayNumber(a), fromDayNumber(b));
      expect(between.days).toBe(naive.between(a, b));
      expect(between.provisional).toBe(span > 0 && naive.provisional(a + 1, b));

      const nth = cal.nthWorkingDayAfter(fromDayNumber(a), n);
      const expectedNth = naive.nth(a, n);
      expect(nth.date).toBe(fromDayNumber(expectedNth));
      expect(nth.provisional).toBe(n > 0 && naive.provisional(a + 1, expectedNth));

      const first = cal.firstWorkingDayOnOrAfter(fromDayNumber(a));
      expect(first.date).toBe(fromDayNumber(naive.first(a)));
      expect(first.provisional).toBe(naive.provisional(a, naive.first(a)));

      const working = cal.isWorkingDay(fromDayNumber(a));
      expect(working.working).toBe(naive.working(a));
      expect(cal.kind(fromDayNumber(a)).working).toBe(naive.working(a));
      expect(working.provisional).toBe(naive.provisional(a, a));
    }),
    { numRuns: 3000 },
  );
}

describe('WorkingCalendar: hand-checked days (docs/domain.md §4)', () => {
  it('National Day 2025, day by day', () => {
    const table: [string, string, string?][] = [
      ['2025-09-26', 'workday'],
      ['2025-09-27', 'weekend'],
      ['2025-09-28', 'makeup_workday', '国庆节'],
      ['2025-09-30', 'workday'],
      ['2025-10-01', 'holiday', '国庆节'],
      ['2025-10-04', 'holiday', '国庆节'],
      ['2025-10-06', 'holiday', '中秋'],
      ['2025-10-08', 'holiday', '国庆节'],
      ['2025-10-09', 'workday'],
      ['2025-10-11', 'makeup_workday', '国庆节'],
      ['2025-10-12', 'weekend'],
    ];
    for (const [date, kind, name] of table) {
      const info = calendar.kind(date);
      expect(info.kind, date).toBe(kind);
      expect(info.name, date).toBe(name);
      expect(info.provisional).toBe(false);
    }
  });

  it('counts the working days d with a < d <= b', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-10')).toEqual({ days: 2, provisional: false });
    expect(calendar.workingDaysBetween('2025-10-08', '2025-10-09').days).toBe(1);
    expect(calendar.workingDaysBetween('2025-10-09', '2025-10-09').days).toBe(0);
    expect(calendar.workingDaysBetween('2025-10-10', '2025-10-09').days).toBe(0);
    expect(calendar.workingDaysBetween('2025-09-25', '2025-10-29').days).toBe(20);
  });

  it('finds the n-th working day strictly after a day', () => {
    expect(calendar.nthWorkingDayAfter('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
    expect(calendar.nthWorkingDayAfter('2025-09-25', 2).date).toBe('2025-09-28');
    expect(calendar.nthWorkingDayAfter('2025-09-25', 20).date).toBe('2025-10-29');
    expect(calendar.nthWorkingDayAfter('2025-10-03', 0).date).toBe('2025-10-03');
    expect(() => calendar.nthWorkingDayAfter('2025-10-03', -1)).toThrow(RangeError);
    expect(() => calendar.nthWorkingDayAfter('2025-10-03', 1.5)).toThrow(RangeError);
  });

  it('finds the first working day on or after a day (docs/domain.md §3: the receipt date of an online submission)', () => {
    expect(calendar.firstWorkingDayOnOrAfter('2026-01-01')).toEqual({ date: '2026-01-04', provisional: false });
    expect(calendar.firstWorkingDayOnOrAfter('2026-01-04').date).toBe('2026-01-04');
    expect(calendar.firstWorkingDayOnOrAfter('2026-02-15').date).toBe('2026-02-24');
    expect(calendar.firstWorkingDayOnOrAfter('2025-10-12').date).toBe('2025-10-13');
  });

  it('lists its years and their sources', () => {
    expect(calendar.loadedYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(calendar.isKnownYear(2026)).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(false);
    expect(calendar.isKnownYear(2003)).toBe(false);
    expect(calendar.sourcesOf(2025)).toEqual(['国务院办公厅关于2025年部分节假日安排的通知 (seeded from chinese-days 1.5.7)']);
    expect(calendar.sourcesOf(2027)).toEqual([]);
  });
});

describe('WorkingCalendar: years not loaded fail closed (docs/domain.md §4)', () => {
  it('answers Monday–Friday for 2027 but says it is a guess, and why', () => {
    expect(calendar.isWorkingDay('2027-01-01')).toEqual({
      working: true,
      provisional: true,
      reason: 'the 2027 holiday calendar (国务院办公厅 notice on 部分节假日安排) is not loaded; Monday–Friday assumed',
    });
    expect(calendar.kind('2027-01-02')).toMatchObject({ kind: 'weekend', working: false, provisional: true });
    expect(calendar.kind('2003-12-31')).toMatchObject({ kind: 'workday', provisional: true });
    expect(calendar.kind('2003-12-31').reason).toContain('2003');
  });

  it('marks an answer provisional when its range reaches into an unloaded year', () => {
    const into2027 = calendar.nthWorkingDayAfter('2026-12-15', 20);
    expect(into2027.date).toBe('2027-01-12');
    expect(into2027.provisional).toBe(true);
    expect(into2027.reason).toContain('2027');
    expect(calendar.nthWorkingDayAfter('2026-11-20', 20)).toEqual({ date: '2026-12-18', provisional: false });
    expect(calendar.workingDaysBetween('2003-12-20', '2004-01-10').provisional).toBe(true);
    expect(calendar.workingDaysBetween('2003-12-31', '2004-01-10').provisional).toBe(false);
  });

  it('treats a missing year between loaded ones as unknown too', () => {
    const gapped = new WorkingCalendar(years.filter((y) => y.year !== 2025));
    expect(gapped.isKnownYear(2025)).toBe(false);
    expect(gapped.kind('2025-10-01')).toMatchObject({ kind: 'workday', working: true, provisional: true });
    expect(gapped.kind('2025-10-01').reason).toContain('the 2025 holiday calendar');
    expect(gapped.nthWorkingDayAfter('2024-12-20', 20).provisional).toBe(true);
    expect(gapped.nthWorkingDayAfter('2024-11-01', 20).provisional).toBe(false);
    expect(gapped.nthWorkingDayAfter('2026-01-05', 20).provisional).toBe(false);
  });

  it('works with nothing loaded: everything is a Monday–Friday guess', () => {
    const empty = new WorkingCalendar([]);
    expect(empty.loadedYears()).toEqual([]);
    expect(empty.nthWorkingDayAfter('2025-09-25', 20)).toMatchObject({ date: '2025-10-23', provisional: true });
    expect(empty.firstWorkingDayOnOrAfter('2026-01-03')).toMatchObject({ date: '2026-01-05', provisional: true });
  });

  it('names several missing years, with ranges', () => {
    expect(unknownYearsReason([2027])).toBe(
      'the 2027 holiday calendar (国务院办公厅 notice on 部分节假日安排) is not loaded; Monday–Friday assumed',
    );
    expect(unknownYearsReason([2027, 2028])).toContain('the 2027–2028 holiday calendars');
    expect(unknownYearsReason([2003, 2027, 2028, 2029])).toContain('the 2003 and 2027–2029 holiday calendars (');
    expect(unknownYearsReason([2001, 2003, 2027])).toContain('the 2001, 2003 and 2027 holiday calendars (');
    expect(calendar.workingDaysBetween('2026-12-31', '2029-01-05').reason).toContain('the 2027–2029 holiday calendars');
  });
});

describe('WorkingCalendar: regional overrides (docs/domain.md §4: minority regions add local holidays)', () => {
  // A fixture, not a real notice: a regional year adding one day off and moving one make-up day.
  const regional: CalendarYear = {
    year: 2025,
    region: '650000',
    holidays: [
      { date: '2025-06-06', name: '古尔邦节' },
      { date: '2025-10-11', name: '地方假日' },
    ],
    workdays: [{ date: '2025-06-08', name: '古尔邦节' }],
    source: 'test fixture: a regional notice',
    loadedBy: 'test',
    loadedAt: '2025-05-01T00:00:00Z',
  };

  it('applies only the chosen region’s overrides, on top of the national year', () => {
    const xj = new WorkingCalendar([...years, regional], { region: '650000' });
    expect(xj.region).toBe('650000');
    expect(xj.kind('2025-06-06')).toMatchObject({ kind: 'holiday', name: '古尔邦节' });
    expect(xj.kind('2025-06-08')).toMatchObject({ kind: 'makeup_workday', working: true });
    expect(xj.kind('2025-10-11')).toMatchObject({ kind: 'holiday', working: false, name: '地方假日' });
    expect(xj.kind('2025-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(xj.sourcesOf(2025)).toHaveLength(2);

    const national = new WorkingCalendar([...years, regional]);
    expect(national.region).toBeNull();
    expect(national.kind('2025-06-06').kind).toBe('workday');
    expect(new WorkingCalendar([...years, regional], { region: '540000' }).kind('2025-06-06').kind).toBe('workday');
  });

  it('does not make a year known by a regional override alone', () => {
    const only = new WorkingCalendar([regional], { region: '650000' });
    expect(only.isKnownYear(2025)).toBe(false);
    expect(only.kind('2025-06-06')).toMatchObject({ kind: 'workday', provisional: true });
  });

  it('agrees with the naive reference, region included', () => {
    agreesWithNaive(new WorkingCalendar([...years, regional], { region: '650000' }), new NaiveCalendar([...years, regional], '650000'));
  });
});

describe('WorkingCalendar: refuses bad data', () => {
  it('throws on an invalid year and on a year listed twice', () => {
    const bad = { ...years[0], holidays: [] } as CalendarYear;
    expect(() => new WorkingCalendar([bad])).toThrow(/Invalid calendar year 2004: holidays/);
    expect(() => new WorkingCalendar([years[0] as CalendarYear, years[0] as CalendarYear])).toThrow(/listed twice/);
  });
});

describe('WorkingCalendar: the index agrees with a naive day-by-day reference', () => {
  it('on the seed (1995–2035: before, inside and after the loaded years)', () => {
    agreesWithNaive(calendar, new NaiveCalendar(years));
  });

  it('with missing years in between', () => {
    const gapped = years.filter((y) => y.year !== 2015 && y.year !== 2020 && y.year !== 2021);
    agreesWithNaive(new WorkingCalendar(gapped), new NaiveCalendar(gapped));
  });

  it('with nothing loaded', () => {
    agreesWithNaive(new WorkingCalendar([]), new NaiveCalendar([]));
  });

  it('cumulativeAt and workingDayAt are inverse over every working day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const count = calendar.cumulativeAt(d);
        const working = calendar.cumulativeAt(d - 1) !== count;
        expect(working).toBe(calendar.isWorkingDay(fromDayNumber(d)).working);
        const atOrBefore = calendar.workingDayAt(count);
        expect(atOrBefore <= d).toBe(true);
        expect(calendar.cumulativeAt(atOrBefore)).toBe(count);
        if (working) expect(atOrBefore).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });
});
