/**
 * One year of the working-day calendar, as data (docs/domain.md §4: "the calendar is data, per year
 * (and optionally per region), with its source, editable by an administrator, never hard-coded").
 *
 * A national year (`region` null or absent) transcribes the State Council's yearly notice
 * (国务院办公厅关于<year>年部分节假日安排的通知), including its mid-year amendments. A regional year
 * (`region` a code, e.g. the GB/T 2260 division code `650000`) adds the local holidays of a minority
 * region and their make-up working days on top of the national year of the same year.
 */
import type { ProblemDetail } from '../domain/errors.js';
import type { CivilDate, Instant } from '../domain/types.js';
import { dayOfWeek, isCivilDate, isInstant, yearOf } from './civil-date.js';

/** One listed day: a day off or a make-up working day, with the holiday it belongs to (e.g. `春节`). */
export interface CalendarDay {
  date: CivilDate;
  /** The holiday as the notice names it. For a make-up working day: the holiday it makes up for. */
  name: string;
}

export interface CalendarYear {
  year: number;
  /** null or absent: the national calendar; a code: a regional override on top of it. */
  region?: string | null;
  /**
   * Every day off of the notice's holiday periods (放假), including the Saturdays and Sundays that fall
   * inside a period, so a period reads as the notice prints it ("10月1日至8日放假调休，共8天").
   */
  holidays: CalendarDay[];
  /** The make-up working days (调休上班日): Saturdays and Sundays that are working days. */
  workdays: CalendarDay[];
  /** Where the data comes from: the notice's title (and document number where known). */
  source: string;
  /** Who loaded it: `seed` or the administrator's `sub`. */
  loadedBy: string;
  loadedAt: Instant;
}

/** Policy: the years a calendar can be loaded for (the index spans the loaded years, so a typo like 20266 must not pass). */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const MAX_NAME_LENGTH = 100;
const REGION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown, maxLength = 500): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
}

/**
 * Every problem of a calendar year, empty when it is valid. Checks the shape, that every date is a real
 * date of that year, that no date is listed twice or both as a holiday and a make-up working day, that
 * a make-up working day is a Saturday or Sunday (a Monday–Friday is a working day anyway), and that a
 * national year lists at least one holiday: every State Council notice has some, and an empty year would
 * silently turn the whole year into Monday–Friday, the very failure docs/domain.md §4 fails closed against.
 */
export function validateCalendarYear(input: unknown): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (!isRecord(input)) {
    return [{ path: [], message: 'A calendar year must be an object.' }];
  }
  const year = input['year'];
  const yearIsValid = typeof year === 'number' && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  if (!yearIsValid) {
    problems.push({ path: ['year'], message: `year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}.` });
  }
  const region = input['region'];
  if (region !== undefined && region !== null && (typeof region !== 'string' || !REGION_PATTERN.test(region))) {
    problems.push({
      path: ['region'],
      message: 'region must be null (the national calendar) or a region code of 1–32 letters, digits, "_" or "-".',
    });
  }
  for (const key of ['source', 'loadedBy'] as const) {
    if (!isNonEmptyString(input[key])) {
      problems.push({ path: [key], message: `${key} must be a non-empty string of at most 500 characters.` });
    }
  }
  if (!isInstant(input['loadedAt'])) {
    problems.push({ path: ['loadedAt'], message: 'loadedAt must be an ISO 8601 instant with a time zone.' });
  }

  const seen = new Map<CivilDate, 'holidays' | 'workdays'>();
  let holidayCount = 0;
  let workdayCount = 0;
  for (const list of ['holidays', 'workdays'] as const) {
    const days = input[list];
    if (!Array.isArray(days)) {
      problems.push({ path: [list], message: `${list} must be an array of {date, name}.` });
      continue;
    }
    days.forEach((entry: unknown, index) => {
      if (!isRecord(entry)) {
        problems.push({ path: [list, index], message: 'Each entry must be an object {date, name}.' });
        return;
      }
      if (!isNonEmptyString(entry['name'], MAX_NAME_LENGTH)) {
        problems.push({
          path: [list, index, 'name'],
          message: `name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters.`,
        });
      }
      const date = entry['date'];
      if (!isCivilDate(date)) {
        problems.push({ path: [list, index, 'date'], message: 'date must be a real date YYYY-MM-DD.' });
        return;
      }
      if (yearIsValid && yearOf(date) !== year) {
        problems.push({ path: [list, index, 'date'], message: `${date} does not belong to the year ${String(year)}.` });
      }
      const earlier = seen.get(date);
      if (earlier === list) {
        problems.push({ path: [list, index, 'date'], message: `${date} is listed twice in ${list}.` });
      } else if (earlier !== undefined) {
        problems.push({
          path: [list, index, 'date'],
          message: `${date} is listed both as a holiday and as a make-up working day (调休上班日).`,
        });
      } else {
        seen.set(date, list);
      }
      if (list === 'workdays') {
        workdayCount += 1;
        const weekday = dayOfWeek(date);
        if (weekday !== 0 && weekday !== 6) {
          problems.push({
            path: [list, index, 'date'],
            message: `${date} is a Monday–Friday: a make-up working day (调休上班日) must be a Saturday or Sunday.`,
          });
        }
      } else {
        holidayCount += 1;
      }
    });
  }
  const isNational = region === undefined || region === null;
  if (isNational && Array.isArray(input['holidays']) && holidayCount === 0) {
    problems.push({
      path: ['holidays'],
      message: 'A national year must list its holidays: every State Council notice (部分节假日安排) has some.',
    });
  }
  if (!isNational && holidayCount + workdayCount === 0 && Array.isArray(input['holidays']) && Array.isArray(input['workdays'])) {
    problems.push({ path: ['holidays'], message: 'A regional override must list at least one holiday or make-up working day.' });
  }
  return problems;
}
