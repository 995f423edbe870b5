/**
 * The working-day calendar as data (DOMAIN.md §4): one item per year (and optional region), with its
 * source and who loaded it. Handlers read all years with one Query and keep the built WorkingCalendar for
 * a minute; writing a year (admin) clears this process's copy at once.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarYear } from '../calendar/calendar-year.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { CALENDAR_PARTITION, calendarKey, ENTITY, SCHEMA_VERSION } from './keys.js';

const CACHE_MS = 60_000;
let cached: { tableName: string; at: number; calendar: Promise<WorkingCalendar> } | undefined;

export async function listCalendarYears(db: Db): Promise<CalendarYear[]> {
  const years: CalendarYear[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() =>
      db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': CALENDAR_PARTITION },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      const { PK: _pk, SK: _sk, entity: _e, schemaVersion: _v, ...year } = item;
      years.push(year as CalendarYear);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return years;
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
  cached = undefined;
}

/** The national working calendar built from every loaded year (cached for a minute per process). */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  if (cached && cached.tableName === db.tableName && Date.now() - cached.at < CACHE_MS) return cached.calendar;
  const calendar = listCalendarYears(db).then((years) => new WorkingCalendar(years));
  cached = { tableName: db.tableName, at: Date.now(), calendar };
  calendar.catch(() => {
    if (cached?.calendar === calendar) cached = undefined;
  });
  return calendar;
}

export function clearCalendarCache(): void {
  cached = undefined;
}
