/**
 * The working-day calendar (docs/domain.md §4; `GET`/`PUT /calendar/{year}`): a year's holidays and
 * make-up working days, the calendar of an agency (national, or with its region's overrides), and the
 * recomputation of open cases' deadlines when a year is loaded or corrected.
 *
 * Loading or correcting a year recomputes the deadlines of the open cases whose clock reaches into that
 * year, and says how many changed (docs/domain.md §4: loading a year recomputes the open cases).
 */
import type { CalendarYear } from '../calendar/calendar-year.js';
import { validateCalendarYear } from '../calendar/calendar-year.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Caller } from '../caller.js';
import { ValidationError } from '../domain/errors.js';
import { recomputeClock } from '../domain/evolve.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { PutCalendarBody } from '../http/schemas.js';
import { getAgency, listAgencies } from '../store/agencies.js';
import { listCalendarYears, loadCalendar, putCalendarYear } from '../store/calendar.js';
import { getCase, replaceCaseState, type CaseRecord } from '../store/cases.js';
import { queryWorklist, type WorklistRow } from '../store/worklist.js';
import type { Db } from '../store/client.js';
import { canonicalJson } from './identifiers.js';
import { isPlatform, loadAgencyTree } from './visibility.js';

/** `GET /calendar/{year}`: the national year and its regional overrides. */
export async function getCalendarYear(db: Db, year: number): Promise<{ year: number; national: CalendarYear | null; regions: CalendarYear[] }> {
  const years = (await listCalendarYears(db)).filter((y) => y.year === year);
  const national = years.find((y) => !y.region) ?? null;
  if (!national && years.length === 0) throw new NotFoundError(`The ${year} calendar is not loaded.`);
  return { year, national, regions: years.filter((y) => y.region) };
}

export interface RecomputeSummary {
  examined: number;
  changed: number;
  stillProvisional: number;
  skippedConcurrentlyChanged: number;
}

/**
 * `PUT /calendar/{year}` (platform, admin): validates, stores, and recomputes the open cases it affects.
 * The national year is the platform administrator's; a region's overrides may also be loaded by an admin
 * whose subtree has an agency using the region (`calendarRegion`). Every affected case is recomputed, but
 * the answer counts only the caller's subtree (the platform's: every tree), so it tells nothing of other
 * tenants' cases.
 */
export async function putCalendar(
  db: Db,
  caller: Caller,
  year: number,
  body: PutCalendarBody,
  now: Date,
): Promise<{ calendar: CalendarYear; recomputed: RecomputeSummary }> {
  const region = body.region ?? null;
  const tree = await loadAgencyTree(db, { fresh: true });
  if (!isPlatform(caller)) {
    if (region === null) throw new ForbiddenError('The national calendar is loaded by the platform administrator.');
    const usesRegion = caller.agencyId !== null && caller.roles.includes('admin') &&
      tree.subtree(caller.agencyId).some((id) => tree.byId.get(id)?.calendarRegion === region);
    if (!usesRegion) throw new ForbiddenError(`Region ${region}'s overrides are loaded by an admin whose agencies use that region.`);
  }
  const calendar: CalendarYear = {
    year,
    region: body.region ?? null,
    holidays: [...body.holidays].sort((a, b) => (a.date < b.date ? -1 : 1)),
    workdays: [...body.workdays].sort((a, b) => (a.date < b.date ? -1 : 1)),
    source: body.source,
    loadedBy: caller.sub,
    loadedAt: now.toISOString(),
  };
  const problems = validateCalendarYear(calendar).map((p) => ({ ...p, path: ['body', ...p.path] }));
  if (problems.length > 0) throw new ValidationError(problems);
  await putCalendarYear(db, calendar);
  const counted = isPlatform(caller) ? undefined : new Set(tree.subtree(caller.agencyId!));
  const recomputed = await recomputeOpenCases(db, year, {
    region,
    counts: (agencyId) => counted === undefined || counted.has(agencyId),
  });
  return { calendar, recomputed };
}

/**
 * Re-derives the clock of every open case whose count can reach into `year` (received on or before
 * 31 December of that year, and due on or after 1 January of it, or without a deadline yet), from the
 * worklist index, in every agency whose calendar changed: all of them for a national year (absent or null
 * `region`), those using the region for a regional one. A case whose state changed is written back on its
 * version; one that changed meanwhile is skipped (its own write used the new calendar or the daily sweep
 * re-derives it). The summary counts the agencies `counts` accepts (all by default).
 */
export async function recomputeOpenCases(
  db: Db,
  year: number,
  options: { region?: string | null; counts?: (agencyId: string) => boolean } = {},
): Promise<RecomputeSummary> {
  const summary: RecomputeSummary = { examined: 0, changed: 0, stillProvisional: 0, skippedConcurrentlyChanged: 0 };
  const uncounted: RecomputeSummary = { ...summary };
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const calendarFor = (region: string | null | undefined) => {
    const key = region ?? '';
    let calendar = calendars.get(key);
    if (!calendar) {
      calendar = loadCalendar(db, region ?? null, { fresh: true });
      calendars.set(key, calendar);
    }
    return calendar;
  };
  for (const agency of await listAgencies(db)) {
    if (options.region && agency.calendarRegion !== options.region) continue;
    const tally = options.counts === undefined || options.counts(agency.id) ? summary : uncounted;
    const calendar = await calendarFor(agency.calendarRegion);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await queryWorklist(db, { agencyId: agency.id, which: 'open', limit: 100, startKey });
      for (const record of page.items) {
        const s = record.state;
        if (!s.receivedDate || s.receivedDate > `${year}-12-31`) continue;
        if (s.dueDate && s.dueDate < `${year}-01-01` && !s.provisional) continue;
        tally.examined++;
        const outcome = await rederive(db, record, calendar);
        if (outcome === 'changed') tally.changed++;
        if (outcome === 'conflict') tally.skippedConcurrentlyChanged++;
        if (outcome !== 'conflict' && recomputeClock(s, calendar).provisional) tally.stillProvisional++;
      }
      startKey = page.lastKey;
    } while (startKey);
  }
  return summary;
}

/**
 * Re-derives one case's clock from its facts; writes it back when it changed. A worklist row holds no
 * applicant, so the case item is read whole before it is written (and a version that moved meanwhile is a
 * conflict).
 */
export async function rederive(db: Db, row: WorklistRow | CaseRecord, calendar: WorkingCalendar): Promise<'unchanged' | 'changed' | 'conflict'> {
  const state = recomputeClock(row.state, calendar);
  // Key order of maps read back from DynamoDB is arbitrary: compare canonical JSON.
  if (canonicalJson(state) === canonicalJson(row.state)) return 'unchanged';
  const record = 'applicant' in row ? row : await getCase(db, row.id);
  if (!record || record.version !== row.version) return 'conflict';
  const written = await replaceCaseState(db, record, { ...record, state });
  return written ? 'changed' : 'conflict';
}

/** The agency of a case and its calendar (national, or with the agency's regional overrides). */
export async function calendarOfAgency(db: Db, agencyId: string): Promise<WorkingCalendar> {
  const agency = await getAgency(db, agencyId);
  return loadCalendar(db, agency?.calendarRegion ?? null);
}
