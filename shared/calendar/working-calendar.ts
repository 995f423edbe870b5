/**
 * The working-day calendar with a precomputed index, so that every question is O(1) (a membership test
 * of the known years aside), never a day-by-day loop.
 *
 * docs/domain.md §4: a working day is a Monday–Friday that is not a statutory holiday, plus the
 * make-up working Saturdays and Sundays (调休上班日) of the State Council's yearly notice
 * (国务院办公厅 部分节假日安排). The calendar is data ({@link CalendarYear}), and for a year that is not
 * loaded the calendar **fails closed**: it still answers (Monday–Friday assumed) but every answer that
 * touched such a year says so (`provisional: true` and the reason), so that a deadline depending on an
 * unpublished notice is marked provisional until that year is loaded.
 *
 * The index: over the loaded range (1 January of the first national year to 31 December of the last),
 * `cumulative[i]` is the number of working days up to and including day `first + i`, and `workingDays`
 * lists the day numbers of those working days in order (the inverse). Outside the range a closed formula
 * counts Monday–Friday, continuing the same cumulative count, so `cumulativeAt` is defined for every day
 * and "the working days d with a < d <= b" is always `cumulativeAt(b) - cumulativeAt(a)`.
 */
import type { CivilDate } from '../domain/types.js';
import type { CalendarYear } from './calendar-year.js';
import { validateCalendarYear } from './calendar-year.js';
import { dayOfWeekOfDayNumber, fromDayNumber, toDayNumber, yearOfDayNumber } from './civil-date.js';

/** What a day is: an ordinary working day, a weekend day, a day off of a holiday period, a 调休上班日. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** Every answer says whether it relied on a year that is not loaded (Monday–Friday assumed) and why. */
export interface Provisionality {
  provisional: boolean;
  /** Present when provisional: which years' notices are missing. */
  reason?: string;
}

export interface DayInfo extends Provisionality {
  date: CivilDate;
  dayOfWeek: number;
  kind: DayKind;
  working: boolean;
  /** The holiday's name for a holiday, or the holiday a make-up working day makes up for. */
  name?: string;
}

export interface DateAnswer extends Provisionality {
  date: CivilDate;
}

export interface CountAnswer extends Provisionality {
  days: number;
}

export interface WorkingAnswer extends Provisionality {
  working: boolean;
}

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

/** Day number 4 (1970-01-05) is a Monday. */
const A_MONDAY = 4;

/**
 * The number of Mondays–Fridays from an arbitrary fixed origin up to and including day `n`; any two
 * values differ by the number of Mondays–Fridays between them. Valid for every integer `n`.
 */
function weekdayCount(n: number): number {
  const m = n - A_MONDAY;
  const weeks = Math.floor(m / 7);
  const rest = m - weeks * 7;
  return weeks * 5 + (rest < 5 ? rest + 1 : 5);
}

/** The day with `weekdayCount(day) === count` that is itself a Monday–Friday (the inverse). */
function weekdayByCount(count: number): number {
  const k = count - 1;
  const weeks = Math.floor(k / 5);
  return weeks * 7 + (k - weeks * 5) + A_MONDAY;
}

function describeYears(years: readonly number[]): string {
  const ranges: string[] = [];
  let i = 0;
  while (i < years.length) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === (years[j] as number) + 1) j += 1;
    ranges.push(i === j ? String(years[i]) : `${String(years[i])}–${String(years[j])}`);
    i = j + 1;
  }
  if (ranges.length === 1) return ranges[0] as string;
  return `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1] as string}`;
}

/** The reason of a provisional answer (docs/domain.md §4, fail closed). */
export function unknownYearsReason(years: readonly number[]): string {
  const plural = years.length > 1;
  return (
    `the ${describeYears(years)} holiday calendar${plural ? 's' : ''} (国务院办公厅 notice on 部分节假日安排) ` +
    `${plural ? 'are' : 'is'} not loaded; Monday–Friday assumed`
  );
}

export interface WorkingCalendarOptions {
  /** Apply the regional overrides of this region code on top of the national years. */
  region?: string | null;
}

export class WorkingCalendar {
  /** The region whose overrides apply, or null for the national calendar only. */
  readonly region: string | null;
  /** Day number of 1 January of the first loaded national year (the index's first day). */
  private readonly first: number;
  /** Day number of 31 December of the last loaded national year (first − 1 when nothing is loaded). */
  private readonly last: number;
  /** cumulative[i]: working days up to and including day first + i (continuing weekdayCount before). */
  private readonly cumulative: Int32Array;
  /** The working days of the index in order: the k-th one is workingDays[k − base − 1]. */
  private readonly workingDays: Int32Array;
  /** cumulativeAt(first − 1). */
  private readonly base: number;
  /** cumulativeAt(last). */
  private readonly top: number;
  private readonly kinds: Uint8Array;
  private readonly names = new Map<number, string>();
  private readonly knownYears: ReadonlySet<number>;
  /** True when a year between the first and last loaded year is missing. */
  private readonly hasGaps: boolean;
  private readonly sources = new Map<number, string[]>();
  /** The date strings of the index's days, made on first use (formatting a date costs more than the look-up). */
  private readonly dates: (CivilDate | undefined)[];

