/**
 * The cell layout of a template: the cell-id scheme, the cells with their labels and filters, and the
 * printed grid (rowspans / colspans) the renderers draw. Pure functions of the template data.
 *
 * Cell ids: `<template>.<row>.<column>`, e.g. `cn-2021.withheld_3.natural_person` (三、（三）3 × 自然人),
 * `cn-2021.appeals.lawsuit_direct_pending` (section 四), `cn-2008.received_fax.count`. Row ids are unique in
 * a template and column ids in a section, both `[a-z0-9_]+`, so an id names exactly one cell of one template.
 */
import { getTemplate, isTemplateId } from './registry.js';
import type { CellFilter, ColumnDef, ReportTemplate, RowDef, SectionDef, TemplateId } from './template-types.js';

const ID_PATTERN = /^[a-z0-9_]+$/;

export function cellId(templateId: TemplateId, rowId: string, columnId: string): string {
  return `${templateId}.${rowId}.${columnId}`;
}

export interface ParsedCellId {
  templateId: TemplateId;
  rowId: string;
  columnId: string;
}

/** Splits a cell id; throws `RangeError` unless it names a cell of a known template. */
export function parseCellId(id: string): ParsedCellId {
  const [templateId, rowId, columnId, ...rest] = id.split('.');
  if (templateId === undefined || rowId === undefined || columnId === undefined || rest.length > 0 || !isTemplateId(templateId)) {
    throw new RangeError(`"${id}" is not a report cell id (<template>.<row>.<column>).`);
  }
  if (!templateCells(getTemplate(templateId)).some((cell) => cell.id === id)) {
    throw new RangeError(`Template ${templateId} has no cell "${id}".`);
  }
  return { templateId, rowId, columnId };
}

/** A filter, with the ids of the header that declares it and of every header below it (`outcome: 'mapped'`). */
export interface FilterSource {
  filter: CellFilter;
  scope: readonly string[];
}

/** A header that carries figures, with the labels from the top of its tree down to it. */
export interface PlacedHeader {
  id: string;
  labels: readonly string[];
  filters: readonly FilterSource[];
}

export interface CellLayout {
  id: string;
  sectionId: string;
  rowId: string;
  columnId: string;
  /** Row labels from the outermost heading down (empty for section 四's single unlabelled row). */
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  filters: readonly FilterSource[];
}

type Header = RowDef | ColumnDef;

function subtreeIds(header: Header): string[] {
  return [...(header.id === undefined ? [] : [header.id]), ...(header.children ?? []).flatMap(subtreeIds)];
}

/** The headers with figures, in printed order (a parent before its children). */
function placeHeaders(headers: readonly Header[], above: { labels: string[]; filters: FilterSource[] }): PlacedHeader[] {
  return headers.flatMap((header) => {
    const labels = header.label === '' ? above.labels : [...above.labels, header.label];
    const filters = header.filter === undefined ? above.filters : [...above.filters, { filter: header.filter, scope: subtreeIds(header) }];
    const self = header.id === undefined ? [] : [{ id: header.id, labels, filters }];
    return [...self, ...placeHeaders(header.children ?? [], { labels, filters })];
  });
}

export function dataRows(section: SectionDef): PlacedHeader[] {
  return placeHeaders(section.rows, { labels: [], filters: [] });
}

export function dataColumns(section: SectionDef): PlacedHeader[] {
  return placeHeaders(section.columns, { labels: [], filters: [] });
}

const cellsCache = new WeakMap<ReportTemplate, readonly CellLayout[]>();

/** Every cell of the template, section by section, row by row, column by column. */
export function templateCells(template: ReportTemplate): readonly CellLayout[] {
  const cached = cellsCache.get(template);
  if (cached !== undefined) return cached;
  validateTemplate(template);
  const cells = template.sections.flatMap((section) => {
    const columns = dataColumns(section);
    return dataRows(section).flatMap((row) =>
      columns.map(
        (column): CellLayout => ({
          id: cellId(template.id, row.id, column.id),
          sectionId: section.id,
          rowId: row.id,
          columnId: column.id,
          rowLabels: row.labels,
          columnLabels: column.labels,
          filters: [...row.filters, ...column.filters],
        }),
      ),
    );
  });
  cellsCache.set(template, cells);
  return cells;
}

function depth(headers: readonly Header[]): number {
  return headers.reduce((max, header) => Math.max(max, 1 + depth(header.children ?? [])), 0);
}

function allHeaders(headers: readonly Header[]): Header[] {
  return headers.flatMap((header) => [header, ...allHeaders(header.children ?? [])]);
}

/**
 * Throws `TypeError` when the template data breaks the rules the layout relies on: well-formed unique ids,
 * headings with children, figures on leaf columns (and, in the merged layout, on leaf rows), identities and
 * carry-over naming existing rows and columns.
 */
