/**
 * Administration: the agency tree and the working-day calendar (DOMAIN.md §1, §4; DESIGN.md
 * `GET /agencies`, `PUT /agencies/{id}`, `GET`/`PUT /calendar/{year}`).
 *
 * Loading or correcting a year of the calendar recomputes the deadlines of the open cases whose clock
 * reaches into that year, and says how many changed (DOMAIN.md §4: "loading it recomputes the open
 * cases").
 */
import type { CalendarYear } from '../calendar/calendar-year.js';
import { validateCalendarYear } from '../calendar/calendar-year.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { recomputeClock } from '../domain/lifecycle.js';
import type { Caller } from '../http/auth.js';
import type { PutAgencyBody, PutCalendarBody } from '../http/schemas.js';
import { getAgency, listAgencies, putAgency, type Agency } from '../store/agencies.js';
import { listCalendarYears, loadCalendar, putCalendarYear } from '../store/calendar.js';
import { DEFAULT_RETENTION_YEARS } from '../store/agencies.js';
import { queryWorklist, replaceCaseState, type CaseRecord } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { canonicalJson } from './identifiers.js';
import { canSee, clearAgencyTreeCache, loadAgencyTree } from './scope.js';

/** `GET /agencies`: the agencies the caller may see, each with its parent. */
export async function listVisibleAgencies(db: Db, caller: Caller): Promise<{ items: Agency[] }> {
  const tree = await loadAgencyTree(db);
  const items = [...tree.byId.values()].filter((a) => canSee(caller, a.id, tree)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { items };
}

/**
 * `PUT /agencies/{id}` (admin): create or change an agency. The agency and its new parent must lie in
 * the admin's subtree; a root (parentId null) can only be the admin's own agency, which is how the first
 * administrator of a new tenant creates its root; a parent that would make the tree a cycle is refused.
 */
export async function upsertAgency(db: Db, caller: Caller, id: string, body: PutAgencyBody, now: Date): Promise<Agency> {
  const tree = await loadAgencyTree(db, { fresh: true });
  const existing = tree.byId.get(id);
  if (existing && !canSee(caller, id, tree)) throw new NotFoundError('No agency with this id.');
  const problems = [];
  if (body.parentId === null) {
    if (id !== caller.agencyId) {
      problems.push({ path: ['body', 'parentId'], message: 'may be null only for your own agency (the root of your tree)' });
    } else if (existing && existing.parentId !== null) {
      problems.push({ path: ['body', 'parentId'], message: 'cannot detach your agency from its parent tree' });
    }
  } else {
    if (!tree.byId.has(body.parentId) || !canSee(caller, body.parentId, tree)) {
      problems.push({ path: ['body', 'parentId'], message: 'is not a known agency' });
    } else if (body.parentId === id || tree.ancestors(body.parentId).includes(id)) {
      problems.push({ path: ['body', 'parentId'], message: `would make a cycle: ${body.parentId} lies under ${id}` });
    }
    if (id === caller.agencyId && existing?.parentId !== body.parentId) {
      problems.push({ path: ['body', 'parentId'], message: 'cannot move your own agency' });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const agency: Agency = {
    id,
    name: body.name,
    parentId: body.parentId,
    autoConfirmOnline: body.autoConfirmOnline ?? existing?.autoConfirmOnline ?? true,
    calendarRegion: body.calendarRegion === undefined ? (existing?.calendarRegion ?? null) : body.calendarRegion,
    retentionYears: body.retentionYears ?? existing?.retentionYears ?? DEFAULT_RETENTION_YEARS,
    updatedAt: now.toISOString(),
    updatedBy: caller.sub,
  };
  await putAgency(db, agency);
  clearAgencyTreeCache();
  return agency;
}

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

/** `PUT /calendar/{year}` (admin): validates, stores, and recomputes the open cases it affects. */
export async function putCalendar(
  db: Db,
  caller: Caller,
  year: number,
  body: PutCalendarBody,
  now: Date,
): Promise<{ calendar: CalendarYear; recomputed: RecomputeSummary }> {
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
  const recomputed = await recomputeOpenCases(db, year);
  return { calendar, recomputed };
}

/**
 * Re-derives the clock of every open case whose count can reach into `year` (received on or before
 * 31 December of that year, and due on or after 1 January of it, or without a deadline yet), in every
 * agency, from the worklist index. A case whose state changed is written back on its version; one that
 * changed meanwhile is skipped (its own write used the new calendar or the daily sweep re-derives it).
 */
export async function recomputeOpenCases(db: Db, year: number): Promise<RecomputeSummary> {
  const summary: RecomputeSummary = { examined: 0, changed: 0, stillProvisional: 0, skippedConcurrentlyChanged: 0 };
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
    const calendar = await calendarFor(agency.calendarRegion);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await queryWorklist(db, { agencyId: agency.id, which: 'open', limit: 100, startKey });
      for (const record of page.items) {
        const s = record.state;
        if (!s.receivedDate || s.receivedDate > `${year}-12-31`) continue;
        if (s.dueDate && s.dueDate < `${year}-01-01` && !s.provisional) continue;
        summary.examined++;
        const outcome = await rederive(db, record, calendar);
        if (outcome === 'changed') summary.changed++;
        if (outcome === 'conflict') summary.skippedConcurrentlyChanged++;
        if (outcome !== 'conflict' && recomputeClock(s, calendar).provisional) summary.stillProvisional++;
      }
      startKey = page.lastKey;
    } while (startKey);
  }
  return summary;
}

/** Re-derives one case's clock from its facts; writes it back when it changed. */
export async function rederive(db: Db, record: CaseRecord, calendar: WorkingCalendar): Promise<'unchanged' | 'changed' | 'conflict'> {
  const state = recomputeClock(record.state, calendar);
  // Key order of maps read back from DynamoDB is arbitrary: compare canonical JSON.
  if (canonicalJson(state) === canonicalJson(record.state)) return 'unchanged';
  const written = await replaceCaseState(db, record, { ...record, state });
  return written ? 'changed' : 'conflict';
}

/** The agency of a case and its calendar (national, or with the agency's regional overrides). */
export async function calendarOfAgency(db: Db, agencyId: string): Promise<WorkingCalendar> {
  const agency = await getAgency(db, agencyId);
  return loadCalendar(db, agency?.calendarRegion ?? null);
}