  /**
   * @param years national years (region null/absent) and regional overrides; overrides of other regions
   *   than `options.region` are ignored, and so is an override for a year whose national calendar is not
   *   loaded (an override adds to a national year, it does not make an unknown year known).
   * @throws Error when a year is invalid ({@link validateCalendarYear}) or listed twice.
   */
  constructor(years: readonly CalendarYear[], options: WorkingCalendarOptions = {}) {
    this.region = options.region ?? null;
    const national = new Map<number, CalendarYear>();
    const regional = new Map<number, CalendarYear>();
    for (const entry of years) {
      const problems = validateCalendarYear(entry);
      if (problems.length > 0) {
        const detail = problems
          .slice(0, 5)
          .map((p) => `${p.path.join('.')}: ${p.message}`)
          .join('; ');
        throw new Error(`Invalid calendar year ${String(entry.year)}${entry.region ? ` (${entry.region})` : ''}: ${detail}`);
      }
      const region = entry.region ?? null;
      const target = region === null ? national : region === this.region ? regional : undefined;
      if (target === undefined) continue;
      if (target.has(entry.year)) {
        throw new Error(`Calendar year ${String(entry.year)}${region ? ` (${region})` : ''} is listed twice.`);
      }
      target.set(entry.year, entry);
    }
    this.knownYears = new Set(national.keys());
    const sortedYears = [...national.keys()].sort((a, b) => a - b);
    const firstYear = sortedYears[0];
    const lastYear = sortedYears[sortedYears.length - 1];
    if (firstYear === undefined || lastYear === undefined) {
      this.first = 0;
      this.last = -1;
      this.hasGaps = false;
    } else {
      this.first = toDayNumber(`${String(firstYear).padStart(4, '0')}-01-01`);
      this.last = toDayNumber(`${String(lastYear).padStart(4, '0')}-12-31`);
      this.hasGaps = sortedYears.length !== lastYear - firstYear + 1;
    }

    const size = this.last - this.first + 1;
    this.dates = new Array<CivilDate | undefined>(size);
    this.kinds = new Uint8Array(size);
    for (let i = 0; i < size; i += 1) {
      const weekday = dayOfWeekOfDayNumber(this.first + i);
      this.kinds[i] = weekday === 0 || weekday === 6 ? KIND_WEEKEND : KIND_WORKDAY;
    }
    const apply = (entry: CalendarYear): void => {
      for (const day of entry.holidays) this.mark(day.date, KIND_HOLIDAY, day.name);
      for (const day of entry.workdays) this.mark(day.date, KIND_MAKEUP, day.name);
      const list = this.sources.get(entry.year) ?? [];
      list.push(entry.source);
      this.sources.set(entry.year, list);
    };
    for (const entry of national.values()) apply(entry);
    for (const entry of regional.values()) {
      if (national.has(entry.year)) apply(entry);
    }

    this.cumulative = new Int32Array(size);
    this.base = weekdayCount(this.first - 1);
    let running = this.base;
    let workingCount = 0;
    for (let i = 0; i < size; i += 1) {
      const kind = this.kinds[i] as number;
      if (kind === KIND_WORKDAY || kind === KIND_MAKEUP) {
        running += 1;
        workingCount += 1;
      }
      this.cumulative[i] = running;
    }
    this.top = running;
    this.workingDays = new Int32Array(workingCount);
    let k = 0;
    for (let i = 0; i < size; i += 1) {
      const kind = this.kinds[i] as number;
      if (kind === KIND_WORKDAY || kind === KIND_MAKEUP) {
        this.workingDays[k] = this.first + i;
        k += 1;
      }
    }
  }

  private mark(date: CivilDate, kind: number, name: string): void {
    const index = toDayNumber(date) - this.first;
    this.kinds[index] = kind;
    this.names.set(index + this.first, name);
  }

  // ---- Known years -------------------------------------------------------------------------------

  /** True when the national calendar of `year` is loaded. */
  isKnownYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  /** The loaded national years, ascending. */
  loadedYears(): number[] {
    return [...this.knownYears].sort((a, b) => a - b);
  }

  /** The sources (notice titles) of a loaded year: the national one, then the region's if any. */
  sourcesOf(year: number): readonly string[] {
    return this.sources.get(year) ?? [];
  }

  // ---- The fast, day-number interface (used by the deadline clock) ------------------------------

