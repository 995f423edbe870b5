/**
 * The officers' console: sign-in, the worklist, a case with its deadline explained and each action as a
 * form mirroring the action schema, registering a paper application, the year-end reports with
 * drill-down, and agencies and calendars for administrators. Routes live in the hash (#/worklist,
 * #/case/ID, #/register, #/reports, #/admin), so the page is one static file behind any CDN.
 */
import { api, newKey, type CaseSummary, type CaseView, type RegisterCaseBody } from './lib/api.js';
import { beginOidc, completeOidc, currentSession, loadConfig, signInLocal, signOut } from './lib/auth.js';
import { h, focus, render } from './lib/dom.js';
import { banner, clearErrors, field, showProblem, type Field } from './lib/form.js';
import { label, t } from './lib/i18n.js';
import { ACTION, ACTOR, EVENT, CHANNEL, DELIVERY_FORM, DELIVERY_METHOD, FEE_METHOD, FEE_STATUS, ID_TYPE, ORG_TYPE, ROLE, STATUS } from './lib/messages.js';
import { agencyName, failure, page, pairs, setRouter, state, today } from './officer/shell.js';
import { actionBody, actionFields, offeredActions } from './officer/actions.js';
import { adminPage } from './officer/admin.js';
import { reportsPage } from './officer/reports.js';
import { documentsSection } from './officer/documents.js';

async function signInPage(): Promise<void> {
  const main = page('sign-in');
  const heading = h('h1', {}, t('sign_in_title'));
  render(main, heading, h('p', { role: 'status' }, t('loading')));
  try {
    state.config ??= await loadConfig();
  } catch {
    render(main, heading, banner('error', t('network_error')));
    return;
  }
  const cfg = state.config;
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
                      state.session = s;
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
  const visible = state.agencies ?? [];
  const agency = field({ label: t('filter_agency'), path: 'query.agencyId', options: visible.map((a): [string, string] => [a.id, a.name]), value: worklistState.agencyId || state.session!.agencyId });
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
  const fee = c.state.fee;
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
        ...(fee
          ? [
              h('dt', {}, t('fee')),
              h(
                'dd',
                { 'data-testid': 'fee' },
                t('fee_state', { amount: (fee.amountFen / 100).toFixed(2), method: label(FEE_METHOD, fee.method), status: label(FEE_STATUS, fee.status) }),
                fee.status === 'notified' && fee.paymentDueDate ? t('fee_due', { date: fee.paymentDueDate }) : '',
              ),
            ]
          : []),
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
    documentsSection(c, (done) => void casePage(c.id, done)),
    h('section', { class: 'card', 'aria-labelledby': 'case-actions' }, h('h2', { id: 'case-actions' }, t('case_actions')), ...offeredActions(c, state.session!.roles).map((type) => actionForm(c, type))),
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
  const agency = f({ label: t('agency'), path: 'body.agencyId', options: (state.agencies ?? []).map((x): [string, string] => [x.id, x.name]), value: state.session!.agencyId });
  const channel = f({ label: t('channel'), path: 'body.channel', options: pairs(CHANNEL).filter(([k]) => k !== 'online'), value: 'in_person' });
  const received = f({ label: t('received_date'), path: 'body.receivedDate', type: 'date', required: true, value: today() });
  const letterArrived = f({ label: t('letter_arrived'), path: 'body.letterArrivedOn', type: 'date', hint: t('letter_arrived_hint') });
  const lateReason = f({ label: t('late_reason'), path: 'body.lateReason', rows: 2, maxlength: 1000, hint: t('late_reason_hint') });
  // Art. 31(2): a day of arrival apart from the receipt only for a letter.
  const syncChannel = () => {
    letterArrived.row.hidden = channel.control.value !== 'mail';
  };
  channel.control.addEventListener('change', syncChannel);
  syncChannel();
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
      letterArrivedOn: letterArrived.row.hidden ? undefined : opt(letterArrived),
      lateReason: opt(lateReason),
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

// ---- routing --------------------------------------------------------------------------------------

async function route(): Promise<void> {
  state.session ??= currentSession();
  if (!state.session) return signInPage();
  if (!state.agencies) {
    const result = await api.agencies();
    if (result.ok) state.agencies = result.data.items;
    else if (result.status === 401) {
      state.session = undefined;
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
    state.config = await loadConfig();
    const returned = await completeOidc(state.config);
    if (returned) state.session = returned;
  } catch (error) {
    const main = page('sign-in');
    render(main, h('h1', {}, t('sign_in_title')), banner('error', t('sign_in_failed', { reason: String(error) })));
    return;
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

setRouter(route);

void start();
