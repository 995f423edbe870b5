/**
 * The shape of a year-end statistics template (docs/domain.md §7) as data.
 *
 * A template is sections of rows × columns. Rows and columns are trees of labelled headers; a header with
 * an `id` carries figures, a header without one is a printed heading only. Each header may carry a
 * `filter`: the cell at (row, column) counts the units (an application, or one appeal / complaint) that
 * satisfy the filters of the row, of every row above it in the tree, of the column and of every column
 * above it. Filters combine by intersection, so a sub-row only states what it adds (传真申请数 = the
 * parent's "received in the year" + channel fax).
 *
 * A province's variant is a new file of this data, an entry in `outcome-mapping.ts` and a line in
 * `registry.ts`; the aggregation, identities, drill-down and renderers need no change.
 */
import type { ApplicantColumn, Channel } from '../../domain/types.js';
import type { Timing } from '../report-case.js';

export type TemplateId = 'cn-2008' | 'cn-2019' | 'cn-2021';

/**
 * Where an application stands in year Y (docs/domain.md §7, Beijing dates):
 * - `received`: received in Y;
 * - `carried_in`: received before Y and not concluded before Y (上年结转);
 * - `concluded`: closed in Y;
 * - `carried_out`: received in or before Y and not concluded by 31 Dec of Y (结转下年度).
 */
export type Stage = 'received' | 'carried_in' | 'concluded' | 'carried_out';

/** The kinds of appeal unit: reconsiderations, lawsuits split by whether a reconsideration came first, complaints. */
export type AppealKind = 'reconsideration' | 'lawsuit_direct' | 'lawsuit_after_reconsideration' | 'complaint';

/** An appeal's standing at 31 Dec of the year it was filed: its result, or `pending` (尚未审结). */
export type AppealStanding = 'upheld' | 'corrected' | 'other' | 'pending';

/**
 * What a header requires of a unit. `unit` says what is counted: `application` (a case, at most once per
 * cell) or `appeal` (each reconsideration, lawsuit or complaint filed in the year, docs/domain.md §7 policy).
 * `outcome: 'mapped'` on a row: the case's outcome is mapped (outcome-mapping.ts) to this row or a row below it.
 */
export interface CellFilter {
  unit?: 'application' | 'appeal';
  stage?: Stage;
  channels?: readonly Channel[];
  applicants?: readonly ApplicantColumn[];
  timings?: readonly Timing[];
  outcome?: 'mapped';
  appealKinds?: readonly AppealKind[];
  appealStandings?: readonly AppealStanding[];
}

export interface RowDef {
  /** Present: the row carries figures. Unique in the template; `[a-z0-9_]+`. */
  id?: string;
  label: string;
  filter?: CellFilter;
  children?: readonly RowDef[];
}

export interface ColumnDef {
  /** Present: the column carries figures. Unique in its section; `[a-z0-9_]+`. */
  id?: string;
  label: string;
  filter?: CellFilter;
  children?: readonly ColumnDef[];
}

/**
 * How the row labels are printed:
 * - `merged`: the 2019/2021 table: headings span their rows (rowspan), a row label spans the remaining
 *   label columns (colspan); heading rows carry no figures;
 * - `indented`: the 2008 统计表: one label column, each header its own row, sub-items indented;
 * - `none`: no label column (section 四: a single row of figures under a three-level header).
 */
export type RowLayout = 'merged' | 'indented' | 'none';

export interface SectionDef {
  id: string;
  title?: string;
  /** The top-left header cell above the row labels (not printed when the layout is `none`). */
  corner?: string;
  rowLayout: RowLayout;
  rows: readonly RowDef[];
  columns: readonly ColumnDef[];
}

/**
 * A linear check of docs/domain.md §7 "Identities the generator checks", stated on row or column ids:
 * - `across: 'rows'`: in every column of the section, Σ lhs rows = Σ rhs rows;
 * - `across: 'columns'`: in every row of the section, Σ lhs columns = Σ rhs columns.
 */
export interface IdentityDef {
  /** The number of the identity in docs/domain.md §7. */
  identity: number;
  description: string;
  section: string;
  across: 'rows' | 'columns';
  lhs: readonly string[];
  rhs: readonly string[];
}

export interface ReportTemplate {
  id: TemplateId;
  /** The heading of the generated document, after the year: `2025年政府信息公开工作年度报告`. */
  title: string;
  /** The years for which this template is the default (inclusive; absent = unbounded). */
  defaultFor: { from?: number; to?: number };
  sections: readonly SectionDef[];
  identities: readonly IdentityDef[];
  /** Identity 6: this year's `fromPreviousYear` row = last year's `toNextYear` row, column by column. */
  carryOver?: { section: string; fromPreviousYear: string; toNextYear: string };
  /**
   * Section 四 (docs/domain.md §7, law audit item 8): an appeal or complaint still pending on 31 December
   * is counted again in the next year's table (尚未审结 again, or its result once decided), as published
   * reports in this format state; absent: only in the year it was filed.
   */
  appealsCarriedOver?: true;
}