  /**
   * The number of working days up to and including day `dayNumber`, from a fixed origin:
   * the working days d with a < d <= b number `cumulativeAt(b) − cumulativeAt(a)`.
   */
  cumulativeAt(dayNumber: number): number {
    if (dayNumber < this.first) return weekdayCount(dayNumber);
    if (dayNumber > this.last) return this.top + weekdayCount(dayNumber) - weekdayCount(this.last);
    return this.cumulative[dayNumber - this.first] as number;
  }

  /** The working day whose cumulative count is `count` (the inverse of {@link cumulativeAt}). */
  workingDayAt(count: number): number {
    if (count <= this.base) return weekdayByCount(count);
    if (count > this.top) return weekdayByCount(count - this.top + weekdayCount(this.last));
    return this.workingDays[count - this.base - 1] as number;
  }

  /**
   * null when every day from `fromDay` to `toDay` (inclusive) lies in a loaded year, else the reason the
   * answer is provisional. O(1) when the range is inside a loaded stretch without gaps.
   */
  provisionalReason(fromDay: number, toDay: number): string | null {
    if (fromDay > toDay) return null;
    if (!this.hasGaps && fromDay >= this.first && toDay <= this.last) return null;
    const missing: number[] = [];
    const lastYear = yearOfDayNumber(toDay);
    for (let year = yearOfDayNumber(fromDay); year <= lastYear; year += 1) {
      if (!this.knownYears.has(year)) missing.push(year);
    }
    return missing.length === 0 ? null : unknownYearsReason(missing);
  }

  /** The date of a day number ({@link fromDayNumber}, cached over the loaded years). */
  dateOf(dayNumber: number): CivilDate {
    const index = dayNumber - this.first;
    if (index < 0 || index >= this.dates.length) return fromDayNumber(dayNumber);
    let date = this.dates[index];
    if (date === undefined) {
      date = fromDayNumber(dayNumber);
      this.dates[index] = date;
    }
    return date;
  }

  /** The kind of a day number (Monday–Friday / weekend guess outside the loaded years). */
  kindAt(dayNumber: number): DayKind {
    if (dayNumber < this.first || dayNumber > this.last) {
      const weekday = dayOfWeekOfDayNumber(dayNumber);
      return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
    }
    return KIND_NAMES[this.kinds[dayNumber - this.first] as number] as DayKind;
  }

  // ---- The civil-date interface ------------------------------------------------------------------

  /** What a day is, with the holiday's name. */
  kind(date: CivilDate): DayInfo {
    const day = toDayNumber(date);
    const kind = this.kindAt(day);
    const info: DayInfo = {
      date,
      dayOfWeek: dayOfWeekOfDayNumber(day),
      kind,
      working: kind === 'workday' || kind === 'makeup_workday',
      provisional: false,
    };
    const name = this.names.get(day);
    if (name !== undefined) info.name = name;
    return withReason(info, this.provisionalReason(day, day));
  }

  /** Whether a day is a working day (for a year not loaded: Monday–Friday, provisional). */
  isWorkingDay(date: CivilDate): WorkingAnswer {
    const day = toDayNumber(date);
    const working = this.cumulativeAt(day) !== this.cumulativeAt(day - 1);
    return withReason({ working, provisional: false }, this.provisionalReason(day, day));
  }

  /** The first working day on or after `date` (docs/domain.md §3: the receipt date of an auto-confirmed submission). */
  firstWorkingDayOnOrAfter(date: CivilDate): DateAnswer {
    const day = toDayNumber(date);
    const found = this.workingDayAt(this.cumulativeAt(day - 1) + 1);
    return withReason({ date: this.dateOf(found), provisional: false }, this.provisionalReason(day, found));
  }

  /** The number of working days d with a < d <= b (0 when b <= a). */
  workingDaysBetween(a: CivilDate, b: CivilDate): CountAnswer {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to <= from) return { days: 0, provisional: false };
    return withReason(
      { days: this.cumulativeAt(to) - this.cumulativeAt(from), provisional: false },
      this.provisionalReason(from + 1, to),
    );
  }

  /** The n-th working day strictly after `date` (n = 0: `date` itself). */
  nthWorkingDayAfter(date: CivilDate, n: number): DateAnswer {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`n must be a non-negative integer, not ${String(n)}.`);
    }
    if (n === 0) return { date, provisional: false };
    const day = toDayNumber(date);
    const found = this.workingDayAt(this.cumulativeAt(day) + n);
    return withReason({ date: this.dateOf(found), provisional: false }, this.provisionalReason(day + 1, found));
  }
}

function withReason<T extends Provisionality>(answer: T, reason: string | null): T {
  if (reason !== null) {
    answer.provisional = true;
    answer.reason = reason;
  }
  return answer;
}
