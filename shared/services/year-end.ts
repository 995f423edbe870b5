/**
 * The year-end job (00:30 on 1 January, Beijing: last year's statistics of every agency and every subtree,
 * docs/domain.md §7) as units, so that a province's 10^4 agencies fan out over many Lambda invocations instead of
 * one walk that a 15-minute Lambda cannot finish (shared/services/fan-out.ts).
 *
 * Two phases, each a set of independent units:
 * 1. `self`: one unit per agency — its own report, generated from its cases (Queries only), checked,
 *    published. The costly phase: it reads the cases, and every unit can run at once.
 * 2. `subtree`: one unit per agency with children — the consolidation of its subtree, summed from the own
 *    reports that phase 1 published in this run (the report records, read in chunks of 100 and folded, so
 *    memory holds one partial sum per child), checked (identity 8 against its own report and each child's
 *    subtree sum) and published. It reads no case.
 *
 * Why not level by level (the leaves' consolidations first, then their parents' from them)? That needs one
 * round per level of the tree, each waiting for the slowest unit of the level; summing the published own
 * reports needs one round, in any order, at the price of reading each own report once per ancestor (about
 * four reads per agency in a five-level province: a few thousand reads, measured by `npm run bench --
 * scale`). Each child's subtree sum is what that child's own subtree unit publishes: both are the same sum
 * of the same published records.
 *
 * Every unit carries the run's instant (`runAt`): it is the reports' `generatedAt`, so a consolidation can
 * tell an own report published in this run from one left by an earlier run. An own report this run did not
 * publish (it broke an identity, say identity 6 against last year's report) is generated again from its
 * cases for the sum, as the single-walk job did, so one agency's broken own report does not hold back
 * every consolidation above it; beyond REGENERATE_LIMIT such agencies the unit refuses
 * (UnitPreconditionError naming them: phase 1 failed broadly, and re-reading the cases in every ancestor
 * would multiply the cost). Publishing is idempotent: a unit run twice writes the same files and record.
 */
import type { Report, ReportScope } from '../reports/aggregate.js';
import { emptyReport } from '../reports/aggregate.js';
import { consolidate } from '../reports/consolidate.js';
import { defaultTemplateFor } from '../reports/templates/registry.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { forEachReportFigures } from '../store/reports.js';
import { UnitPreconditionError } from './fan-out.js';
import { agencyName, beijingYear, selfReport } from './report-build.js';
import { checkIdentities, reportOfRecord } from './report-checks.js';
import { publish } from './report-publishing.js';
import { loadAgencyTree, type AgencyTree } from './visibility.js';

/** What every unit of one run shares. */
export interface YearEndRun {
  /** The run's instant (ISO 8601): the reports' generatedAt and publishedAt. */
  runAt: string;
  year: number;
  templateId: TemplateId;
}

export type YearEndUnit = YearEndRun & { kind: ReportScope; agencyId: string };

export interface YearEndUnitResult {
  agencyId: string;
  scope: ReportScope;
  /** Own reports: the applications received in the year (new.total); consolidations: the agencies summed. */
  cases?: number;
  agencies?: number;
}

export interface YearEndPlan extends YearEndRun {
  agencies: number;
  self: YearEndUnit[];
  subtree: YearEndUnit[];
}

/** Who publishes the year-end reports. */
const PUBLISHER = 'system';

/**
 * At most this many own reports of a subtree, missing from this run, are generated again for its sum (a
 * handful of agencies whose own report broke an identity); more means phase 1 failed broadly.
 */
export const REGENERATE_LIMIT = 20;

/** The run's units: every agency's own report, then every agency with children's consolidation. */
export async function planYearEnd(db: Db, now: Date): Promise<YearEndPlan> {
  const year = beijingYear(now) - 1;
  const run: YearEndRun = { runAt: now.toISOString(), year, templateId: defaultTemplateFor(year) };
  const tree = await loadAgencyTree(db, { fresh: true });
  const ids = [...tree.byId.keys()].sort();
  const parents = new Set<string>();
  for (const agency of tree.byId.values()) if (agency.parentId !== null && tree.byId.has(agency.parentId)) parents.add(agency.parentId);
  return {
    ...run,
    agencies: ids.length,
    self: ids.map((agencyId) => ({ ...run, kind: 'self', agencyId })),
    // A root without children has no consolidated report (it would equal its own).
    subtree: ids.filter((id) => parents.has(id)).map((agencyId) => ({ ...run, kind: 'subtree', agencyId })),
  };
}

