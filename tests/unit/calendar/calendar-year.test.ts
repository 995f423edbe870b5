import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { validateCalendarYear } from '../../../shared/calendar/calendar-year.js';

/** Some entries of the 2026 notice (New Year, Spring Festival): a valid national year. */
function year2026(): CalendarYear {
  return {
    year: 2026,
    region: null,
    holidays: [
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-01-02', name: '元旦' },
      { date: '2026-01-03', name: '元旦' },
      { date: '2026-02-15', name: '春节' },
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
    ],
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    loadedBy: 'admin-1',
    loadedAt: '2025-11-04T02:00:00.000Z',
  };
}

const paths = (input: unknown): string[] => validateCalendarYear(input).map((p) => p.path.join('.'));

describe('validateCalendarYear (docs/domain.md §4: the calendar is data, editable by an administrator)', () => {
  it('accepts a valid national year, and a regional override', () => {
    expect(validateCalendarYear(year2026())).toEqual([]);
    const { region: _national, ...withoutRegion } = year2026();
    expect(validateCalendarYear(withoutRegion)).toEqual([]);
    expect(
      validateCalendarYear({ ...year2026(), region: '650000', holidays: [{ date: '2026-05-27', name: '古尔邦节' }], workdays: [] }),
    ).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths([year2026()])).toEqual(['']);
  });

  it('refuses a bad year, region, source, loader or time', () => {
    expect(paths({ ...year2026(), year: 2026.5 })).toContain('year');
    expect(paths({ ...year2026(), year: '2026' })).toContain('year');
    expect(paths({ ...year2026(), year: 20266 })).toContain('year');
    expect(validateCalendarYear({ ...year2026(), year: 1999 })[0]?.message).toBe('year must be an integer from 2000 to 2100.');
    expect(paths({ ...year2026(), region: '' })).toEqual(['region']);
    expect(paths({ ...year2026(), region: 'xin jiang' })).toEqual(['region']);
    expect(paths({ ...year2026(), source: ' ' })).toEqual(['source']);
    expect(paths({ ...year2026(), loadedBy: undefined })).toEqual(['loadedBy']);
    expect(paths({ ...year2026(), loadedAt: '2025-11-04T10:00:00' })).toEqual(['loadedAt']);
  });

  it('refuses a date of another year, a date that does not exist and an empty name', () => {
    const y = year2026();
    y.holidays.push({ date: '2025-12-31', name: '元旦' }, { date: '2026-02-30', name: '春节' }, { date: '2026-02-16', name: '' });
    expect(paths(y)).toEqual(['holidays.4.date', 'holidays.5.date', 'holidays.6.name']);
    expect(validateCalendarYear(y)[0]?.message).toContain('does not belong to the year 2026');
  });

  it('refuses a date listed twice, or both as a holiday and a make-up working day', () => {
    const twice = year2026();
    twice.holidays.push({ date: '2026-01-02', name: '元旦' });
    expect(paths(twice)).toEqual(['holidays.4.date']);
    const both = year2026();
    both.workdays.push({ date: '2026-02-15', name: '春节' });
    expect(paths(both)).toEqual(['workdays.2.date']);
    expect(validateCalendarYear(both)[0]?.message).toContain('both as a holiday and as a make-up working day');
  });

  it('refuses a make-up working day on a Monday–Friday (it must replace a Saturday or Sunday)', () => {
    const y = year2026();
    y.workdays.push({ date: '2026-02-13', name: '春节' });
    expect(paths(y)).toEqual(['workdays.2.date']);
    expect(validateCalendarYear(y)[0]?.message).toContain('must be a Saturday or Sunday');
  });

  it('refuses a national year without holidays (fail closed: it would silently mean Monday–Friday)', () => {
    expect(paths({ ...year2026(), holidays: [] })).toEqual(['holidays']);
    expect(paths({ ...year2026(), region: '650000', holidays: [], workdays: [] })).toEqual(['holidays']);
    expect(paths({ ...year2026(), holidays: 'none' })).toEqual(['holidays']);
    expect(paths({ ...year2026(), workdays: [{ day: '2026-01-04' }] })).toEqual(['workdays.0.name', 'workdays.0.date']);
  });
});
