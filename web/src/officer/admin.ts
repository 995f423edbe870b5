/** The administrators' page: the agencies of their subtree and the calendar. */
import { api } from '../lib/api.js';
import { h, focus, render, type Child } from '../lib/dom.js';
import { banner, clearErrors, field, showProblem } from '../lib/form.js';
import { t } from '../lib/i18n.js';
import { agencyName, failure, page, state, today } from './shell.js';

export async function adminPage(): Promise<void> {
  const main = page('admin');
  const heading = h('h1', {}, t('admin_title'));
  if (!state.session!.roles.includes('admin')) {
    render(main, heading, banner('error', t('forbidden')));
    return;
  }
  const list = h('div', {});
  const renderAgencies = () =>
    render(
      list,
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('agencies') },
        h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('agency_id')), h('th', { scope: 'col' }, t('agency_name')), h('th', { scope: 'col' }, t('agency_parent')), h('th', { scope: 'col' }, t('agency_auto_confirm')))), h('tbody', {}, ...(state.agencies ?? []).map((x) => h('tr', {}, h('td', {}, x.id), h('td', {}, x.name), h('td', {}, x.parentId ? agencyName(x.parentId) : '—'), h('td', {}, x.autoConfirmOnline ? '✓' : '✗'))))),
      ),
    );
  renderAgencies();
  const id = field({ label: t('agency_id'), path: 'params.id', required: true, maxlength: 64 });
  const name = field({ label: t('agency_name'), path: 'body.name', required: true, maxlength: 200 });
  const parent = field({ label: t('agency_parent'), path: 'body.parentId', options: (state.agencies ?? []).map((x): [string, string] => [x.id, x.name]), value: state.session!.agencyId });
  const auto = field({ label: t('agency_auto_confirm'), path: 'body.autoConfirmOnline', options: [['true', '✓'], ['false', '✗']] });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const saved = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, 'aria-label': t('agency_save') }, summary, id.row, name.row, parent.row, auto.row, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('agency_save'))), saved);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors([id, name, parent, auto], summary);
    void api.putAgency(id.control.value.trim(), { name: name.control.value.trim(), parentId: parent.control.value, autoConfirmOnline: auto.control.value === 'true' }).then(async (result) => {
      if (!result.ok) {
        if (result.problem?.problems?.length) showProblem(result.problem, [id, name, parent, auto], summary);
        else render(saved, failure(result.problem, result.status));
        return;
      }
      render(saved, banner('ok', t('agency_saved', { name: result.data.name })));
      const fresh = await api.agencies();
      if (fresh.ok) state.agencies = fresh.data.items;
      renderAgencies();
    });
  });
  const year = field({ label: t('calendar_year'), path: 'params.year', type: 'number', value: today().slice(0, 4) });
  const calendarOut = h('div', { 'aria-live': 'polite' });
  const calendarForm = h('form', { class: 'filters', 'aria-label': t('calendar') }, year.row, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('calendar_show'))));
  calendarForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void api.calendar(Number(year.control.value)).then((result) => {
      if (!result.ok) return render(calendarOut, failure(result.problem, result.status));
      const n = result.data.national;
      if (!n) return render(calendarOut, h('p', {}, t('calendar_none')));
      const days = (title: string, list: { date: string; name: string }[]): Child => [h('h3', {}, title), h('ul', { class: 'days-list' }, ...list.map((d) => h('li', {}, h('time', { datetime: d.date }, d.date), ` ${d.name}`)))];
      render(calendarOut, h('p', {}, `${t('calendar_source')}：${n.source}`), days(t('calendar_holidays'), n.holidays), days(t('calendar_workdays'), n.workdays));
    });
  });
  render(main, heading, h('section', { class: 'card', 'aria-labelledby': 'ag' }, h('h2', { id: 'ag' }, t('agencies')), list, form), h('section', { class: 'card', 'aria-labelledby': 'cal' }, h('h2', { id: 'cal' }, t('calendar')), calendarForm, calendarOut));
  focus(heading);
}