/** One unit: publishes the agency's own report or its subtree's consolidation. Throws what fails. */
export async function runYearEndUnit(
  db: Db,
  storage: ReportStorage,
  unit: YearEndUnit,
  options: { regenerateLimit?: number } = {},
): Promise<YearEndUnitResult> {
  const now = new Date(unit.runAt);
  const tree = await loadAgencyTree(db);
  const name = agencyName(tree, unit.agencyId);
  if (unit.kind === 'self') {
    const report = await selfReport(db, unit.agencyId, unit, now);
    await publish(db, storage, report, await checkIdentities(db, report, undefined), name, PUBLISHER, now);
    return { agencyId: unit.agencyId, scope: 'self', cases: report.cells[`${unit.templateId}.new.total`]?.value ?? 0 };
  }
  const { report, parts, agencies } = await consolidateSubtree(db, tree, unit, options.regenerateLimit ?? REGENERATE_LIMIT);
  await publish(db, storage, report, await checkIdentities(db, report, parts), name, PUBLISHER, now);
  return { agencyId: unit.agencyId, scope: 'subtree', agencies };
}

/**
 * The consolidated report of the unit's subtree from the own reports published in this run, and its parts:
 * the agency's own report and, per child, the child's own report (a leaf) or its subtree's sum.
 */
async function consolidateSubtree(db: Db, tree: AgencyTree, unit: YearEndUnit, regenerateLimit: number): Promise<{ report: Report; parts: Report[]; agencies: number }> {
  const root = unit.agencyId;
  const members = tree.subtree(root);
  /** Which part each agency's own report goes to: the root's own, or the child whose subtree holds it. */
  const partOf = new Map<string, string>([[root, root]]);
  const children = members.slice(1).filter((id) => tree.byId.get(id)?.parentId === root);
  for (const child of children) for (const id of tree.subtree(child)) partOf.set(id, child);
  const sums = new Map<string, { values: Record<string, number>; count: number }>();
  const add = (agencyId: string, values: Record<string, number>) => {
    const part = partOf.get(agencyId)!;
    const sum = sums.get(part) ?? { values: {}, count: 0 };
    for (const [cell, value] of Object.entries(values)) sum.values[cell] = (sum.values[cell] ?? 0) + value;
    sum.count++;
    sums.set(part, sum);
  };
  const stale: string[] = [];
  const missing = await forEachReportFigures(db, { agencyIds: members, year: unit.year, templateId: unit.templateId, scope: 'self' }, (figures) => {
    if (figures.generatedAt !== unit.runAt) {
      stale.push(figures.agencyId);
      return;
    }
    add(figures.agencyId, figures.values);
  });
  const absent = [...missing, ...stale].sort();
  if (absent.length > regenerateLimit) {
    const shown = absent.slice(0, 20).join(', ');
    throw new UnitPreconditionError(
      `The ${unit.year} subtree report of ${root} needs the own reports of its ${members.length} agencies published in this run (${unit.runAt}); ` +
        `${absent.length} are not (more than ${regenerateLimit} to generate again): ${shown}${absent.length > 20 ? ', …' : ''}.`,
    );
  }
  // The few this run did not publish: their figures generated again from their cases (unpublished).
  for (const id of absent) {
    const report = await selfReport(db, id, unit, new Date(unit.runAt));
    add(id, Object.fromEntries(Object.entries(report.cells).map(([cell, c]) => [cell, c.value])));
  }
  const partReport = (id: string): Report => {
    const sum = sums.get(id)!;
    const leaf = tree.subtree(id).length === 1;
    return reportOfRecord({
      agencyId: id,
      year: unit.year,
      templateId: unit.templateId,
      scope: leaf ? 'self' : 'subtree',
      generatedAt: unit.runAt,
      values: withAllCells(unit, sum.values),
    });
  };
  const parts = [partReport(root), ...children.map(partReport)];
  return { report: consolidate(root, parts, { generatedAt: unit.runAt }), parts, agencies: members.length };
}

/** Every cell of the template, zero where the records had none (a record holds every cell; this is a guard). */
function withAllCells(run: YearEndRun, values: Record<string, number>): Record<string, number> {
  const all = emptyReport(run.templateId, { year: run.year, agencyId: '-', scope: 'self', generatedAt: run.runAt });
  return Object.fromEntries(Object.keys(all.cells).map((id) => [id, values[id] ?? 0]));
}

/** How the summary names a unit. */
export function describeYearEndUnit(unit: Pick<YearEndUnit, 'agencyId' | 'kind'>): string {
  return `${unit.agencyId} (${unit.kind})`;
}
