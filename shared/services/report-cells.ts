/**
 * Drill-down (docs/domain.md §7: "Every figure can be drilled down to the list of cases behind it"):
 * the ids of the cases behind one figure, from the same stream as the figure (shared/store/report-source.ts)
 * through the aggregation's own classification (shared/reports/drill-down.ts), so the list and the figure
 * cannot disagree. Paginated with an opaque cursor that resumes the stream where the page stopped, so a
 * province-wide figure is listed page by page without reading it all again.
 */
import { ValidationError } from '../domain/errors.js';
import type { ReportScope } from '../reports/aggregate.js';
import { cellMembers } from '../reports/drill-down.js';
import type { ReportCase } from '../reports/report-case.js';
import { parseCellId } from '../reports/templates/layout.js';
import type { Db } from '../store/client.js';
import { isSegmentStartKey, reportPages, segmentsOf, type SourcePosition } from '../store/report-source.js';
import type { Caller } from '../caller.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';
import { loadAgencyTree } from './visibility.js';
import { allowedTarget, checkReportYear, type ReportQueryInput } from './report-access.js';

export interface CellCasesRequest {
  year: number;
  agencyId: string;
  scope: ReportScope;
  cellId: string;
  now: Date;
  /** Where the previous page stopped (opaque, from the previous answer). */
  cursor?: string;
  /** At most this many ids per page (a case adding several units to an appeal cell is never split). */
  limit: number;
  /** Rows per Query page of the stream (default: DynamoDB's 1 MB page). */
  pageSize?: number;
}

/** Where a drill-down stopped: the agency of the subtree (index and id), the position in its stream. */
interface CellCursor {
  request: string;
  agency: number;
  agencyId: string;
  position: SourcePosition;
}

function fingerprint(request: CellCasesRequest): string {
  return `${request.year}|${request.agencyId}|${request.scope}|${request.cellId}`;
}

/** The cursor, checked to continue this very drill-down, on a partition of the agency it names. */
function decodeCellCursor(text: string, request: CellCasesRequest, agencies: readonly string[]): CellCursor {
  const message = 'is not a cursor this drill-down gave out';
  const invalid = invalidCursor(message);
  const cursor = decodeCursor(text, message) as unknown as CellCursor;
  if (cursor.request !== fingerprint(request)) throw invalid;
  if (!Number.isInteger(cursor.agency) || agencies[cursor.agency] !== cursor.agencyId) throw invalid;
  const { segment, startKey, skip } = cursor.position ?? {};
  const segments = segmentsOf(request.year, request.now);
  const spec = Number.isInteger(segment) ? segments[segment] : undefined;
  if (spec === undefined || !Number.isInteger(skip) || skip < 0) throw invalid;
  if (startKey !== undefined && !isSegmentStartKey(spec, { agencyId: cursor.agencyId, year: request.year, now: request.now }, startKey)) {
    throw invalid;
  }
  return cursor;
}

/**
 * The ids of the cases behind one figure (docs/domain.md §7: every figure can be drilled down), streaming the
 * same cases as the figure through shared/reports/drill-down.ts, agency by agency for a subtree; a case is
 * listed once per unit it adds (once per appeal filed in the year in section 四). Paginated: `cursor` is
 * set when there may be more.
 */
export async function cellCases(db: Db, request: CellCasesRequest): Promise<{ caseIds: string[]; cursor?: string }> {
  const tree = await loadAgencyTree(db);
  const agencies = request.scope === 'self' ? [request.agencyId] : tree.subtree(request.agencyId);
  const start = request.cursor === undefined ? undefined : decodeCellCursor(request.cursor, request, agencies);
  let after: CellCursor | undefined;
  let full = false;
  // The cases in stream order; once the page is full, the next case is not read (the one being listed
  // still gives all its units), and `after` is where the next page starts.
  async function* cases(): AsyncGenerator<ReportCase> {
    for (let agency = start?.agency ?? 0; agency < agencies.length; agency++) {
      const agencyId = agencies[agency]!;
      const from = agency === start?.agency ? start.position : undefined;
      const options = { agencyId, year: request.year, now: request.now, ...(request.pageSize ? { pageSize: request.pageSize } : {}) };
      for await (const page of reportPages(db, options, from)) {
        for (let i = 0; i < page.cases.length; i++) {
          if (full) return;
          const position = { segment: page.segment, ...(page.startKey ? { startKey: page.startKey } : {}), skip: page.rows[i]! + 1 };
          after = { request: fingerprint(request), agency, agencyId, position };
          yield page.cases[i]!;
        }
      }
    }
  }
  const caseIds: string[] = [];
  for await (const id of cellMembers(request.cellId, request.year, cases())) {
    caseIds.push(id);
    if (caseIds.length >= request.limit) full = true;
  }
  return { caseIds, ...(full && after !== undefined ? { cursor: encodeCursor(after) } : {}) };
}

/** `GET /reports/{year}/cells/{cellId}`: the template is the cell's. */
export async function cellCasesForCaller(
  db: Db,
  caller: Caller,
  year: number,
  cellId: string,
  query: Omit<ReportQueryInput, 'template'> & { cursor?: string | undefined; limit: number },
  now: Date,
): Promise<{ year: number; agencyId: string; scope: ReportScope; cellId: string; caseIds: string[]; cursor?: string }> {
  checkReportYear(year, now, 'read');
  try {
    parseCellId(cellId);
  } catch (error) {
    if (error instanceof RangeError) throw new ValidationError([{ path: ['params', 'cellId'], message: error.message }]);
    throw error;
  }
  const target = await allowedTarget(db, caller, year, query, 'query');
  const page = await cellCases(db, {
    year,
    agencyId: target.agencyId,
    scope: target.scope,
    cellId,
    now,
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  return { year, agencyId: target.agencyId, scope: target.scope, cellId, ...page };
}
