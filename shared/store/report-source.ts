/**
 * The cases relevant to one agency's year-end statistics for year Y (docs/domain.md §7), read with
 * Queries on the statistics indexes and never a Scan (docs/architecture.md "Data and consistency"), streamed page by
 * page: nothing but the current page is held, so memory stays flat in the number of cases (docs/domain.md §8).
 *
 * Three disjoint sets, compared as Beijing civil-date strings (Y0 = `Y-01-01`):
 * (a) received in Y: the GSI2 partition RECEIVED#Y, all of it;
 * (b) received before Y and not concluded before Y (上年结转): the GSI3 partitions CLOSED#Y, CLOSED#Y+1, …,
 *     CLOSED#<current year> and OPEN, each with sort key (the receipt date) < Y0. No case closes after the
 *     current year: an action cannot take effect in the future (shared/domain/decide.ts);
 * (c) received and concluded before Y, with an appeal or complaint filed in Y (docs/domain.md §7: it counts in
 *     its filing year): the GSI2 appeal-marker partition FILED#Y gives the case ids (the markers of one case
 *     are adjacent, keys.ts filingItemKeys), BatchGetItem gives their `report`, and only those received
 *     and concluded before Y are kept — every other case with a filing in Y is already in (a) or (b).
 * (d) received and concluded before Y, with no filing in Y but an appeal or complaint filed before Y and still
 *     pending on Y0 (carried into Y's section 四, law audit item 8): the appeal-marker partitions FILED#y for
 *     y = Y-1 down to 2008 (the first year anyone could file), each case kept only in the partition of its
 *     latest filing year before Y — so once, and never also in (c).
 * (a) holds receipts ≥ Y0, (b) receipts < Y0 closed ≥ Y0 or open, (c) and (d) receipts < Y0 closed < Y0 with
 * and without a filing in Y: no case is in two of them, so nothing is counted twice.
 *
 * A position (segment, the page's start key, rows consumed) lets a caller resume the stream, which is how
 * the drill-down pages through a large cell (shared/services/report-cells.ts); that is why the pages are
 * read here rather than with shared/store/query.ts queryPages, which keeps the page keys to itself.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '../calendar/civil-date.js';
import type { ReportCase } from '../reports/report-case.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import {
  caseIdOfFilingSortKey,
  caseKey,
  closedYearPartition,
  filedYearPartition,
  receivedBefore,
  receivedYearPartition,
} from './keys.js';
import { batchGetEach } from './query.js';
import { INDEXES, REPORT_ATTRIBUTE, TABLE_KEYS } from './table-definition.js';

/** One Query of the stream: (a) `received`, (b) `carried` (one closing-year partition or OPEN), (c) `filed`. */
export type Segment =
  | { kind: 'received' }
  | { kind: 'carried'; closed: number | 'OPEN' }
  | { kind: 'filed' }
  | { kind: 'pending_appeals'; filed: number };

/** The first year an appeal could be filed: the 2008 Regulation took effect on 2008-05-01. */
const FIRST_FILING_YEAR = 2008;

export interface ReportSourceOptions {
  agencyId: string;
  year: number;
  /** The current time: its Beijing year is the last closing year that can hold a case (see (b) above). */
  now: Date;
  /** At most this many rows per Query page (default: DynamoDB's 1 MB page). */
  pageSize?: number;
}

/** Where to resume: the segment, the start key of the page to re-read (absent: its first page), rows to skip. */
export interface SourcePosition {
  segment: number;
  startKey?: Record<string, unknown>;
  skip: number;
}

/** One page of the stream: its cases, each with the index of the row it came from in the Query page. */
export interface SourcePage {
  segment: number;
  startKey?: Record<string, unknown>;
  cases: ReportCase[];
  rows: number[];
}

/** The Queries for year `year`, in stream order. */
export function segmentsOf(year: number, now: Date): Segment[] {
  const currentYear = Number(beijingDate(now).slice(0, 4));
  const carried: Segment[] = [];
  for (let closed = year; closed <= currentYear; closed++) carried.push({ kind: 'carried', closed });
  const pending: Segment[] = [];
  for (let filed = year - 1; filed >= FIRST_FILING_YEAR; filed--) pending.push({ kind: 'pending_appeals', filed });
  return [{ kind: 'received' }, ...carried, { kind: 'carried', closed: 'OPEN' }, { kind: 'filed' }, ...pending];
}

