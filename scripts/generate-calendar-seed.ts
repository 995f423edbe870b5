/**
 * Writes shared/calendar/data/cn-seed-2004-2026.json, the national working-day calendars 2004–2026,
 * from the data of the npm package `chinese-days` (a devDependency, read here once and never at run
 * time: docs/domain.md §4, the calendar is data with its source).
 *
 *   npx tsx scripts/generate-calendar-seed.ts
 *
 * It reads the package's published data file (`dist/chinese-days.json`: holidays and make-up working
 * days keyed by date) rather than calling `getDayDetail`, because that function parses dates in the host
 * time zone and answers for the wrong day west of UTC (try TZ=America/Los_Angeles). The output is stable:
 * entries sorted by date, one per line, and a year whose data did not change keeps its `loadedAt`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalendarDay, CalendarYear } from '../shared/calendar/calendar-year.js';
import { validateCalendarYear } from '../shared/calendar/calendar-year.js';
import { isCivilDate, yearOf } from '../shared/calendar/civil-date.js';

const FIRST_YEAR = 2004;
const LAST_YEAR = 2026;
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'calendar', 'data', 'cn-seed-2004-2026.json');

interface ChineseDaysData {
  /** date → "English name,中文名,statutory days", every day off of a holiday period. */
  holidays: Record<string, string>;
  /** date → same, the make-up working days (调休上班日). */
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const packageVersion = (require('chinese-days/package.json') as { version: string }).version;
const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** "Spring Festival,春节,4" → "春节", the name the State Council notice uses. */
function chineseName(raw: string, date: string): string {
  const name = raw.split(',')[1]?.trim();
  if (!name) throw new Error(`chinese-days: no Chinese holiday name for ${date}: ${JSON.stringify(raw)}`);
  return name;
}

function daysOf(entries: Record<string, string>, year: number): CalendarDay[] {
  return Object.entries(entries)
    .filter(([date]) => {
      if (!isCivilDate(date)) throw new Error(`chinese-days: not a date: ${JSON.stringify(date)}`);
      return yearOf(date) === year;
    })
    .map(([date, raw]) => ({ date, name: chineseName(raw, date) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function previousYears(): Map<number, CalendarYear> {
  if (!existsSync(OUTPUT)) return new Map();
  const years = JSON.parse(readFileSync(OUTPUT, 'utf8')) as CalendarYear[];
  return new Map(years.map((y) => [y.year, y]));
}

function sameData(a: CalendarYear, b: CalendarYear): boolean {
  return JSON.stringify([a.holidays, a.workdays, a.source]) === JSON.stringify([b.holidays, b.workdays, b.source]);
}

function serialize(years: CalendarYear[]): string {
  const day = (d: CalendarDay): string => `      ${JSON.stringify({ date: d.date, name: d.name })}`;
  const list = (days: CalendarDay[]): string => (days.length === 0 ? '[]' : `[\n${days.map(day).join(',\n')}\n    ]`);
  const blocks = years.map(
    (y) =>
      `  {\n` +
      `    "year": ${String(y.year)},\n` +
      `    "region": null,\n` +
      `    "holidays": ${list(y.holidays)},\n` +
      `    "workdays": ${list(y.workdays)},\n` +
      `    "source": ${JSON.stringify(y.source)},\n` +
      `    "loadedBy": ${JSON.stringify(y.loadedBy)},\n` +
      `    "loadedAt": ${JSON.stringify(y.loadedAt)}\n` +
      `  }`,
  );
  return `[\n${blocks.join(',\n')}\n]\n`;
}

const before = previousYears();
const now = new Date().toISOString();
const years: CalendarYear[] = [];
for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
  const entry: CalendarYear = {
    year,
    region: null,
    holidays: daysOf(data.holidays, year),
    workdays: daysOf(data.workdays, year),
    source: `国务院办公厅关于${String(year)}年部分节假日安排的通知 (seeded from chinese-days ${packageVersion})`,
    loadedBy: 'seed',
    loadedAt: now,
  };
  const previous = before.get(year);
  if (previous && sameData(previous, entry)) entry.loadedAt = previous.loadedAt;
  const problems = validateCalendarYear(entry);
  if (problems.length > 0) {
    throw new Error(`chinese-days data for ${String(year)} is not a valid calendar year: ${JSON.stringify(problems)}`);
  }
  years.push(entry);
}

writeFileSync(OUTPUT, serialize(years));
const changed = years.filter((y) => y.loadedAt === now).map((y) => y.year);
console.log(
  `Wrote ${OUTPUT}: ${String(years.length)} years, ` +
    `${String(years.reduce((n, y) => n + y.holidays.length, 0))} holidays, ` +
    `${String(years.reduce((n, y) => n + y.workdays.length, 0))} make-up working days; ` +
    (changed.length > 0 ? `changed: ${changed.join(', ')}.` : 'no year changed.'),
);
