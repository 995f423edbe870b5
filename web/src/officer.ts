/**
 * The officers' console: sign-in, the worklist, a case with its deadline explained and each action as a
 * form mirroring the action schema, registering a paper application, the year-end reports with
 * drill-down, and agencies and calendars for administrators. Routes live in the hash (#/worklist,
 * #/case/ID, #/register, #/reports, #/admin), so the page is one static file behind any CDN.
 */
import { api, fetchText, newKey, useBearer, type Agency, type CaseActionBody, type CaseSummary, type CaseView, type Problem, type RegisterCaseBody, type ReportViewLike } from './lib/api.js';
import { beginOidc, completeOidc, currentSession, loadConfig, signInLocal, signOut, type AuthConfig, type Session } from './lib/auth.js';
import { h, focus, render, type Child } from './lib/dom.js';
import { banner, clearErrors, field, showProblem, type Field } from './lib/form.js';
import { label, lang, t } from './lib/i18n.js';
import { frame } from './lib/layout.js';
import { ACTION, ACTOR, APPEAL_RESULT, EVENT, CHANNEL, CONSULT_RESULT, DELIVERY_FORM, DELIVERY_METHOD, ID_TYPE, ORG_TYPE, PARTY, ROLE, STATUS } from './lib/messages.js';
import { OUTCOME_CODES } from '../../shared/domain/outcome-codes.js';

let config: AuthConfig | undefined;
let session: Session | undefined;
let agencies: Agency[] | undefined;
useBearer(() => session?.token);

const pairs = (table: Record<string, { zh: string; en: string }>): [string, string][] => Object.keys(table).map((k) => [k, label(table, k)]);

/** Today in Beijing, YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function agencyName(id: string): string {
  return agencies?.find((a) => a.id === id)?.name ?? id;
}

function page(current: string): HTMLElement {
  const nav = session
    ? [
        { href: '#/worklist', key: 'nav_worklist' as const, current: current === 'worklist' },
        { href: '#/register', key: 'nav_register' as const, current: current === 'register' },
        { href: '#/reports', key: 'nav_reports' as const, current: current === 'reports' },
        ...(session.roles.includes('admin') ? [{ href: '#/admin', key: 'nav_admin' as const, current: current === 'admin' }] : []),
      ]
    : [];
  const who = session
    ? h(
        'span',
        { class: 'who' },
        t('signed_in_as', { name: session.name, role: session.roles.map((r) => label(ROLE, r)).join('、') }),
        ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { signOut(config); session = undefined; location.hash = '#/'; void route(); } }, t('sign_out')),
      )
    : null;
  return frame('officer_title', nav, () => void route(), who);
}

/** A problem from the API as a banner: 401 → back to sign-in. */
function failure(problem: Problem | null, status: number): HTMLElement {
  if (status === 401) {
    signOut(undefined);
    session = undefined;
    return banner('error', t('session_expired'), ' ', h('a', { href: '#/' }, t('sign_in')));
  }
  if (problem === null) return banner('error', t('network_error'));
  return banner('error', problem.detail ?? problem.title);
}

// ---- sign-in --------------------------------------------------------------------------------------

async function signInPage(): Promise<void> {
  const main = page('sign-in');
  const heading = h('h1', {}, t('sign_in_title'));
  render(main, heading, h('p', { role: 'status' }, t('loading')));
  try {
    config ??= await loadConfig();
  } catch {
    render(main, heading, banner('error', t('network_error')));
    return;
  }
  const cfg = config;
  if (cfg.mode === 'local') {
    render(
      main,
      heading,
      h('p', {}, t('sign_in_local')),
      h(
        'ul',
        { class: 'users' },
        ...cfg.users.map((user) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: () => {
                  void signInLocal(user).then(
                    (s) => {
                      session = s;
                      location.hash = '#/worklist';
                    },
                    (error: unknown) => render(main, heading, banner('error', t('sign_in_failed', { reason: String(error) }))),
                  );
                },
              },
              t('sign_in_as', { name: user.name, role: label(ROLE, user.role), agency: user.agencyName }),
            ),
          ),
        ),
      ),
    );
  } else {
    render(main, heading, h('button', { type: 'button', class: 'primary', onclick: () => void beginOidc(cfg) }, t('sign_in_oidc')));
  }
  focus(heading);
}

