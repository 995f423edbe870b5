import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  beijingDate,
  compareDates,
  dayOfWeek,
  daysInMonth,
  diffDays,
  fromDayNumber,
  isCivilDate,
  isInstant,
  toDayNumber,
  yearOf,
  yearOfDayNumber,
} from '../../../shared/calendar/civil-date.js';

/** An independent oracle: the UTC calendar of Date (no local-time API). */
const oracle = (dayNumber: number): string => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
const FIRST = toDayNumber('0001-01-01');
const LAST = toDayNumber('9999-12-31');

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2000-03-01', 11_017],
    ['2026-01-01', 20_454],
  ])('%s is day %i', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });

  it('agrees with the UTC calendar of Date over years 0001–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (n) => {
        const date = fromDayNumber(n);
        expect(date).toBe(oracle(n));
        expect(toDayNumber(date)).toBe(n);
        expect(yearOfDayNumber(n)).toBe(Number(date.slice(0, 4)));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses day numbers outside years 0001–9999', () => {
    expect(() => fromDayNumber(FIRST - 1)).toThrow(RangeError);
    expect(() => fromDayNumber(LAST + 1)).toThrow(RangeError);
    expect(fromDayNumber(FIRST)).toBe('0001-01-01');
    expect(fromDayNumber(LAST)).toBe('9999-12-31');
  });
});

describe('isCivilDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isCivilDate(s)).toBe(true);
  });
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    ' 2026-01-01',
    '2026-01-01 ',
    '2026-01-01T00:00:00Z',
    '2026/01/01',
    '0000-01-01',
    '',
  ])('refuses %j', (s) => {
    expect(isCivilDate(s)).toBe(false);
  });
  it('refuses what is not a string', () => {
    expect(isCivilDate(20260101)).toBe(false);
    expect(isCivilDate(null)).toBe(false);
    expect(isCivilDate(new Date())).toBe(false);
  });
});

describe('beijingDate (docs/domain.md §4: civil dates are Asia/Shanghai, UTC+8)', () => {
  it.each([
    // 07:30 on 1 January in Beijing: a 2026 application although it is still 2025 in UTC.
    ['2025-12-31T23:30:00Z', '2026-01-01'],
    ['2025-12-31T15:59:59.999Z', '2025-12-31'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2026-01-01T07:00:00+08:00', '2026-01-01'],
    ['2026-01-01T00:30:00+09:00', '2025-12-31'],
    ['2026-06-30T18:00:00-05:00', '2026-07-01'],
    ['1969-12-31T16:00:00Z', '1970-01-01'],
    ['1969-12-31T15:59:59Z', '1969-12-31'],
  ])('%s is %s in Beijing', (instant, date) => {
    expect(beijingDate(instant)).toBe(date);
    expect(beijingDate(new Date(instant))).toBe(date);
  });

  it('refuses an instant without a zone (it would be read in the host zone) or not an instant', () => {
    expect(() => beijingDate('2025-12-31T23:30:00')).toThrow(RangeError);
    expect(() => beijingDate('2025-12-31')).toThrow(RangeError);
    expect(() => beijingDate('yesterday')).toThrow(RangeError);
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('isInstant accepts only zoned ISO 8601 instants', () => {
    expect(isInstant('2026-01-01T00:00:00.000Z')).toBe(true);
    expect(isInstant('2026-01-01T08:00+08:00')).toBe(true);
    expect(isInstant('2026-01-01T00:00:00')).toBe(false);
    expect(isInstant('2026-02-30T00:00:00Z')).toBe(false);
    expect(isInstant(0)).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds and subtracts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-08-02', 60)).toBe('2025-10-01');
    expect(diffDays('2025-08-02', '2025-10-01')).toBe(60);
    expect(diffDays('2026-01-01', '2025-12-31')).toBe(-1);
  });

  it('adds months on the corresponding day, or the month’s last day (民法典 Art. 202)', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 1)).toBe('2025-11-30');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2025-07-15', 12)).toBe('2026-07-15');
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('1969-12-28')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (n) => {
        expect(dayOfWeek(fromDayNumber(n))).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it('compares dates and reads the year', () => {
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareDates('2026-01-10', '2026-01-09')).toBe(1);
    expect(yearOf('2026-01-10')).toBe(2026);
    expect(yearOf('0999-01-10')).toBe(999);
  });

  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([
      31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});
