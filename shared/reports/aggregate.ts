/**
 * The year-end statistics (docs/domain.md §7): one pass over a stream of cases, keeping one counter per
 * cell and never the cases, so memory stays flat in the number of cases. Pure: no AWS, no I/O; the input is
 * an `AsyncIterable` so it can come straight from paginated Queries.
 *
 * `classifyCase` is the one function that decides which cells a case lands in; the aggregation and the
 * drill-down (drill-down.ts) both use it, so a figure and the list of cases behind it cannot disagree.
 *
 * Counting for year Y compares Beijing civil dates as strings (docs/domain.md §7): received in Y; carried over
 * from Y-1 = received before Y and not concluded before Y; concluded in Y = closed in Y; carried to Y+1 =
 * received in or before Y and not concluded by 31 Dec of Y; appeals and complaints in the year they were
 * filed, standing at 31 Dec, and (cn-2019, cn-2021: `appealsCarriedOver`) again in each later year they
 * are still pending on 1 January of. A case never received counts nowhere; a case with nothing in Y is ignored, so
 * the caller may over-fetch.
 */
import { OUTCOME_ROWS } from './outcome-mapping.js';
import type { OutcomeKey } from './outcome-mapping.js';
import { ReportInputError, validateReportCase } from './report-case.js';
import type { ReportCase, Timing } from './report-case.js';
import { dataColumns, dataRows, templateCells } from './templates/layout.js';
import { defaultTemplateFor, getTemplate } from './templates/registry.js';
import type { AppealKind, AppealStanding, CellFilter, ReportTemplate, Stage, TemplateId } from './templates/template-types.js';

export type ReportScope = 'self' | 'subtree';

export interface ReportCell {
  id: string;
  sectionId: string;
  rowId: string;
  columnId: string;
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  value: number;
}

export interface ReportSection {
  id: string;
  title?: string;
  /** The rows with figures, in printed order. */
  rowIds: readonly string[];
  /** The columns with figures, in printed order. */
  columnIds: readonly string[];
}

/** A generated table: every cell of the template by cell id (see templates/layout.ts), with its labels. */
export interface Report {
  templateId: TemplateId;
  year: number;
  agencyId: string;
  /** `self`: the agency's own cases; `subtree`: the sum of the agency's and its descendants' own reports. */
  scope: ReportScope;
  /** An instant (ISO 8601, UTC). */
  generatedAt: string;
  cells: Record<string, ReportCell>;
  sections: readonly ReportSection[];
}

export interface ReportMeta {
  year: number;
  agencyId: string;
  scope: ReportScope;
  generatedAt: string;
}

/** Throws `RangeError` unless `year` is a four-digit year. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a four-digit year.`);
}

/** A report of the template with every cell at zero. */
export function emptyReport(templateId: TemplateId, meta: ReportMeta): Report {
  checkYear(meta.year);
  const template = getTemplate(templateId);
  const cells: Record<string, ReportCell> = {};
  for (const cell of templateCells(template)) {
    cells[cell.id] = {
      id: cell.id,
      sectionId: cell.sectionId,
      rowId: cell.rowId,
      columnId: cell.columnId,
      rowLabels: cell.rowLabels,
      columnLabels: cell.columnLabels,
      value: 0,
    };
  }
  const sections = template.sections.map(
    (section): ReportSection => ({
      id: section.id,
      ...(section.title === undefined ? {} : { title: section.title }),
      rowIds: dataRows(section).map((row) => row.id),
      columnIds: dataColumns(section).map((column) => column.id),
    }),
  );
  return { templateId, ...meta, cells, sections };
}

/** A cell's filters resolved to one conjunction of sets (undefined = no constraint). */
interface Constraint {
  id: string;
  unit: 'application' | 'appeal';
  stage?: Stage;
  channels?: ReadonlySet<string>;
  applicants?: ReadonlySet<string>;
  timings?: ReadonlySet<string>;
  outcomeRows?: ReadonlySet<string>;
  appealKinds?: ReadonlySet<string>;
  appealStandings?: ReadonlySet<string>;
}

type SetKey = 'channels' | 'applicants' | 'timings' | 'outcomeRows' | 'appealKinds' | 'appealStandings';
const APPLICATION_KEYS: readonly SetKey[] = ['channels', 'applicants', 'timings', 'outcomeRows'];
const APPEAL_KEYS: readonly SetKey[] = ['appealKinds', 'appealStandings'];

interface CompiledTemplate {
  template: ReportTemplate;
  mapping: Readonly<Record<OutcomeKey, string | null>>;
  /** Application cells by the stage they count. */
  applicationCells: ReadonlyMap<Stage, readonly Constraint[]>;
  appealCells: readonly Constraint[];
}

