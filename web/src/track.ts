/**
 * Track an application: number + query code → status, receipt date, the deadline and how it is counted
 * (in the page's language, from the API), the public timeline, and — for an applicant who chose electronic
 * delivery — the documents to download (fetched with the query code in its header, never in a link). The
 * code never goes into the URL; the number may (the result page links here with it after `#`).
 */
import { api, type ApplicationView } from './lib/api.js';
import { h, focus, render } from './lib/dom.js';
import { banner, clearErrors, field, showProblem } from './lib/form.js';
import { label, t } from './lib/i18n.js';
import { frame } from './lib/layout.js';
import { documentDownloads, documentHeading } from './lib/documents.js';
import { STATUS } from './lib/messages.js';

let last: { id: string; code: string; view?: ApplicationView } = { id: decodeURIComponent(location.hash.slice(1)), code: '' };

function show(): void {
  const main = frame('site_name', [
    { href: '/', key: 'nav_apply' },
    { href: '/track.html', key: 'nav_track', current: true },
  ], () => {
    last = { ...last, id: number.control.value, code: code.control.value };
    show();
    if (last.view) void lookUp();
  });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const number = field({ label: t('result_number'), path: 'params.id', required: true, autocomplete: 'off', value: last.id, maxlength: 64 });
  const code = field({ label: t('result_code'), path: 'headers.x-query-code', required: true, autocomplete: 'off', type: 'password', value: last.code, maxlength: 64 });
  const out = h('div', { 'aria-live': 'polite' });
  const lookUp = async (): Promise<void> => {
    clearErrors([number, code], summary);
    const result = await api.track(number.control.value.trim(), code.control.value.trim());
    if (result.ok) {
      last = { id: number.control.value.trim(), code: code.control.value.trim(), view: result.data };
      renderView(out, result.data);
      return;
    }
    last.view = undefined;
    if (result.problem === null) render(out, banner('error', t('network_error')));
    else if (result.status === 404) render(out, banner('error', t('track_not_found')));
    else if (result.problem.problems?.length) showProblem(result.problem, [number, code], summary);
    else render(out, banner('error', result.problem.detail ?? result.problem.title));
    focus(out.firstElementChild as HTMLElement ?? out);
  };
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'track-title' },
    summary,
    number.row,
    code.row,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('track_submit'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void lookUp();
  });
  render(main, h('h1', { id: 'track-title' }, t('track_title')), h('p', { class: 'intro' }, t('track_intro')), form, out);
}

function renderView(out: HTMLElement, v: ApplicationView): void {
  const d = v.deadline;
  const heading = h('h2', { id: 'status-title' }, `${t('track_status')}：${label(STATUS, v.status)}`);
  render(
    out,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'status-title', 'data-testid': 'track-result' },
      heading,
      h(
        'dl',
        { class: 'facts' },
        v.submittedAt ? [h('dt', {}, t('track_submitted_at')), h('dd', {}, new Date(v.submittedAt).toLocaleString(document.documentElement.lang, { timeZone: 'Asia/Shanghai' }))] : null,
        v.receivedDate ? [h('dt', {}, t('track_received')), h('dd', {}, v.receivedDate)] : null,
        v.dueDate ? [h('dt', {}, t('track_due')), h('dd', { 'data-testid': 'due-date' }, v.dueDate, v.provisional ? ` （${t('track_provisional')}）` : '')] : null,
        v.extended && v.originalDueDate ? [h('dt', {}, t('track_original_due')), h('dd', {}, v.originalDueDate)] : null,
        v.workingDaysLeft !== undefined && v.closedDate === undefined ? [h('dt', {}, t('track_days_left')), h('dd', {}, String(v.workingDaysLeft))] : null,
        v.outcome ? [h('dt', {}, t('track_outcome')), h('dd', {}, v.outcome)] : null,
        v.closedDate ? [h('dt', {}, t('track_closed')), h('dd', {}, v.closedDate)] : null,
      ),
      v.extended ? h('p', { class: 'badge info' }, t('track_extended')) : null,
      v.paused ? h('p', { class: 'badge warn' }, t('track_paused')) : null,
    ),
    d
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'deadline-title' },
          h('h2', { id: 'deadline-title' }, t('track_deadline')),
          h('p', { 'data-testid': 'deadline-summary' }, d.summary),
          d.provisionalReason ? h('p', { class: 'hint' }, d.provisionalReason) : null,
          h('h3', {}, t('track_stretches')),
          h(
            'ol',
            { class: 'stretches' },
            ...d.stretches.map((s) =>
              h(
                'li',
                {},
                h('span', { class: 'dates' }, `${s.from} — ${s.to ?? t('open_ended')}`),
                s.workingDays !== null ? h('span', { class: 'days' }, t('working_days', { n: s.workingDays })) : null,
                h('span', { class: 'rule' }, s.rule),
              ),
            ),
          ),
          h('p', { class: 'hint' }, d.counting),
        )
      : null,
    v.documents && v.documents.length > 0 ? documentsSection(v.id, v.documents) : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, t('track_timeline')),
      h(
        'ol',
        { class: 'timeline', 'data-testid': 'timeline' },
        ...v.timeline.map((e) => h('li', {}, h('time', { datetime: e.date }, e.date), ' ', h('span', {}, e.label), e.details && 'items' in e.details ? h('ul', {}, ...(e.details.items as string[]).map((item) => h('li', {}, item))) : null)),
      ),
    ),
  );
  focus(heading);
}

type DocumentSummary = NonNullable<ApplicationView['documents']>[number];

/** The applicant's documents: title, number and date, and the two downloads once rendered. */
function documentsSection(id: string, documents: DocumentSummary[]): HTMLElement {
  const status = h('p', { role: 'status', class: 'hint' });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'documents-title', 'data-testid': 'documents' },
    h('h2', { id: 'documents-title' }, t('track_documents')),
    h('p', { class: 'hint' }, t('track_documents_intro')),
    h(
      'ul',
      { class: 'documents' },
      ...documents.map((d) =>
        h('li', {}, ...documentHeading(d), documentDownloads(d, `/applications/${encodeURIComponent(id)}/documents/${encodeURIComponent(d.id)}`, { 'x-query-code': last.code }, status)),
      ),
    ),
    status,
  );
}

show();