interface QuerySpec {
  index: (typeof INDEXES)[keyof typeof INDEXES];
  partition: string;
  /** Exclusive upper bound of the sort key (the receipt date). */
  before?: string;
  /** The attribute the page needs: the case's `report`, or the marker's sort key. */
  attribute: string;
}

function querySpec(segment: Segment, options: ReportSourceOptions): QuerySpec {
  const { agencyId, year } = options;
  switch (segment.kind) {
    case 'received':
      return { index: INDEXES.byAgencyReceivedYear, partition: receivedYearPartition(agencyId, year), attribute: REPORT_ATTRIBUTE };
    case 'carried':
      return {
        index: INDEXES.byAgencyClosedYear,
        partition: closedYearPartition(agencyId, segment.closed),
        before: receivedBefore(year),
        attribute: REPORT_ATTRIBUTE,
      };
    case 'filed':
      return { index: INDEXES.byAgencyReceivedYear, partition: filedYearPartition(agencyId, year), attribute: INDEXES.byAgencyReceivedYear.sortKey };
    case 'pending_appeals':
      return {
        index: INDEXES.byAgencyReceivedYear,
        partition: filedYearPartition(agencyId, segment.filed),
        attribute: INDEXES.byAgencyReceivedYear.sortKey,
      };
  }
}

/**
 * Whether `key`, which came back from a client inside a cursor, can resume `segment` as an
 * ExclusiveStartKey: exactly the attributes of the index page's LastEvaluatedKey (the index keys and the
 * item's keys) as non-empty strings, on the segment's own partition — so a cursor cannot jump to another
 * partition, and DynamoDB never sees a malformed key (it would answer with a ValidationException).
 */
export function isSegmentStartKey(segment: Segment, options: ReportSourceOptions, key: unknown): key is Record<string, string> {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return false;
  const spec = querySpec(segment, options);
  const k = key as Record<string, unknown>;
  const names = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, spec.index.partitionKey, spec.index.sortKey];
  if (Object.keys(k).sort().join(',') !== [...names].sort().join(',')) return false;
  if (!names.every((name) => typeof k[name] === 'string' && k[name] !== '')) return false;
  const itemSortKey = String(k[TABLE_KEYS.sortKey]);
  const itemKind = segment.kind === 'filed' || segment.kind === 'pending_appeals' ? itemSortKey.startsWith('FILING#') : itemSortKey === 'CASE';
  return k[spec.index.partitionKey] === spec.partition && String(k[TABLE_KEYS.partitionKey]).startsWith('CASE#') && itemKind;
}

async function queryPage(db: Db, spec: QuerySpec, startKey: Record<string, unknown> | undefined, pageSize: number | undefined) {
  return guarded(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: spec.index.indexName,
        KeyConditionExpression: spec.before === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: {
          '#pk': spec.index.partitionKey,
          '#a': spec.attribute,
          ...(spec.before === undefined ? {} : { '#sk': spec.index.sortKey }),
        },
        ExpressionAttributeValues: { ':pk': spec.partition, ...(spec.before === undefined ? {} : { ':before': spec.before }) },
        ProjectionExpression: '#a',
        ExclusiveStartKey: startKey,
        Limit: pageSize,
      }),
    ),
  );
}

/** The `report` of each case id (BatchGetItem, the chunks at once). */
async function reportsOf(db: Db, ids: readonly string[]): Promise<Map<string, ReportCase>> {
  const found = new Map<string, ReportCase>();
  await batchGetEach(
    db,
    ids.map((id) => caseKey(id)),
    { ProjectionExpression: '#r', ExpressionAttributeNames: { '#r': REPORT_ATTRIBUTE } },
    (items) => {
      for (const item of items) {
        const report = item[REPORT_ATTRIBUTE] as ReportCase | undefined;
        if (report !== undefined) found.set(report.id, report);
      }
    },
    { what: 'case items', parallel: true },
  );
  return found;
}

/**
 * Set (c) of one page of appeal markers, from row `skip` on: the first row of each case not seen on the
 * row before (the markers of a case are adjacent; before the page's first row comes its start key), its
 * `report`, kept when it was received and concluded before Y.
 */
