/**
 * Prepares a table for local use: creates it when missing, loads the seeded national calendars for the
 * years it does not hold yet (an administrator's edits are never overwritten), and loads the demo agency
 * tree into a table that has no agency yet.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedCalendarYears } from '../../shared/calendar/seed.js';
import { listAgencies, putAgency } from '../../shared/store/agencies.js';
import { listCalendarYears, putCalendarYear } from '../../shared/store/calendar.js';
import type { Db } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/create-table.js';
import { DEMO_AGENCIES } from './demo-data.js';

export interface BootstrapReport {
  table: 'created' | 'exists';
  calendarYearsLoaded: number[];
  agenciesLoaded: number;
}

export async function bootstrap(client: DynamoDBClient, db: Db, options: { demoAgencies: boolean }): Promise<BootstrapReport> {
  const table = await ensureTable(client, db.tableName);
  const present = new Set((await listCalendarYears(db)).filter((y) => !y.region).map((y) => y.year));
  const calendarYearsLoaded: number[] = [];
  for (const year of seedCalendarYears()) {
    if (present.has(year.year)) continue;
    await putCalendarYear(db, year);
    calendarYearsLoaded.push(year.year);
  }
  let agenciesLoaded = 0;
  if (options.demoAgencies && (await listAgencies(db)).length === 0) {
    const now = new Date().toISOString();
    for (const agency of DEMO_AGENCIES) {
      await putAgency(db, { ...agency, updatedAt: now, updatedBy: 'demo-data' });
      agenciesLoaded++;
    }
  }
  return { table, calendarYearsLoaded, agenciesLoaded };
}
