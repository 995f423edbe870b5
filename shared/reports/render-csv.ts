/**
 * The CSV rendering of a report, for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese labels
 * as UTF-8), CRLF line ends, RFC 4180 quoting. The tables are laid out as printed: for section 三 the three
 * label columns then the seven applicant columns; a merged cell's text sits in its top-left cell and the
 * cells it covers are empty. A title line first, an empty line before each section.
 */
import type { Report } from './aggregate.js';
import { documentTitle, sectionGrid } from './templates/layout.js';
import type { GridCell } from './templates/layout.js';
import { getTemplate } from './templates/registry.js';

const BOM = '\uFEFF';

/** Quotes a field when it holds a quote, comma or line break, or starts or ends with a space. */
function field(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Text that Excel would read as a formula (a leading = + - @) is prefixed with an apostrophe. */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Places grid rows (with spans) on a rectangle of `width` columns, as a spreadsheet shows merged cells. */
function toMatrix(rows: readonly GridCell[][], width: number, report: Report): string[][] {
  const matrix: (string | undefined)[][] = rows.map(() => Array<string | undefined>(width).fill(undefined));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (matrix[r]?.[c] !== undefined) c += 1;
      for (let dr = 0; dr < cell.rowspan; dr += 1) {
        for (let dc = 0; dc < cell.colspan; dc += 1) {
          const line = matrix[r + dr];
          if (line !== undefined && c + dc < width) line[c + dc] = '';
        }
      }
      const line = matrix[r];
      if (line !== undefined) line[c] = cellText(cell, report);
      c += cell.colspan;
    }
  });
  return matrix.map((line) => line.map((value) => value ?? ''));
}

function cellText(cell: GridCell, report: Report): string {
  if (cell.kind !== 'value') return safeText(cell.text);
  const value = cell.cellId === undefined ? undefined : report.cells[cell.cellId]?.value;
  if (value === undefined) throw new TypeError(`The report has no cell ${String(cell.cellId)}.`);
  return String(value);
}

export function renderCsv(report: Report, options: { agencyName?: string } = {}): string {
  const template = getTemplate(report.templateId);
  const lines: string[][] = [[safeText(documentTitle(template, report.year, options.agencyName))]];
  for (const section of template.sections) {
    lines.push([]);
    if (section.title !== undefined) lines.push([section.title]);
    const grid = sectionGrid(template.id, section);
    lines.push(...toMatrix([...grid.header, ...grid.body], grid.width, report));
  }
  return `${BOM}${lines.map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
}
