/**
 * Generating year-end reports from the data (docs/domain.md §7): one agency's own report (`self`) in one
 * pass over the cases relevant to the year (shared/store/report-source.ts, Queries only), and the walk
 * of a subtree from the leaves up that consolidates each agency's report with its children's
 * (`subtree`). Used by the reports service and by the year-end job.
 */
import { beijingDate } from '../calendar/civil-date.js';
import { NotFoundError } from '../errors.js';
import { aggregate } from '../reports/aggregate.js';
import type { Report, ReportScope } from '../reports/aggregate.js';
import { consolidate } from '../reports/consolidate.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import { reportCases } from '../store/report-source.js';
import type { AgencyTree } from './visibility.js';

/** Which report: one agency, one year, one scope, one template. */
export interface ReportTarget {
  year: number;
  agencyId: string;
  scope: ReportScope;
  templateId: TemplateId;
}

/** The earliest year with a report: the 2008 Regulation (国务院令第492号) took effect on 2008-05-01. */
export const FIRST_YEAR = 2008;

export function beijingYear(now: Date): number {
  return Number(beijingDate(now).slice(0, 4));
}

/** The name of an agency of the tree (NotFoundError when the tree does not hold it). */
export function agencyName(tree: AgencyTree, agencyId: string): string {
  const agency = tree.byId.get(agencyId);
  if (agency === undefined) throw new NotFoundError(`No agency ${agencyId}.`);
  return agency.name;
}

/** One agency's own report: one pass over the cases relevant to the year. */
export async function selfReport(db: Db, agencyId: string, target: Pick<ReportTarget, 'year' | 'templateId'>, now: Date): Promise<Report> {
  return aggregate(reportCases(db, { agencyId, year: target.year, now }), {
    year: target.year,
    agencyId,
    templateId: target.templateId,
    generatedAt: now.toISOString(),
  });
}

export interface WalkHandlers {
  /** An agency's own report, once generated. */
  self(agencyId: string, report: Report): Promise<void>;
  /** A consolidated report and the reports it sums (the agency's own, each child's subtree or own report). */
  subtree(agencyId: string, report: Report, parts: Report[]): Promise<void>;
  /** A report that could not be generated (its own cases, or a report of its subtree, failed). */
  failed(agencyId: string, scope: ReportScope, error: unknown): void;
}

/**
 * Generates the reports of `root`'s subtree from the leaves up (reverse breadth-first order puts every
 * agency after its children): each agency's own report, then, for the root and every agency with children,
 * the consolidation of its own report and its children's (docs/domain.md §1: a consolidated report sums the
 * whole subtree; summing the children's consolidated reports sums their subtrees). A child's report is
 * dropped once its parent has summed it, so only the reports awaiting their parent are held.
 */
export async function walkSubtree(
  db: Db,
  tree: AgencyTree,
  root: string,
  target: Pick<ReportTarget, 'year' | 'templateId'>,
  now: Date,
  on: WalkHandlers,
): Promise<Report | undefined> {
  const order = tree.subtree(root);
  const children = new Map<string, string[]>();
  for (const id of order.slice(1)) {
    const parent = tree.byId.get(id)?.parentId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const waiting = new Map<string, Report | null>();
  for (const id of order.slice().reverse()) {
    let self: Report | null = null;
    try {
      self = await selfReport(db, id, target, now);
      await on.self(id, self);
    } catch (error) {
      on.failed(id, 'self', error);
    }
    const kids = children.get(id) ?? [];
    if (kids.length === 0 && id !== root) {
      waiting.set(id, self);
      continue;
    }
    const parts = [self, ...kids.map((kid) => waiting.get(kid) ?? null)];
    for (const kid of kids) waiting.delete(kid);
    const missing = kids.filter((_, i) => parts[i + 1] === null);
    if (self === null || missing.length > 0) {
      on.failed(id, 'subtree', new Error(`the reports of ${[...(self === null ? [id] : []), ...missing].join(', ')} could not be generated`));
      waiting.set(id, null);
      continue;
    }
    const complete = parts as Report[];
    const report = consolidate(id, complete, { generatedAt: now.toISOString() });
    try {
      await on.subtree(id, report, complete);
    } catch (error) {
      on.failed(id, 'subtree', error);
    }
    waiting.set(id, report);
  }
  return waiting.get(root) ?? undefined;
}

/** The report of the target, with the reports a consolidated one sums (identity 8). Throws what fails. */
export async function buildReport(db: Db, tree: AgencyTree, target: ReportTarget, now: Date): Promise<{ report: Report; parts?: Report[] }> {
  if (target.scope === 'self') return { report: await selfReport(db, target.agencyId, target, now) };
  let rootParts: Report[] | undefined;
  const report = await walkSubtree(db, tree, target.agencyId, target, now, {
    self: async () => undefined,
    subtree: async (id, _report, parts) => {
      if (id === target.agencyId) rootParts = parts;
    },
    failed: (_id, _scope, error) => {
      throw error;
    },
  });
  if (report === undefined || rootParts === undefined) throw new NotFoundError(`No agency ${target.agencyId}.`);
  return { report, parts: rootParts };
}
