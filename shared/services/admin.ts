/**
 * Administration of the agency tree (docs/domain.md §1; `GET /agencies`, `GET /public/agencies`,
 * `PUT /agencies/{id}`). The working-day calendar has its own service, shared/services/calendars.ts.
 */
import type { Caller } from '../caller.js';
import { ValidationError } from '../domain/errors.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { PutAgencyBody } from '../http/schemas.js';
import { DEFAULT_RETENTION_YEARS, putAgency, type Agency } from '../store/agencies.js';
import type { Db } from '../store/client.js';
import { patternProblems } from '../documents/numbering.js';
import { canAdminister, canSee, clearAgencyTreeCache, isPlatform, loadAgencyTree } from './visibility.js';

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
  for (const [where, pattern] of [
    ['numberPattern', body.documents?.numberPattern],
    ...Object.entries(body.documents?.numberPatterns ?? {}).map(([kind, p]) => [`numberPatterns.${kind}`, p]),
  ] as [string, string | undefined][]) {
    if (pattern === undefined) continue;
    for (const message of patternProblems(pattern)) problems.push({ path: ['body', 'documents', ...where.split('.')], message });
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
    ...(body.documents !== undefined ? { documents: body.documents } : existing?.documents ? { documents: existing.documents } : {}),
    updatedAt: now.toISOString(),
    updatedBy: caller.sub,
  };
  await putAgency(db, agency);
  clearAgencyTreeCache();
  return agency;
}
