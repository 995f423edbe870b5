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
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { recomputeClock } from '../domain/evolve.js';
import type { Caller } from '../http/auth.js';
import type { PutAgencyBody, PutCalendarBody } from '../http/schemas.js';
import { DEFAULT_RETENTION_YEARS, getAgency, listAgencies, putAgency, type Agency } from '../store/agencies.js';
import { listCalendarYears, loadCalendar, putCalendarYear } from '../store/calendar.js';
import { getCase, queryWorklist, replaceCaseState, type CaseRecord, type WorklistRow } from '../store/cases.js';
import type { Db } from '../store/client.js';
import { canonicalJson } from './identifiers.js';
import { canAdminister, canSee, clearAgencyTreeCache, loadAgencyTree } from './scope.js';

const isPlatform = (caller: Caller) => caller.roles.includes('platform');

/**
 * `GET /agencies`: the agencies the caller may see, each with its parent — the agencies whose cases it
 * handles and those it administers; the platform administrator sees every tenant's.
 */
export async function listVisibleAgencies(db: Db, caller: Caller): Promise<{ items: Agency[] }> {
  const tree = await loadAgencyTree(db);
  const items = [...tree.byId.values()]
    .filter((a) => isPlatform(caller) || canSee(caller, a.id, tree) || canAdminister(caller, a.id, tree))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { items };
}

/** One agency of the public list: its name and its tree path (root first), so a look-alike name shows where it belongs. */
export interface PublicAgency {
  id: string;
  name: string;
  path: string[];
  /** The path as one line, names joined with ` / `. */
  pathText: string;
}

/**
 * `GET /public/agencies` (no token): every agency that accepts online applications, with its tree path,
 * sorted by path — what the online form offers. Nothing internal (policies, who changed what).
 */
export async function listPublicAgencies(db: Db): Promise<{ items: PublicAgency[] }> {
  const tree = await loadAgencyTree(db);
  const items = [...tree.byId.values()]
    .filter((a) => a.acceptsOnlineApplications)
    .map((a) => {
      const path = tree.pathOf(a.id);
      return { id: a.id, name: a.name, path, pathText: path.join(' / ') };
    })
    .sort((a, b) => (a.pathText < b.pathText ? -1 : a.pathText > b.pathText ? 1 : 0));
  return { items };
}

/**
 * `PUT /agencies/{id}` (admin, platform): create or change an agency.
 * - A new root (parentId null) is created by the platform administrator only (tenants' roots; agency ids are
 *   one namespace, so no tenant can take an id another tenant's root needs). An existing root stays a root;
 *   an agency of a tree never becomes one.
 * - Everything else is the admin's: the agency and its new parent must lie in the admin's subtree; a
 *   parent that would make the tree a cycle is refused; the admin's own agency does not move.
 */
export async function upsertAgency(db: Db, caller: Caller, id: string, body: PutAgencyBody, now: Date): Promise<Agency> {
  const tree = await loadAgencyTree(db, { fresh: true });
  const existing = tree.byId.get(id);
  const administers = canAdminister(caller, id, tree);
  const problems = [];
  if (body.parentId === null) {
    if (!existing && !isPlatform(caller)) {
      throw new ForbiddenError("Only the platform administrator creates a tenant's root (parentId null).");
    }
    if (existing && !administers && !isPlatform(caller)) throw new NotFoundError('No agency with this id.');
    if (existing && existing.parentId !== null) {
      problems.push({ path: ['body', 'parentId'], message: `cannot be null: ${id} belongs to the tree of ${tree.rootOf(id)}` });
    }
  } else {
    if (!caller.roles.includes('admin')) {
      throw new ForbiddenError("The platform administrator creates tenants' roots; a tenant's admin creates the agencies of its tree.");
    }
    if (existing && !administers) throw new NotFoundError('No agency with this id.');
    if (!tree.byId.has(body.parentId) || !canAdminister(caller, body.parentId, tree)) {
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
    acceptsOnlineApplications: body.acceptsOnlineApplications ?? existing?.acceptsOnlineApplications ?? true,
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