async function filedCases(
  db: Db,
  items: readonly Record<string, unknown>[],
  skip: number,
  startKey: Record<string, unknown> | undefined,
  options: ReportSourceOptions,
  segment: Segment,
): Promise<{ cases: ReportCase[]; rows: number[] }> {
  const sortKey = INDEXES.byAgencyReceivedYear.sortKey;
  const before = skip > 0 ? items[skip - 1] : startKey;
  let previous = typeof before?.[sortKey] === 'string' ? caseIdOfFilingSortKey(before[sortKey]) : undefined;
  const ids: string[] = [];
  const idRows: number[] = [];
  for (let row = skip; row < items.length; row++) {
    const id = caseIdOfFilingSortKey(items[row]![sortKey] as string);
    if (id === previous) continue;
    previous = id;
    ids.push(id);
    idRows.push(row);
  }
  const reports = await reportsOf(db, ids);
  const start = receivedBefore(options.year);
  const cases: ReportCase[] = [];
  const rows: number[] = [];
  ids.forEach((id, i) => {
    const report = reports.get(id);
    if (report === undefined) throw new Error(`The appeal marker of case ${id} has no case item.`);
    const earlier = report.receivedDate !== undefined && report.receivedDate < start && report.closedDate !== undefined && report.closedDate < start;
    if (!earlier) return;
    if (segment.kind === 'pending_appeals' && !carriedOnly(report, options.year, segment.filed)) return;
    cases.push(report);
    rows.push(idRows[i]!);
  });
  return { cases, rows };
}

/**
 * Set (d): a case with nothing filed in `year`, whose latest filing before `year` was in `filedYear`, and
 * with an appeal or complaint filed before `year` still pending on its 1 January.
 */
export function carriedOnly(report: ReportCase, year: number, filedYear: number): boolean {
  const start = receivedBefore(year);
  const items: { filedDate: string; decidedDate?: string }[] = [...report.appeals, ...report.complaints];
  if (items.some((item) => item.filedDate >= start && item.filedDate.slice(0, 4) === String(year))) return false;
  const before = items.filter((item) => item.filedDate < start);
  const latest = before.reduce((max, item) => (item.filedDate > max ? item.filedDate : max), '');
  if (latest.slice(0, 4) !== String(filedYear)) return false;
  return before.some((item) => item.decidedDate === undefined || item.decidedDate >= start);
}

/** The cases of a page of case rows (sets (a) and (b)), from row `skip` on. */
function pageCases(items: readonly Record<string, unknown>[], skip: number): { cases: ReportCase[]; rows: number[] } {
  const cases: ReportCase[] = [];
  const rows: number[] = [];
  for (let row = skip; row < items.length; row++) {
    cases.push(items[row]![REPORT_ATTRIBUTE] as ReportCase);
    rows.push(row);
  }
  return { cases, rows };
}

/**
 * The pages of the stream from `from` (default: the start). On a resumed page the rows before `from.skip`
 * are left out, and so is a case of set (c) whose first marker lies before it (it was consumed already).
 */
export async function* reportPages(db: Db, options: ReportSourceOptions, from?: SourcePosition): AsyncGenerator<SourcePage> {
  const segments = segmentsOf(options.year, options.now);
  for (let index = from?.segment ?? 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const spec = querySpec(segment, options);
    const resuming = from !== undefined && index === from.segment;
    let startKey = resuming ? from.startKey : undefined;
    let skip = resuming ? from.skip : 0;
    do {
      const page = await queryPage(db, spec, startKey, options.pageSize);
      const items = page.Items ?? [];
      const { cases, rows } =
        segment.kind === 'filed' || segment.kind === 'pending_appeals'
          ? await filedCases(db, items, skip, startKey, options, segment)
          : pageCases(items, skip);
      yield { segment: index, ...(startKey === undefined ? {} : { startKey }), cases, rows };
      startKey = page.LastEvaluatedKey;
      skip = 0;
    } while (startKey !== undefined);
  }
}

/** Every case relevant to the agency's statistics for the year, each once, page by page. */
export async function* reportCases(db: Db, options: ReportSourceOptions): AsyncGenerator<ReportCase> {
  for await (const page of reportPages(db, options)) yield* page.cases;
}
