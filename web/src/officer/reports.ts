/** The reports page: generate or read a year's report, download it, click a figure for its cases. */
import { api, fetchText, type Answer } from '../lib/api.js';
import { h, focus, render } from '../lib/dom.js';
import { clearErrors, field, showProblem } from '../lib/form.js';
import { t } from '../lib/i18n.js';
import { failure, page, state, today } from './shell.js';

const reportState = { year: String(Number(today().slice(0, 4)) - 1), scope: 'self' };

export async function reportsPage(): Promise<void> {
  const main = page('reports');
  const heading = h('h1', {}, t('reports_title'));
  const year = field({ label: t('report_year'), path: 'params.year', type: 'number', value: reportState.year });
  const scope = field({ label: t('report_scope'), path: 'query.scope', options: [['self', t('scope_self')], ['subtree', t('scope_subtree')]], value: reportState.scope });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const out = h('div', { 'aria-live': 'polite' });
  const show = async (generate: boolean): Promise<void> => {
    reportState.year = year.control.value;
    reportState.scope = scope.control.value;
    clearErrors([year, scope], summary);
    render(out, h('p', { role: 'status' }, t('loading')));
    const y = Number(reportState.year);
    const result = generate ? await api.generateReport(y, { scope: reportState.scope as 'self' | 'subtree' }) : await api.report(y, { scope: reportState.scope, format: 'json' });
    if (!result.ok) {
      if (result.problem?.problems?.length) showProblem(result.problem, [year, scope], summary);
      render(out, failure(result.problem, result.status));
      return;
    }
    renderReport(out, result.data, y);
  };
  const form = h('form', { class: 'filters' }, year.row, scope.row, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('report_show')), state.session!.roles.includes('supervisor') ? h('button', { type: 'button', onclick: () => void show(true) }, t('report_generate')) : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(false);
  });
  render(main, heading, form, summary, out);
  focus(heading);
}

/** The report document of the contract: whether it is published, and the report's sections and cells. */
type ReportDocument = Answer<'GetReport'>;
type CellLike = ReportDocument['cells'][string];

function renderReport(out: HTMLElement, report: ReportDocument, year: number): void {
  const view = report;
  const drill = h('div', { 'aria-live': 'polite' });
  const download = (format: 'csv' | 'html' | 'json') =>
    h('button', {
      type: 'button',
      onclick: () => {
        void fetchText(`/reports/${year}?${new URLSearchParams({ scope: report.scope, agencyId: report.agencyId, format }).toString()}`).then((file) => {
          const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
          const link = h('a', { href: url, download: `report-${year}-${report.agencyId}.${format}` });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        });
      },
    }, `${t('report_download')} ${format.toUpperCase()}`);
  const cellsBy = new Map<string, CellLike>();
  for (const cell of Object.values(report.cells)) cellsBy.set(`${cell.sectionId}|${cell.rowId}|${cell.columnId}`, cell);
  const showCell = async (cell: CellLike) => {
    const result = await api.cellCases(year, cell.id, { scope: report.scope, agencyId: report.agencyId });
    if (!result.ok) {
      render(drill, failure(result.problem, result.status));
      return;
    }
    const title = h('h3', {}, t('report_cell_cases', { cell: [...cell.rowLabels, ...cell.columnLabels].join(' / '), n: result.data.caseIds.length }));
    render(drill, title, h('ul', {}, ...result.data.caseIds.map((id) => h('li', {}, h('a', { href: `#/case/${id}` }, id)))));
    focus(title);
  };
  render(
    out,
    h('p', {}, view.published ? t('report_published') : t('report_not_published')),
    h('div', { class: 'actions' }, download('csv'), download('html'), download('json')),
    h('p', { class: 'hint' }, t('report_cell_hint')),
    ...report.sections.map((section) =>
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': section.title ?? section.id },
        h(
          'table',
          { class: 'report' },
          section.title ? h('caption', {}, section.title) : null,
          h('thead', {}, h('tr', {}, h('td', {}), ...section.columnIds.map((col) => h('th', { scope: 'col' }, cellsBy.get(`${section.id}|${section.rowIds[0]}|${col}`)?.columnLabels.join(' / ') ?? col)))),
          h(
            'tbody',
            {},
            ...section.rowIds.map((row) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, cellsBy.get(`${section.id}|${row}|${section.columnIds[0]}`)?.rowLabels.join(' / ') ?? row),
                ...section.columnIds.map((col) => {
                  const cell = cellsBy.get(`${section.id}|${row}|${col}`);
                  if (!cell) return h('td', {});
                  return h('td', {}, cell.value > 0 ? h('button', { type: 'button', class: 'link', onclick: () => void showCell(cell) }, String(cell.value)) : '0');
                }),
              ),
            ),
          ),
        ),
      ),
    ),
    drill,
  );
}