function setOf(filter: CellFilter, key: SetKey, scope: readonly string[]): ReadonlySet<string> | undefined {
  switch (key) {
    case 'outcomeRows':
      return filter.outcome === 'mapped' ? new Set(scope) : undefined;
    default: {
      const values = filter[key];
      return values === undefined ? undefined : new Set<string>(values);
    }
  }
}

const compiled = new Map<TemplateId, CompiledTemplate>();

/** Resolves every cell's filters once per template; a contradictory or incomplete filter is a template error. */
function compile(templateId: TemplateId): CompiledTemplate {
  const cached = compiled.get(templateId);
  if (cached !== undefined) return cached;
  const template = getTemplate(templateId);
  const mapping = OUTCOME_ROWS[templateId];
  const fail = (cell: string, message: string): never => {
    throw new TypeError(`Template ${templateId}, cell ${cell}: ${message}.`);
  };

  const rowIds = new Set(template.sections.flatMap((section) => dataRows(section).map((row) => row.id)));
  for (const [key, row] of Object.entries(mapping)) {
    if (row !== null && !rowIds.has(row)) throw new TypeError(`Outcome mapping ${templateId}: ${key} → "${row}", not a row of the template.`);
  }

  const applicationCells = new Map<Stage, Constraint[]>();
  const appealCells: Constraint[] = [];
  for (const cell of templateCells(template)) {
    let unit: Constraint['unit'] | undefined;
    let stage: Stage | undefined;
    const sets: Partial<Record<SetKey, ReadonlySet<string>>> = {};
    for (const { filter, scope } of cell.filters) {
      if (filter.unit !== undefined) {
        if (unit !== undefined && unit !== filter.unit) fail(cell.id, 'counts both applications and appeals');
        unit = filter.unit;
      }
      if (filter.stage !== undefined) {
        if (stage !== undefined && stage !== filter.stage) fail(cell.id, `counts both ${stage} and ${filter.stage}`);
        stage = filter.stage;
      }
      for (const key of [...APPLICATION_KEYS, ...APPEAL_KEYS]) {
        const values = setOf(filter, key, scope);
        if (values === undefined) continue;
        const previous = sets[key];
        const merged = previous === undefined ? values : new Set([...previous].filter((value) => values.has(value)));
        if (merged.size === 0) fail(cell.id, `no unit can satisfy its ${key}`);
        sets[key] = merged;
      }
    }
    if (unit === undefined) return fail(cell.id, 'does not say whether it counts applications or appeals');
    const foreign = unit === 'application' ? APPEAL_KEYS : APPLICATION_KEYS;
    if (foreign.some((key) => sets[key] !== undefined) || (unit === 'appeal' && stage !== undefined)) {
      fail(cell.id, `filters ${unit}s on a fact they do not have`);
    }
    const constraint: Constraint = { id: cell.id, unit, ...(stage === undefined ? {} : { stage }), ...sets };
    if (unit === 'appeal') {
      appealCells.push(constraint);
      continue;
    }
    if (stage === undefined) return fail(cell.id, 'counts applications without a stage');
    if ((sets.timings !== undefined || sets.outcomeRows !== undefined) && stage !== 'concluded') {
      fail(cell.id, 'filters on timing or outcome outside the concluded stage');
    }
    applicationCells.set(stage, [...(applicationCells.get(stage) ?? []), constraint]);
  }
  const result: CompiledTemplate = { template, mapping, applicationCells, appealCells };
  compiled.set(templateId, result);
  return result;
}

function outcomeKey(c: ReportCase): OutcomeKey | undefined {
  switch (c.closingAction) {
    case 'withdraw':
      return 'withdrawn';
    case 'close_no_correction':
      return 'other.no_correction';
    case 'close_fee_unpaid':
      return 'other.fee_unpaid';
    case 'reply':
      return c.outcome;
    default:
      return undefined;
  }
}

/**
 * Whether an appeal or complaint counts in the year [start, end]: filed in it; or, where the template
 * carries appeals over, filed before it and still pending on the 31 December before (then its result, or
 * 尚未审结 again, counts in this year).
 */
export function appealCountsIn(item: { filedDate: string; decidedDate?: string }, start: string, end: string, carried: boolean): boolean {
  if (item.filedDate >= start && item.filedDate <= end) return true;
  return carried && item.filedDate < start && (item.decidedDate === undefined || item.decidedDate >= start);
}

interface AppealUnit {
  kind: AppealKind;
  standing: AppealStanding;
}

/**
 * The cells case `c` counts in for `year` under the template, as cell ids. An id appears once per unit
 * counted: once for the case itself, once more for each appeal or complaint filed in the year. Throws
 * `ReportInputError` for an inconsistent record, or a concluded case without the `timing` the template needs.
 */