// ---- worklist -------------------------------------------------------------------------------------

const worklistState: { status: string; dueBefore: string; agencyId: string; cursors: string[] } = { status: 'open', dueBefore: '', agencyId: '', cursors: [] };

async function worklistPage(): Promise<void> {
  const main = page('worklist');
  const heading = h('h1', {}, t('worklist_title'));
  const status = field({ label: t('filter_status'), path: 'query.status', options: [['open', t('filter_open')], ['closed', t('filter_closed')], ['all', t('filter_all')]], value: worklistState.status });
  const dueBefore = field({ label: t('filter_due_before'), path: 'query.dueBefore', type: 'date', value: worklistState.dueBefore });
  const visible = agencies ?? [];
  const agency = field({ label: t('filter_agency'), path: 'query.agencyId', options: visible.map((a): [string, string] => [a.id, a.name]), value: worklistState.agencyId || session!.agencyId });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const filters = h('form', { class: 'filters', 'aria-label': t('filter_apply') }, agency.row, status.row, dueBefore.row, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('filter_apply'))));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    worklistState.status = status.control.value;
    worklistState.dueBefore = dueBefore.control.value;
    worklistState.agencyId = agency.control.value;
    worklistState.cursors = [];
    void worklistPage();
  });
  const out = h('div', {});
  render(main, heading, filters, summary, out);
  render(out, h('p', { role: 'status' }, t('loading')));
  const query: Record<string, string> = { status: worklistState.status, limit: '20' };
  if (worklistState.dueBefore) query.dueBefore = worklistState.dueBefore;
  if (worklistState.agencyId) query.agencyId = worklistState.agencyId;
  const cursor = worklistState.cursors[worklistState.cursors.length - 1];
  if (cursor) query.cursor = cursor;
  const result = await api.cases(query);
  if (!result.ok) {
    if (result.problem?.problems?.length) showProblem(result.problem, [status, dueBefore, agency], summary);
    render(out, failure(result.problem, result.status));
    return;
  }
  const now = today();
  const overdue = (c: CaseSummary) => c.closedDate === null && ((c.dueDate !== null && c.dueDate < now) || c.flags?.overdue === true);
  const soon = (c: CaseSummary) => !overdue(c) && c.closedDate === null && c.flags?.dueSoon === true;
  const items = result.data.items;
  render(
    out,
    h('p', { role: 'status' }, t('counts', { n: items.length, overdue: items.filter(overdue).length, soon: items.filter(soon).length })),
    items.length === 0
      ? h('p', {}, t('no_cases'))
      : h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('worklist_title') },
          h(
            'table',
            { class: 'worklist' },
            h('thead', {}, h('tr', {}, ...(['col_due', 'col_flags', 'col_number', 'col_applicant', 'col_description', 'col_status'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
            h(
              'tbody',
              {},
              ...items.map((c) =>
                h(
                  'tr',
                  { class: overdue(c) ? 'overdue' : soon(c) ? 'soon' : '' },
                  h('td', {}, c.dueDate ?? '—'),
                  h('td', {}, overdue(c) ? h('span', { class: 'badge danger' }, t('overdue')) : null, soon(c) ? h('span', { class: 'badge warn' }, t('due_soon')) : null, c.paused ? h('span', { class: 'badge info' }, t('paused')) : null),
                  h('td', {}, h('a', { href: `#/case/${c.id}` }, c.id)),
                  h('td', {}, c.applicantName),
                  h('td', {}, c.description),
                  h('td', {}, label(STATUS, c.status)),
                ),
              ),
            ),
          ),
        ),
    h(
      'div',
      { class: 'actions' },
      worklistState.cursors.length > 0
        ? h('button', { type: 'button', onclick: () => { worklistState.cursors = []; void worklistPage(); } }, t('first_page'))
        : null,
      result.data.cursor && items.length === 20
        ? h('button', { type: 'button', onclick: () => { worklistState.cursors.push(result.data.cursor!); void worklistPage(); } }, t('next_page'))
        : null,
    ),
  );
  focus(heading);
}

// ---- the case -------------------------------------------------------------------------------------

/** Which actions a case offers in each status (the API still decides and names the rule when it refuses). */
function offeredActions(c: CaseView, roles: string[]): (keyof typeof ACTION)[] {
  const byStatus: Record<string, (keyof typeof ACTION)[]> = {
    submitted: ['confirm_receipt', 'withdraw'],
    received: ['request_correction', 'start_consultation', 'extend', 'reply', 'withdraw'],
    awaiting_correction: ['receive_correction', 'close_no_correction', 'withdraw'],
    consulting: ['end_consultation', 'extend', 'reply', 'withdraw'],
  };
  const closed: (keyof typeof ACTION)[] = ['file_reconsideration', 'decide_reconsideration', 'file_lawsuit', 'decide_lawsuit', 'file_complaint', 'decide_complaint'];
  const list = byStatus[c.status] ?? closed;
  return list.filter((a) => a !== 'extend' || roles.includes('supervisor'));
}

function actionFields(type: keyof typeof ACTION): Field[] {
  const f = (options: Parameters<typeof field>[0]) => field(options);
  switch (type) {
    case 'confirm_receipt':
      return [f({ label: t('received_date'), path: 'body.receivedDate', type: 'date', required: true, value: today() })];
    case 'request_correction':
      return [f({ label: t('items'), path: 'body.items', rows: 4, required: true }), f({ label: t('correction_due'), path: 'body.correctionDueDate', type: 'date', required: true })];
    case 'start_consultation':
      return [f({ label: t('party'), path: 'body.party', options: pairs(PARTY) }), f({ label: t('party_name'), path: 'body.name', required: true, maxlength: 200 })];
    case 'end_consultation':
      return [f({ label: t('consult_result'), path: 'body.result', options: pairs(CONSULT_RESULT) })];
    case 'extend':
      return [f({ label: t('extend_days'), path: 'body.days', type: 'number', required: true, value: '20' }), f({ label: t('extend_reason'), path: 'body.reason', rows: 3, required: true })];
    case 'reply':
      return [
        f({ label: t('outcome'), path: 'body.outcome', options: Object.entries(OUTCOME_CODES).map(([code, o]): [string, string] => [code, lang() === 'zh' ? o.label : `${code} — ${o.label}`]) }),
        f({ label: t('delivery_method_reply'), path: 'body.deliveryMethod', options: [['', '—'], ...pairs(DELIVERY_METHOD)] }),
        f({ label: t('reply_number'), path: 'body.replyNumber', maxlength: 100 }),
      ];
    case 'file_lawsuit':
      return [f({ label: t('after_reconsideration'), path: 'body.afterReconsideration', options: [['false', lang() === 'zh' ? '否' : 'No'], ['true', lang() === 'zh' ? '是' : 'Yes']] })];
    case 'decide_reconsideration':
    case 'decide_lawsuit':
    case 'decide_complaint':
      return [f({ label: t('appeal_result'), path: 'body.result', options: pairs(APPEAL_RESULT) })];
    default:
      return [];
  }
}

function actionBody(type: keyof typeof ACTION, fields: Field[], version: number, date: string): CaseActionBody {
  const body: Record<string, unknown> = { type, expectedVersion: version };
  if (date) body.date = date;
  for (const f of fields) {
    const key = f.path.replace(/^body\./, '');
    const value = f.control.value.trim();
    if (value === '') continue;
    if (key === 'items') body.items = value.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (key === 'days') body.days = Number(value);
    else if (key === 'afterReconsideration') body.afterReconsideration = value === 'true';
    else body[key] = value;
  }
  return body as CaseActionBody;
}

async function casePage(id: string, notice?: HTMLElement): Promise<void> {
  const main = page('case');
  render(main, h('p', { role: 'status' }, t('loading')));
  const result = await api.case(id);
  if (!result.ok) {
    render(main, h('h1', {}, t('case_title', { id })), failure(result.problem, result.status));
    return;
  }
  const c = result.data;
  const heading = h('h1', {}, t('case_title', { id: c.id }));
  const d = c.state.explanation;
  const a: Record<string, unknown> & { name: string; idDocument?: { type: string; number: string } } = { ...c.applicant };
  render(
    main,
    heading,
    notice ?? null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'case-facts' },
      h('h2', { id: 'case-facts' }, `${t('col_status')}：${label(STATUS, c.status)}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('case_agency')), h('dd', {}, agencyName(c.agencyId)),
        h('dt', {}, t('case_channel')), h('dd', {}, label(CHANNEL, c.channel)),
        h('dt', {}, t('received_date')), h('dd', {}, c.receivedDate ?? '—'),
        h('dt', {}, t('col_due')), h('dd', {}, c.dueDate ?? '—'),
        h('dt', {}, t('case_version')), h('dd', {}, String(c.version)),
        h('dt', {}, t('case_applicant')),
        c.anonymisedAt
          ? h('dd', {}, t('case_anonymised', { date: c.anonymisedAt.slice(0, 10) }))
          : h('dd', {}, a.name, a.idDocument ? ` · ${a.idDocument.number}` : ''),
        h('dt', {}, t('case_request')), h('dd', {}, c.request.description),
        h('dt', {}, t('delivery_section')), h('dd', {}, `${label(DELIVERY_FORM, c.delivery.form)} · ${label(DELIVERY_METHOD, c.delivery.method)}`),
      ),
    ),
    d
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'case-deadline' },
          h('h2', { id: 'case-deadline' }, t('case_deadline')),
          h('p', { 'data-testid': 'deadline-summary' }, d.summary),
          h('ol', { class: 'stretches' }, ...d.stretches.map((s) => h('li', {}, h('span', { class: 'dates' }, `${s.from} — ${s.to ?? t('open_ended')}`), s.workingDays !== null ? h('span', { class: 'days' }, t('working_days', { n: s.workingDays })) : null, h('span', { class: 'rule' }, s.rule)))),
        )
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'case-actions' }, h('h2', { id: 'case-actions' }, t('case_actions')), ...offeredActions(c, session!.roles).map((type) => actionForm(c, type))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'case-history' },
      h('h2', { id: 'case-history' }, t('case_history')),
      h('ol', { class: 'timeline' }, ...(c.events ?? []).map((e) => h('li', {}, h('time', { datetime: e.effectiveDate }, e.effectiveDate), ' ', label(EVENT, e.type), ` — ${e.actor.role === 'applicant' || e.actor.role === 'system' ? label(ACTOR, e.actor.role) : e.actor.name}`))),
    ),
  );
  focus(notice ?? heading);
}

function actionForm(c: CaseView, type: keyof typeof ACTION): HTMLElement {
  const fields = actionFields(type);
  const date = field({ label: t('action_date'), path: 'body.date', type: 'date', hint: t('action_date_hint') });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, label(ACTION, type));
  const form = h('form', { novalidate: true, 'data-action': type }, summary, ...fields.map((f) => f.row), date.row, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    clearErrors([...fields, date], summary);
    void api.act(c.id, actionBody(type, fields, c.version, date.control.value)).then((result) => {
      submit.disabled = false;
      if (result.ok) {
        void casePage(c.id, banner('ok', t('action_done', { action: label(ACTION, type) })));
        return;
      }
      if (result.status === 409) {
        void casePage(c.id, banner('error', t('action_conflict', { version: String(result.problem?.currentVersion ?? '') })));
        return;
      }
      if (result.problem?.problems?.length) {
        showProblem(result.problem, [...fields, date], summary);
        return;
      }
      const p = result.problem;
      render(summary, p ? [h('p', {}, t('action_refused', { detail: p.detail ?? p.title })), p.rule ? h('p', { class: 'rule' }, t('action_rule', { rule: `${p.rule}${p.citation ? ` — ${p.citation}` : ''}` })) : null] : t('network_error'));
      summary.hidden = false;
      focus(summary);
    });
  });
  return h('details', { class: 'action' }, h('summary', {}, label(ACTION, type)), form);
}

// ---- register a paper application -----------------------------------------------------------------

async function registerPage(): Promise<void> {
  const main = page('register');
  const heading = h('h1', {}, t('register_title'));
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const fields: Field[] = [];
  const f = (options: Parameters<typeof field>[0]) => {
    const made = field(options);
    fields.push(made);
    return made;
  };
  const agency = f({ label: t('agency'), path: 'body.agencyId', options: (agencies ?? []).map((x): [string, string] => [x.id, x.name]), value: session!.agencyId });
  const channel = f({ label: t('channel'), path: 'body.channel', options: pairs(CHANNEL).filter(([k]) => k !== 'online'), value: 'in_person' });
  const received = f({ label: t('received_date'), path: 'body.receivedDate', type: 'date', required: true, value: today() });
  const type = f({ label: t('applicant_type'), path: 'body.applicant.type', options: [['natural_person', t('type_citizen')], ['legal_person', t('type_org')]] });
  const orgType = f({ label: t('org_type'), path: 'body.applicant.organizationType', options: [['', '—'], ...pairs(ORG_TYPE)] });
  const name = f({ label: t('name'), path: 'body.applicant.name', required: true, maxlength: 200 });
  const idType = f({ label: t('id_type'), path: 'body.applicant.idDocument.type', options: [...pairs(ID_TYPE), ['unified_social_credit_code', t('credit_code')]] });
  const idNumber = f({ label: t('id_number'), path: 'body.applicant.idDocument.number', required: true, maxlength: 64 });
  const phone = f({ label: t('phone'), path: 'body.applicant.phone', type: 'tel', maxlength: 32 });
  const address = f({ label: t('address'), path: 'body.applicant.address', maxlength: 500 });
  const description = f({ label: t('description'), path: 'body.request.description', rows: 4, required: true });
  const form = f({ label: t('delivery_form'), path: 'body.delivery.form', options: pairs(DELIVERY_FORM), value: 'paper' });
  const method = f({ label: t('delivery_method'), path: 'body.delivery.method', options: pairs(DELIVERY_METHOD), value: 'post' });
  const out = h('div', { 'aria-live': 'polite' });
  const key = newKey();
  const submit = h('button', { type: 'submit', class: 'primary' }, t('register_submit'));
  const el = h('form', { novalidate: true }, summary, ...fields.map((x) => x.row), h('div', { class: 'actions' }, submit));
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    clearErrors(fields, summary);
    const v = (x: Field) => x.control.value.trim();
    const opt = (x: Field) => (v(x) === '' ? undefined : v(x));
    const body = {
      agencyId: v(agency),
      channel: v(channel),
      receivedDate: v(received),
      applicant: { type: v(type), organizationType: opt(orgType), name: v(name), idDocument: { type: v(idType), number: v(idNumber) }, phone: opt(phone), address: opt(address) },
      request: { description: v(description) },
      delivery: { form: v(form), method: v(method) },
    } as RegisterCaseBody;
    void api.register(body, key).then((result) => {
      submit.disabled = false;
      if (result.ok) {
        render(out, banner('ok', h('p', {}, t('registered')), h('p', {}, `${t('result_number')}：`, h('code', {}, result.data.id)), h('p', {}, `${t('result_code')}：`, h('code', {}, result.data.queryCode)), h('a', { href: `#/case/${result.data.id}` }, t('open_case'))));
        focus(out.firstElementChild as HTMLElement);
      } else if (result.problem?.problems?.length) showProblem(result.problem, fields, summary);
      else render(out, failure(result.problem, result.status));
    });
  });
  render(main, heading, el, out);
  focus(heading);
}

