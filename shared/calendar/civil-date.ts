/**
 * Civil dates (`YYYY-MM-DD`) in China time, as integer arithmetic.
 *
 * docs/domain.md §4: every civil date is a Beijing date (Asia/Shanghai, UTC+8, no daylight saving
 * since 1991), while Lambda runs in UTC. So nothing here uses the host time zone or `Date` parsing on the
 * hot path: a date is turned into its day number (days since 1970-01-01) with the proleptic Gregorian
 * algorithm of H. Hinnant ("chrono-compatible low-level date algorithms"), and back.
 */
import type { CivilDate } from '../domain/types.js';

const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year (no DST since 1991), so a fixed offset is exact for our dates. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 instant with an explicit zone: a string without one would be read in the host's zone. */
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * Days since 1970-01-01 of a year (1–9999), month (1–12) and day. Every intermediate value is
 * non-negative for these years, so `| 0` is an exact floor division (and much faster than Math.floor).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = y >= 0 ? (y / 400) | 0 : floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The day number (days since 1970-01-01, negative before) of a well-formed date. It reads the ten
 * characters directly and does not validate: check untrusted input with {@link isCivilDate} first.
 */
export function toDayNumber(date: CivilDate): number {
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  return daysFromCivil(year, month, day);
}

/** Year, month and day of a day number of the years 0001–9999 (z = dayNumber + 719468 is then > 0). */
function civilFromDays(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  if (!(z >= 306 && z <= 3_652_364)) {
    throw new RangeError(`Day number ${String(dayNumber)} is outside the years 0001–9999.`);
  }
  const era = (z / 146_097) | 0;
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return civilFromDays(dayNumber)[0];
}

/** The date of a day number (years 0001–9999). */
export function fromDayNumber(dayNumber: number): CivilDate {
  const [year, month, day] = civilFromDays(dayNumber);
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${TWO_DIGITS[month] as string}-${TWO_DIGITS[day] as string}`;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `value` is a string `YYYY-MM-DD` naming a real date (year 0001–9999). */
export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const match = CIVIL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * True when `value` is an ISO 8601 instant with an explicit zone (`Z` or `±hh:mm`) naming a real time
 * (Date.parse alone would roll 2026-02-30 over to March).
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT_PATTERN.exec(value);
  return match !== null && isCivilDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/**
 * The Beijing civil date of an instant (docs/domain.md §4: an application submitted at 2026-01-01 07:00
 * Beijing time is a 2026 application although it is still 2025 in UTC). A string must carry its zone.
 */
export function beijingDate(instant: Date | string): CivilDate {
  let ms: number;
  if (typeof instant === 'string') {
    if (!isInstant(instant)) {
      throw new RangeError(`Not an ISO 8601 instant with a zone: ${JSON.stringify(instant)}.`);
    }
    ms = Date.parse(instant);
  } else {
    ms = instant.getTime();
  }
  if (Number.isNaN(ms)) {
    throw new RangeError(`Not a valid instant: ${String(instant)}.`);
  }
  return fromDayNumber(floorDiv(ms + BEIJING_OFFSET_MS, MS_PER_DAY));
}

/** The date `days` days after (negative: before) `date`. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The date `months` months after `date`, on the same day of the month, or on the month's last day when
 * the target month is shorter (民法典 Art. 202: 没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = floorDiv(index, 12);
  const targetMonth = index - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return fromDayNumber(daysFromCivil(targetYear, targetMonth, targetDay));
}

/** `to − from` in days: `diffDays('2026-01-01', '2026-01-03') === 2`. */
export function diffDays(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeekOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

/** −1, 0 or 1. Well-formed `YYYY-MM-DD` strings order as their dates. */
export function compareDates(a: CivilDate, b: CivilDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The year of a date. */
export function yearOf(date: CivilDate): number {
  return (
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48)
  );
}
