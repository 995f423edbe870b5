/**
 * The working-day calendar as data (docs/domain.md §4): one item per year (and optional region), with its
 * source and who loaded it. Handlers read all years with one Query and keep the built WorkingCalendar for
 * a minute; writing a year (admin) clears this process's copy at once.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarYear } from '../calendar/calendar-year.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll, withoutKeys } from './query.js';
import { CALENDAR_PARTITION, calendarKey, ENTITY, SCHEMA_VERSION } from './keys.js';
import { checkItem } from './items.js';

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; calendar: Promise<WorkingCalendar> }>();

export async function listCalendarYears(db: Db): Promise<CalendarYear[]> {
  const items = await queryAll(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': CALENDAR_PARTITION } });
  return items.map((item) => {
    checkItem(item, ENTITY.calendar);
    return withoutKeys<CalendarYear>(item);
  });
}

export async function putCalendarYear(db: Db, year: CalendarYear): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...calendarKey(year.year, year.region ?? null), entity: ENTITY.calendar, schemaVersion: SCHEMA_VERSION, ...year },
      }),
    ),
  );
  cache.clear();
}

/**
 * The working calendar built from every loaded year, with the overrides of `region` when given (cached
 * for a minute per process and region; `fresh` reads the table again).
 */
export async function loadCalendar(db: Db, region: string | null = null, options: { fresh?: boolean } = {}): Promise<WorkingCalendar> {
  const key = `${db.tableName}/${region ?? ''}`;
  const hit = cache.get(key);
  if (!options.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  const calendar = listCalendarYears(db).then((years) => new WorkingCalendar(years, { region }));
  cache.set(key, { at: Date.now(), calendar });
  calendar.catch(() => {
    if (cache.get(key)?.calendar === calendar) cache.delete(key);
  });
  return calendar;
}

export function clearCalendarCache(): void {
  cache.clear();
}
