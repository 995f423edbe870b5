/**
 * The seeded national working-day calendars 2004–2026 (docs/domain.md §4: "the calendar is data"), written by
 * scripts/generate-calendar-seed.ts. Imported as a module, not read from disk, so a bundled function (the
 * deployment's calendar seeder) carries the data inside its bundle.
 */
import seed from './data/cn-seed-2004-2026.json' with { type: 'json' };
import { validateCalendarYear, type CalendarYear } from './calendar-year.js';

/** Every seeded year, checked: a broken seed file fails here rather than becoming a wrong deadline. */
export function seedCalendarYears(): CalendarYear[] {
  const years: unknown[] = structuredClone(seed);
  return years.map((year, index) => {
    const problems = validateCalendarYear(year);
    if (problems.length > 0) {
      const detail = problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
      throw new Error(`The calendar seed's entry ${String(index)} is invalid: ${detail}`);
    }
    return year as CalendarYear;
  });
}