export function classifyCase(templateId: TemplateId, year: number, c: ReportCase): string[] {
  checkYear(year);
  validateReportCase(c);
  const received = c.receivedDate;
  if (received === undefined) return [];
  const { mapping, applicationCells, appealCells } = compile(templateId);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const closed = c.closedDate;

  const stages: Stage[] = [];
  if (received >= start && received <= end) stages.push('received');
  if (received < start && (closed === undefined || closed >= start)) stages.push('carried_in');
  if (closed !== undefined && closed >= start && closed <= end) stages.push('concluded');
  if (received <= end && (closed === undefined || closed > end)) stages.push('carried_out');

  const out: string[] = [];
  if (stages.length > 0) {
    const key = outcomeKey(c);
    const outcomeRow = key === undefined ? null : mapping[key];
    const timing: Timing | undefined = c.timing;
    for (const stage of stages) {
      for (const cell of applicationCells.get(stage) ?? []) {
        if (cell.channels !== undefined && !cell.channels.has(c.channel)) continue;
        if (cell.applicants !== undefined && !cell.applicants.has(c.applicantColumn)) continue;
        if (cell.outcomeRows !== undefined && (outcomeRow === null || !cell.outcomeRows.has(outcomeRow))) continue;
        if (cell.timings !== undefined) {
          if (timing === undefined) {
            throw new ReportInputError(c.id, `it was concluded in ${year} without a timing, which template ${templateId} counts`);
          }
          if (!cell.timings.has(timing)) continue;
        }
        out.push(cell.id);
      }
    }
  }

  const units: AppealUnit[] = [];
  const standing = (item: { decidedDate?: string; result?: AppealStanding }): AppealStanding =>
    item.decidedDate !== undefined && item.decidedDate <= end && item.result !== undefined ? item.result : 'pending';
  const carried = compile(templateId).template.appealsCarriedOver === true;
  for (const appeal of c.appeals) {
    if (!appealCountsIn(appeal, start, end, carried)) continue;
    const kind: AppealKind =
      appeal.kind === 'reconsideration' ? 'reconsideration' : appeal.afterReconsideration === true ? 'lawsuit_after_reconsideration' : 'lawsuit_direct';
    units.push({ kind, standing: standing(appeal) });
  }
  for (const complaint of c.complaints) {
    if (appealCountsIn(complaint, start, end, carried)) units.push({ kind: 'complaint', standing: standing(complaint) });
  }
  for (const unit of units) {
    for (const cell of appealCells) {
      if (cell.appealKinds !== undefined && !cell.appealKinds.has(unit.kind)) continue;
      if (cell.appealStandings !== undefined && !cell.appealStandings.has(unit.standing)) continue;
      out.push(cell.id);
    }
  }
  return out;
}

/**
 * Counts cases one at a time into one agency's report. Holds one counter per cell of the template and
 * nothing of the cases. A case of another agency is an error (the caller's Query went wrong).
 */
export class ReportAccumulator {
  private readonly counts = new Map<string, number>();

  constructor(
    readonly templateId: TemplateId,
    readonly year: number,
    readonly agencyId: string,
  ) {
    checkYear(year);
    for (const cell of templateCells(getTemplate(templateId))) this.counts.set(cell.id, 0);
  }

  add(c: ReportCase): void {
    if (c.agencyId !== this.agencyId) {
      throw new ReportInputError(String(c.id), `it belongs to agency ${String(c.agencyId)}, not to ${this.agencyId}`);
    }
    for (const id of classifyCase(this.templateId, this.year, c)) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  /** The number of counters held: the template's cell count, whatever the number of cases added. */
  get counterCount(): number {
    return this.counts.size;
  }

  report(generatedAt: string = new Date().toISOString()): Report {
    const report = emptyReport(this.templateId, { year: this.year, agencyId: this.agencyId, scope: 'self', generatedAt });
    for (const [id, value] of this.counts) {
      const cell = report.cells[id];
      if (cell !== undefined) cell.value = value;
    }
    return report;
  }
}

export interface AggregateOptions {
  year: number;
  agencyId: string;
  /** Default: the template for the year (`defaultTemplateFor`). */
  templateId?: TemplateId;
  /** Default: now. */
  generatedAt?: string;
}

/** One agency's own report for the year (scope `self`), in one pass over `cases`. */
export async function aggregate(cases: AsyncIterable<ReportCase> | Iterable<ReportCase>, options: AggregateOptions): Promise<Report> {
  const accumulator = new ReportAccumulator(options.templateId ?? defaultTemplateFor(options.year), options.year, options.agencyId);
  for await (const c of cases) accumulator.add(c);
  return accumulator.report(options.generatedAt);
}
