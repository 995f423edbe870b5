/**
 * Drill-down (docs/domain.md §7: "Every figure can be drilled down to the list of cases behind it"):
 * the cases behind one cell, found with the aggregation's own `classifyCase`, so the list and the figure
 * cannot disagree.
 */
import { classifyCase, checkYear } from './aggregate.js';
import type { ReportCase } from './report-case.js';
import { parseCellId } from './templates/layout.js';

/**
 * The ids of the cases behind `cellId` (see templates/layout.ts) for `year`, in stream order. A case is
 * yielded once per unit it adds to the figure (so the count equals the figure): once for an application
 * cell, once per appeal or complaint filed in the year for an appeal cell. Pass the same cases the
 * figure was computed from (for a subtree figure: the cases of every agency in the subtree).
 */
export async function* cellMembers(
  cellId: string,
  year: number,
  cases: AsyncIterable<ReportCase> | Iterable<ReportCase>,
): AsyncIterable<string> {
  const { templateId } = parseCellId(cellId);
  checkYear(year);
  for await (const c of cases) {
    for (const id of classifyCase(templateId, year, c)) {
      if (id === cellId) yield c.id;
    }
  }
}
