/**
 * The seed calendar 2004–2026 (scripts/generate-calendar-seed.ts, from chinese-days) checked against
 * known facts of the State Council notices (docs/domain.md §4) and against the package's own data.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../../shared/calendar/calendar-year.js';
import { validateCalendarYear } from '../../../shared/calendar/calendar-year.js';
import { addDays, dayOfWeek } from '../../../shared/calendar/civil-date.js';
import seed from '../../../shared/calendar/data/cn-seed-2004-2026.json' with { type: 'json' };
import { WorkingCalendar } from '../../../shared/calendar/working-calendar.js';

const years: CalendarYear[] = seed;
const calendar = new WorkingCalendar(years);
const yearData = (year: number): CalendarYear => {
  const found = years.find((y) => y.year === year);
  if (!found) throw new Error(`no ${year}`);
  return found;
};

describe('the seed file', () => {
  it('holds the national years 2004–2026, each valid, sorted, with its source', () => {
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    for (const y of years) {
      expect(validateCalendarYear(y)).toEqual([]);
      expect(y.region).toBeNull();
      expect(y.loadedBy).toBe('seed');
      expect(y.source).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知 (seeded from chinese-days 1.5.7)`);
      for (const list of [y.holidays, y.workdays]) {
        expect(list.map((d) => d.date)).toEqual(list.map((d) => d.date).sort());
      }
    }
  });

  it('says for every day 2004–2026 exactly what chinese-days says (its TZ-free data file)', () => {
    const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
      holidays: Record<string, string>;
      workdays: Record<string, string>;
    };
    let checked = 0;
    for (let date = '2004-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      const weekday = dayOfWeek(date);
      const expected = data.holidays[date] ? false : data.workdays[date] ? true : weekday !== 0 && weekday !== 6;
      const answer = calendar.isWorkingDay(date);
      expect(answer.working, date).toBe(expected);
      expect(answer.provisional).toBe(false);
      checked += 1;
    }
    expect(checked).toBe(8401);
  });
});

describe('known facts of the notices', () => {
  it.each([
    ['2026-02-14', 6, '春节'],
    ['2026-02-28', 6, '春节'],
    ['2025-09-28', 0, '国庆节'],
    ['2025-10-11', 6, '国庆节'],
    ['2018-09-29', 6, '国庆节'],
    ['2018-09-30', 0, '国庆节'],
    ['2026-01-04', 0, '元旦'],
    // 2019 Labour Day, amended mid-year by the State Council: 1–4 May off, Sundays 28 April and 5 May worked.
    ['2019-04-28', 0, '劳动节'],
    ['2019-05-05', 0, '劳动节'],
  ])('%s (day %i of the week) is a make-up working day for %s', (date, weekday, name) => {
    expect(calendar.kind(date)).toEqual({ date, dayOfWeek: weekday, kind: 'makeup_workday', working: true, name, provisional: false });
  });

  it.each([
    ['2025-10-01', '国庆节'],
    ['2025-10-06', '中秋'],
    ['2025-10-08', '国庆节'],
    ['2026-01-01', '元旦'],
    ['2026-01-03', '元旦'],
    ['2026-02-15', '春节'],
    ['2026-02-23', '春节'],
    ['2019-05-03', '劳动节'],
    ['2019-05-04', '劳动节'],
    // 2020 Spring Festival, extended mid-year to 2 February (国办发明电〔2020〕1号): Saturday 1 February no longer worked.
    ['2020-01-31', '春节'],
    ['2020-02-01', '春节'],
    ['2020-02-02', '春节'],
    ['2015-09-03', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日'],
  ])('%s is a day off of %s', (date, name) => {
    const info = calendar.kind(date);
    expect(info.kind).toBe('holiday');
    expect(info.working).toBe(false);
    expect(info.name).toBe(name);
  });

  it('2025 has 13 statutory holiday days: the seed lists the 28 days off of the periods, 18 of them Monday–Friday, less 5 make-up days', () => {
    const y2025 = yearData(2025);
    expect(y2025.holidays).toHaveLength(28);
    expect(y2025.workdays).toHaveLength(5);
    const weekdaysOff = y2025.holidays.filter((d) => dayOfWeek(d.date) !== 0 && dayOfWeek(d.date) !== 6).length;
    expect(weekdaysOff).toBe(18);
    expect(weekdaysOff - y2025.workdays.length).toBe(13);
    expect(new Set(y2025.holidays.map((d) => d.name))).toEqual(new Set(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']));
    // 2025: 365 days starting on a Wednesday = 104 Saturdays and Sundays; 365 − 104 − 13 = 248 working days.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31').days).toBe(248);
  });

  it('2024 had 11 statutory holiday days: 366 − 104 − 11 = 251 working days', () => {
    const y2024 = yearData(2024);
    const weekdaysOff = y2024.holidays.filter((d) => dayOfWeek(d.date) !== 0 && dayOfWeek(d.date) !== 6).length;
    expect(weekdaysOff - y2024.workdays.length).toBe(11);
    expect(calendar.workingDaysBetween('2023-12-31', '2024-12-31').days).toBe(251);
  });
});
