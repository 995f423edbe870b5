/**
 * The HTML rendering of a report: one self-contained page (no external asset, no script) laid out like the
 * printed 年度报告 tables, with the headings spanning their rows and columns, print CSS for A4 portrait and
 * every text HTML-escaped. Each figure carries its cell id (`data-cell`) for the drill-down.
 */
import type { Report } from './aggregate.js';
import { documentTitle, sectionGrid } from './templates/layout.js';
import type { GridCell } from './templates/layout.js';
import { getTemplate } from './templates/registry.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const STYLE = `
@page { size: A4 portrait; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 8mm; max-width: 210mm; color: #000; background: #fff;
  font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
p.period { text-align: center; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; }
table.wide { font-size: 9pt; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th.corner { text-align: left; font-size: 9pt; }
th.row { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 6mm; font-size: 8pt; color: #444; }
@media print { body { padding: 0; max-width: none; } footer { color: #000; } }
`;

function spans(cell: GridCell): string {
  return `${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}`;
}

function renderCell(cell: GridCell, report: Report): string {
  switch (cell.kind) {
    case 'corner':
      return `<th class="corner" scope="col"${spans(cell)}>${escapeHtml(cell.text)}</th>`;
    case 'column':
      return `<th scope="col"${spans(cell)}>${escapeHtml(cell.text)}</th>`;
    case 'row': {
      const indent = cell.indent > 0 ? ` style="padding-left: ${1.5 + 1.5 * cell.indent}mm"` : '';
      return `<th class="row" scope="row"${spans(cell)}${indent}>${escapeHtml(cell.text)}</th>`;
    }
    case 'blank':
      return `<td${spans(cell)}></td>`;
    case 'value': {
      const value = cell.cellId === undefined ? undefined : report.cells[cell.cellId]?.value;
      if (cell.cellId === undefined || value === undefined) throw new TypeError(`The report has no cell ${String(cell.cellId)}.`);
      return `<td class="num" data-cell="${escapeHtml(cell.cellId)}">${value}</td>`;
    }
  }
}

export function renderHtml(report: Report, options: { agencyName?: string } = {}): string {
  const template = getTemplate(report.templateId);
  const title = documentTitle(template, report.year, options.agencyName);
  const sections = template.sections.map((section) => {
    const grid = sectionGrid(template.id, section);
    const rows = (cells: readonly GridCell[][]): string =>
      cells.map((line) => `<tr>${line.map((cell) => renderCell(cell, report)).join('')}</tr>`).join('\n');
    return [
      `<section id="${escapeHtml(section.id)}">`,
      ...(section.title === undefined ? [] : [`<h2>${escapeHtml(section.title)}</h2>`]),
      `<table${grid.width > 10 ? ' class="wide"' : ''}>`,
      `<thead>\n${rows(grid.header)}\n</thead>`,
      `<tbody>\n${rows(grid.body)}\n</tbody>`,
      '</table>',
      '</section>',
    ].join('\n');
  });
  const footer = [
    `表式 ${report.templateId}`,
    `机关 ${report.agencyId}（${report.scope === 'subtree' ? '含下级机关汇总' : '本机关'}）`,
    `生成时间 ${report.generatedAt}`,
  ].join('　');
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="period">统计期限：${report.year}年1月1日至${report.year}年12月31日</p>`,
    ...sections,
    `<footer>${escapeHtml(footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
