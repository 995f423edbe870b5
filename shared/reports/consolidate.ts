/**
 * Consolidation (docs/domain.md §1, §7 identity 8): a subtree report is the sum, cell by cell, of the
 * reports of the agencies in the subtree (each agency's own report, or a child's subtree report).
 */
import { emptyReport } from './aggregate.js';
import type { Report } from './aggregate.js';

/**
 * Sums `reports` (same template, same year, at least one) into the subtree report of `parentAgencyId`.
 * Throws `RangeError` when they do not match, when an agency's report is given twice, or when a report's
 * cells are not the template's.
 */
export function consolidate(parentAgencyId: string, reports: readonly Report[], options: { generatedAt?: string } = {}): Report {
  const [first] = reports;
  if (first === undefined) throw new RangeError(`Nothing to consolidate for agency ${parentAgencyId}.`);
  const agencies = new Set<string>();
  for (const report of reports) {
    if (agencies.has(report.agencyId)) throw new RangeError(`The report of agency ${report.agencyId} is given twice.`);
    agencies.add(report.agencyId);
    if (report.templateId !== first.templateId || report.year !== first.year) {
      throw new RangeError(
        `Cannot consolidate ${report.templateId} ${report.year} (agency ${report.agencyId}) with ${first.templateId} ${first.year}.`,
      );
    }
  }
  const sum = emptyReport(first.templateId, {
    year: first.year,
    agencyId: parentAgencyId,
    scope: 'subtree',
    generatedAt: options.generatedAt ?? new Date().toISOString(),
  });
  for (const report of reports) {
    const ids = Object.keys(report.cells);
    if (ids.length !== Object.keys(sum.cells).length) {
      throw new RangeError(`The report of agency ${report.agencyId} does not have the cells of ${first.templateId}.`);
    }
    for (const id of ids) {
      const target = sum.cells[id];
      const source = report.cells[id];
      if (target === undefined || source === undefined) {
        throw new RangeError(`The report of agency ${report.agencyId} has a cell "${id}" that ${first.templateId} does not have.`);
      }
      target.value += source.value;
    }
  }
  return sum;
}