export function validateTemplate(template: ReportTemplate): void {
  const fail = (message: string): never => {
    throw new TypeError(`Template ${template.id}: ${message}.`);
  };
  const rowIds = new Set<string>();
  const sectionIds = new Set<string>();
  for (const section of template.sections) {
    if (sectionIds.has(section.id)) fail(`duplicate section id "${section.id}"`);
    sectionIds.add(section.id);
    const columnIds = new Set<string>();
    for (const [kind, headers, ids] of [
      ['row', allHeaders(section.rows), rowIds],
      ['column', allHeaders(section.columns), columnIds],
    ] as const) {
      for (const header of headers) {
        if (header.id === undefined && (header.children ?? []).length === 0) fail(`${kind} "${header.label}" has neither an id nor children`);
        if (header.id === undefined) continue;
        if (!ID_PATTERN.test(header.id)) fail(`${kind} id "${header.id}" is not [a-z0-9_]+`);
        if (ids.has(header.id)) fail(`duplicate ${kind} id "${header.id}"`);
        ids.add(header.id);
        const leafOnly = kind === 'column' || section.rowLayout !== 'indented';
        if (leafOnly && (header.children ?? []).length > 0) fail(`${kind} "${header.id}" carries figures and has children`);
      }
    }
    if (dataRows(section).length === 0 || dataColumns(section).length === 0) fail(`section "${section.id}" has no cells`);
  }
  const rowsOf = (sectionId: string): Set<string> =>
    new Set(template.sections.filter((s) => s.id === sectionId).flatMap((s) => dataRows(s).map((r) => r.id)));
  const columnsOf = (sectionId: string): Set<string> =>
    new Set(template.sections.filter((s) => s.id === sectionId).flatMap((s) => dataColumns(s).map((c) => c.id)));
  for (const identity of template.identities) {
    const known = identity.across === 'rows' ? rowsOf(identity.section) : columnsOf(identity.section);
    for (const id of [...identity.lhs, ...identity.rhs]) {
      if (!known.has(id)) fail(`identity ${identity.identity} names "${id}", not a ${identity.across === 'rows' ? 'row' : 'column'} of section "${identity.section}"`);
    }
  }
  if (template.carryOver !== undefined) {
    const known = rowsOf(template.carryOver.section);
    for (const id of [template.carryOver.fromPreviousYear, template.carryOver.toNextYear]) {
      if (!known.has(id)) fail(`carry-over names "${id}", not a row of section "${template.carryOver.section}"`);
    }
  }
}

/**
 * One printed cell. `corner`, `column` and `row` cells hold a label; `value` cells hold the figure of
 * `cellId`; `blank` fills an unlabelled heading row of the indented layout. `indent` is the row's level
 * below the top in the indented layout (0 elsewhere).
 */
export interface GridCell {
  kind: 'corner' | 'column' | 'row' | 'value' | 'blank';
  text: string;
  cellId?: string;
  rowspan: number;
  colspan: number;
  indent: number;
}

export interface SectionGrid {
  section: SectionDef;
  /** Label columns + figure columns. */
  width: number;
  header: GridCell[][];
  body: GridCell[][];
}

function labelCell(kind: GridCell['kind'], text: string, rowspan: number, colspan: number, indent = 0): GridCell {
  return { kind, text, rowspan, colspan, indent };
}

function leafCount(header: Header): number {
  const children = header.children ?? [];
  return children.length === 0 ? 1 : children.reduce((sum, child) => sum + leafCount(child), 0);
}

function dataRowCount(row: RowDef): number {
  return (row.id === undefined ? 0 : 1) + (row.children ?? []).reduce((sum, child) => sum + dataRowCount(child), 0);
}

/** The section laid out as printed: header rows (corner + column tree) and body rows (row labels + figures). */
export function sectionGrid(templateId: TemplateId, section: SectionDef): SectionGrid {
  const columns = dataColumns(section);
  const labelWidth = section.rowLayout === 'merged' ? depth(section.rows) : section.rowLayout === 'indented' ? 1 : 0;
  const headerDepth = depth(section.columns);

  const header: GridCell[][] = Array.from({ length: headerDepth }, () => []);
  if (labelWidth > 0) header[0]?.push(labelCell('corner', section.corner ?? '', headerDepth, labelWidth));
  const placeColumns = (nodes: readonly ColumnDef[], level: number): void => {
    for (const node of nodes) {
      const children = node.children ?? [];
      header[level]?.push(labelCell('column', node.label, children.length === 0 ? headerDepth - level : 1, leafCount(node)));
      placeColumns(children, level + 1);
    }
  };
  placeColumns(section.columns, 0);

  const values = (rowId: string): GridCell[] =>
    columns.map((column) => ({ kind: 'value', text: '', cellId: cellId(templateId, rowId, column.id), rowspan: 1, colspan: 1, indent: 0 }));
  const body: GridCell[][] = [];
  const placeRows = (nodes: readonly RowDef[], level: number, pending: GridCell[]): void => {
    nodes.forEach((node, index) => {
      const carried = index === 0 ? pending : [];
      const children = node.children ?? [];
      if (section.rowLayout === 'merged' && node.id === undefined) {
        placeRows(children, level + 1, [...carried, labelCell('row', node.label, dataRowCount(node), 1)]);
        return;
      }
      if (section.rowLayout === 'none') {
        if (node.id !== undefined) body.push([...carried, ...values(node.id)]);
      } else if (section.rowLayout === 'merged') {
        body.push([...carried, labelCell('row', node.label, 1, labelWidth - level), ...(node.id === undefined ? [] : values(node.id))]);
      } else if (node.id === undefined) {
        body.push([labelCell('row', node.label, 1, 1, level), labelCell('blank', '', 1, columns.length)]);
      } else {
        body.push([labelCell('row', node.label, 1, 1, level), ...values(node.id)]);
      }
      placeRows(children, level + 1, []);
    });
  };
  placeRows(section.rows, 0, []);

  return { section, width: labelWidth + columns.length, header, body };
}

/** The printed title: `[agency name]2025年政府信息公开工作年度报告`. */
export function documentTitle(template: ReportTemplate, year: number, agencyName?: string): string {
  return `${agencyName ?? ''}${year}年${template.title}`;
}
