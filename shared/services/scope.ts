/**
 * Who may see what (DESIGN.md "Scope"): an officer sees their own agency; a supervisor and an admin their
 * agency's subtree; nobody sees another tree — and what a caller may not see does not exist for them
 * (404, never 403). The tree is read once a minute per process.
 */
import { NotFoundError } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import type { Caller } from '../http/auth.js';
import { listAgencies, type Agency } from '../store/agencies.js';
import type { Db } from '../store/client.js';

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

/** Whether `agencyId` exists and the caller may see and act for it. */
export function canSee(caller: Caller, agencyId: string, tree: AgencyTree): boolean {
  if (!tree.byId.has(agencyId)) return false;
  if (caller.roles.includes('supervisor') || caller.roles.includes('admin')) return tree.isInSubtree(agencyId, caller.agencyId);
  return caller.roles.includes('officer') && agencyId === caller.agencyId;
}

/** Throws NotFoundError unless the caller may see the agency. */
export function assertCanSee(caller: Caller, agencyId: string, tree: AgencyTree, what = 'Not found.'): void {
  if (!canSee(caller, agencyId, tree)) throw new NotFoundError(what);
}

/** The actor an authenticated caller acts as: the strongest case role they hold. */
export function actorOf(caller: Caller): Actor {
  const role = caller.roles.includes('supervisor') ? 'supervisor' : caller.roles.includes('officer') ? 'officer' : 'admin';
  return { sub: caller.sub, name: caller.name, role };
}