// ---- reports --------------------------------------------------------------------------------------

const reportState = { year: String(Number(today().slice(0, 4)) - 1), scope: 'self' };

async function reportsPage(): Promise<void> {
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
  const form = h('form', { class: 'filters' }, year.row, scope.row, h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('report_show')), session!.roles.includes('supervisor') ? h('button', { type: 'button', onclick: () => void show(true) }, t('report_generate')) : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(false);
  });
  render(main, heading, form, summary, out);
  focus(heading);
}

interface CellLike { id: string; sectionId: string; rowId: string; columnId: string; rowLabels: readonly string[]; columnLabels: readonly string[]; value: number }
interface ReportLike { sections: { id: string; title?: string; rowIds: readonly string[]; columnIds: readonly string[] }[]; cells: Record<string, CellLike>; agencyId: string; scope: string }

function renderReport(out: HTMLElement, view: ReportViewLike, year: number): void {
  const report = view.report as ReportLike;
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

// ---- admin ----------------------------------------------------------------------------------------

async function adminPage(): Promise<void> {
  const main = page('admin');
  const heading = h('h1', {}, t('admin_title'));
  if (!session!.roles.includes('admin')) {
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
        h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('agency_id')), h('th', { scope: 'col' }, t('agency_name')), h('th', { scope: 'col' }, t('agency_parent')), h('th', { scope: 'col' }, t('agency_auto_confirm')))), h('tbody', {}, ...(agencies ?? []).map((x) => h('tr', {}, h('td', {}, x.id), h('td', {}, x.name), h('td', {}, x.parentId ? agencyName(x.parentId) : '—'), h('td', {}, x.autoConfirmOnline ? '✓' : '✗'))))),
      ),
    );
  renderAgencies();
  const id = field({ label: t('agency_id'), path: 'params.id', required: true, maxlength: 64 });
  const name = field({ label: t('agency_name'), path: 'body.name', required: true, maxlength: 200 });
  const parent = field({ label: t('agency_parent'), path: 'body.parentId', options: (agencies ?? []).map((x): [string, string] => [x.id, x.name]), value: session!.agencyId });
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
      if (fresh.ok) agencies = fresh.data.items;
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

// ---- routing --------------------------------------------------------------------------------------

async function route(): Promise<void> {
  session ??= currentSession();
  if (!session) return signInPage();
  if (!agencies) {
    const result = await api.agencies();
    if (result.ok) agencies = result.data.items;
    else if (result.status === 401) {
      session = undefined;
      signOut(undefined);
      return signInPage();
    }
  }
  const hash = location.hash;
  const caseMatch = /^#\/case\/([0-9A-Z]+)$/.exec(hash);
  if (caseMatch) return casePage(caseMatch[1]!);
  if (hash === '#/register') return registerPage();
  if (hash === '#/reports') return reportsPage();
  if (hash === '#/admin') return adminPage();
  return worklistPage();
}

async function start(): Promise<void> {
  try {
    config = await loadConfig();
    const returned = await completeOidc(config);
    if (returned) session = returned;
  } catch (error) {
    const main = page('sign-in');
    render(main, h('h1', {}, t('sign_in_title')), banner('error', t('sign_in_failed', { reason: String(error) })));
    return;
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();

