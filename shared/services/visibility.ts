/**
 * Who may see what (docs/architecture.md "Visibility"). Cases: an officer sees their own agency's, a supervisor their
 * agency's subtree's — and nobody else, an admin included (an admin manages agencies and calendars, not
 * cases: officer + admin is an officer, not a supervisor). Agencies: an admin manages its agency's subtree;
 * the platform administrator creates tenants' roots. Nobody sees another tree — and what a caller may not
 * see does not exist for them (404, never 403). The tree is read once a minute per process.
 */
import type { Actor } from '../domain/types.js';
import { listAgencies, type Agency } from '../store/agencies.js';
import type { Db } from '../store/client.js';
import { NotFoundError } from '../errors.js';
import type { Caller } from '../caller.js';

const CACHE_MS = 60_000;
let cached: { tableName: string; at: number; tree: Promise<AgencyTree> } | undefined;

export class AgencyTree {
  readonly byId: ReadonlyMap<string, Agency>;
  private readonly children = new Map<string, string[]>();

  constructor(agencies: Agency[]) {
    this.byId = new Map(agencies.map((a) => [a.id, a]));
    for (const a of agencies) {
      if (a.parentId === null) continue;
      const list = this.children.get(a.parentId) ?? [];
      list.push(a.id);
      this.children.set(a.parentId, list);
    }
  }

  /** True when `id` is `root` or below it. Bounded walk: a corrupt cycle cannot loop forever. */
  isInSubtree(id: string, root: string): boolean {
    let current: string | null | undefined = id;
    for (let steps = 0; current && steps <= this.byId.size; steps++) {
      if (current === root) return true;
      current = this.byId.get(current)?.parentId;
    }
    return false;
  }

  /** `root` and every agency below it, root first (breadth first). */
  subtree(root: string): string[] {
    if (!this.byId.has(root)) return [];
    const out = [root];
    for (let i = 0; i < out.length; i++) out.push(...(this.children.get(out[i]!) ?? []));
    return out;
  }

  /** The names from the root down to `id` (the agency's tree path). */
  pathOf(id: string): string[] {
    return [id, ...this.ancestors(id)].reverse().map((a) => this.byId.get(a)?.name ?? a);
  }

  /** The root of `id`'s tree. */
  rootOf(id: string): string {
    const up = this.ancestors(id);
    return up.length > 0 ? up[up.length - 1]! : id;
  }

  /** The ancestors of `id`, nearest first. */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let current = this.byId.get(id)?.parentId;
    while (current && !out.includes(current)) {
      out.push(current);
      current = this.byId.get(current)?.parentId;
    }
    return out;
  }
}

export async function loadAgencyTree(db: Db, options: { fresh?: boolean } = {}): Promise<AgencyTree> {
  if (!options.fresh && cached && cached.tableName === db.tableName && Date.now() - cached.at < CACHE_MS) return cached.tree;
  const tree = listAgencies(db).then((agencies) => new AgencyTree(agencies));
  cached = { tableName: db.tableName, at: Date.now(), tree };
  tree.catch(() => {
    if (cached?.tree === tree) cached = undefined;
  });
  return tree;
}

/** The tree, read again when it does not hold `agencyId` yet (an agency created in the last minute). */
export async function loadAgencyTreeWith(db: Db, agencyId: string): Promise<AgencyTree> {
  const tree = await loadAgencyTree(db);
  return tree.byId.has(agencyId) ? tree : loadAgencyTree(db, { fresh: true });
}

export function clearAgencyTreeCache(): void {
  cached = undefined;
}

/** Whether the caller is the platform administrator (no agency; creates roots, loads the national calendar). */
export const isPlatform = (caller: Caller): boolean => caller.roles.includes('platform');

/** Whether `agencyId` exists and the caller may see and act on its cases (officer: own; supervisor: subtree). */
export function canSee(caller: Caller, agencyId: string, tree: AgencyTree): boolean {
  if (!tree.byId.has(agencyId) || caller.agencyId === null) return false;
  if (caller.roles.includes('supervisor')) return tree.isInSubtree(agencyId, caller.agencyId);
  return caller.roles.includes('officer') && agencyId === caller.agencyId;
}

/** Whether `agencyId` exists and the caller administers it (an admin: its agency's subtree). */
export function canAdminister(caller: Caller, agencyId: string, tree: AgencyTree): boolean {
  if (!tree.byId.has(agencyId) || caller.agencyId === null) return false;
  return caller.roles.includes('admin') && tree.isInSubtree(agencyId, caller.agencyId);
}

/** Throws NotFoundError unless the caller may see the agency. */
export function assertCanSee(caller: Caller, agencyId: string, tree: AgencyTree, what = 'Not found.'): void {
  if (!canSee(caller, agencyId, tree)) throw new NotFoundError(what);
}

/** The actor an authenticated caller acts as: the strongest case role they hold. */
export function actorOf(caller: Caller): Actor {
  const role = caller.roles.includes('supervisor')
    ? 'supervisor'
    : caller.roles.includes('officer')
      ? 'officer'
      : caller.roles.includes('admin')
        ? 'admin'
        : 'platform';
  return { sub: caller.sub, name: caller.name, role, ...(caller.agencyId ? { agencyId: caller.agencyId } : {}) };
}
