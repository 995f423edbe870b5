/**
 * The citizen's application form (政府信息公开申请表) and, once submitted, the result: the application
 * number and the query code shown once, with a copy button and a printable receipt.
 *
 * One Idempotency-Key per application, kept in sessionStorage until the API has answered with a case: a
 * double click, a retry after a network failure or a reload re-sends the same key, so the API answers
 * with the same case instead of opening a second one.
 */
import { api, newKey, type PublicAgency, type SubmitApplicationBody, type SubmitResult } from './lib/api.js';
import { h, focus, render } from './lib/dom.js';
import { banner, clearErrors, field, radios, showProblem, type Field } from './lib/form.js';
import { label, lang, t } from './lib/i18n.js';
import { frame } from './lib/layout.js';
import { DELIVERY_FORM, DELIVERY_METHOD, ID_TYPE, ORG_TYPE, STATUS } from './lib/messages.js';

const KEY_STORAGE = 'gongkai.apply.idempotencyKey';

function idempotencyKey(): string {
  let key = sessionStorage.getItem(KEY_STORAGE);
  if (!key) {
    key = newKey();
    sessionStorage.setItem(KEY_STORAGE, key);
  }
  return key;
}

let agencies: PublicAgency[] | undefined;
/** Values typed so far, by field path: kept across a language switch. */
let saved: Record<string, string> = {};
let applicantType: 'natural_person' | 'legal_person' = 'natural_person';

const pairs = (table: Record<string, { zh: string; en: string }>): [string, string][] => Object.keys(table).map((k) => [k, label(table, k)]);

async function show(): Promise<void> {
  const main = frame('site_name', [
    { href: '/', key: 'nav_apply', current: true },
    { href: '/track.html', key: 'nav_track' },
  ], () => {
    saveValues();
    void show();
  });
  if (!agencies) {
    render(main, h('p', { role: 'status' }, t('loading')));
    const result = await api.publicAgencies();
    if (!result.ok) {
      render(main, banner('error', result.problem?.detail ?? t('network_error')));
      return;
    }
    agencies = result.data.items;
  }
  renderForm(main, agencies);
}

let fields: Field[] = [];

function saveValues(): void {
  for (const f of fields) saved[f.path] = f.control.value;
}

function renderForm(main: HTMLElement, list: PublicAgency[]): void {
  const f = (options: Parameters<typeof field>[0]): Field => {
    const made = field({ ...options, value: saved[options.path] ?? options.value });
    fields.push(made);
    return made;
  };
  fields = [];
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const agency = f({
    label: t('agency'),
    path: 'body.agencyId',
    required: true,
    hint: t('agency_hint'),
    options: [['', t('agency_choose')], ...list.map((a): [string, string] => [a.id, `${'　'.repeat(a.path.length - 1)}${a.name}`])],
  });

  // Citizen (公民)
  const name = f({ label: t('name'), path: 'body.applicant.name', required: true, autocomplete: 'name', maxlength: 200 });
  const idType = f({ label: t('id_type'), path: 'body.applicant.idDocument.type', required: true, options: pairs(ID_TYPE) });
  const idNumber = f({ label: t('id_number'), path: 'body.applicant.idDocument.number', required: true, maxlength: 64, autocomplete: 'off' });
  const workUnit = f({ label: t('work_unit'), path: 'body.applicant.workUnit', autocomplete: 'organization', maxlength: 200 });
  // Organisation (法人或者其他组织)
  const orgName = f({ label: t('org_name'), path: 'body.applicant.name#org', required: true, autocomplete: 'organization', maxlength: 200 });
  const orgType = f({ label: t('org_type'), path: 'body.applicant.organizationType', required: true, options: pairs(ORG_TYPE) });
  const creditCode = f({ label: t('credit_code'), path: 'body.applicant.idDocument.number#org', required: true, maxlength: 64, autocomplete: 'off' });
  const legalRep = f({ label: t('legal_rep'), path: 'body.applicant.legalRepresentative', required: true, maxlength: 200 });
  const contactName = f({ label: t('contact_name'), path: 'body.applicant.contactName', required: true, maxlength: 200 });
  // Contact (both)
  const phone = f({ label: t('phone'), path: 'body.applicant.phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: 32 });
  const address = f({ label: t('address'), path: 'body.applicant.address', autocomplete: 'street-address', maxlength: 500 });
  const postalCode = f({ label: t('postal_code'), path: 'body.applicant.postalCode', autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 6 });
  const email = f({ label: t('email'), path: 'body.applicant.email', type: 'email', autocomplete: 'email', maxlength: 254 });

  const description = f({ label: t('description'), path: 'body.request.description', required: true, hint: t('description_hint'), rows: 5, maxlength: 5000 });
  const documentNumber = f({ label: t('document_number'), path: 'body.request.documentNumber', maxlength: 200 });
  const purpose = f({ label: t('purpose'), path: 'body.request.purpose', rows: 3, maxlength: 1000 });
  const deliveryForm = f({ label: t('delivery_form'), path: 'body.delivery.form', required: true, options: pairs(DELIVERY_FORM), value: 'electronic' });
  const deliveryMethod = f({ label: t('delivery_method'), path: 'body.delivery.method', required: true, options: pairs(DELIVERY_METHOD), value: 'email' });

  const citizenBox = h('div', { class: 'group' }, name.row, idType.row, idNumber.row, workUnit.row);
  const orgBox = h('div', { class: 'group' }, orgName.row, orgType.row, creditCode.row, legalRep.row, contactName.row);
  const phoneLabel = phone.row.querySelector('label')!;
  const sync = (): void => {
    citizenBox.hidden = applicantType !== 'natural_person';
    orgBox.hidden = applicantType !== 'legal_person';
    for (const x of [name, idType, idNumber]) x.control.required = applicantType === 'natural_person';
    for (const x of [orgName, orgType, creditCode, legalRep, contactName]) x.control.required = applicantType === 'legal_person';
    phoneLabel.firstChild!.textContent = applicantType === 'natural_person' ? t('phone') : t('contact_phone');
    phone.label = applicantType === 'natural_person' ? t('phone') : t('contact_phone');
  };
  const type = radios(t('applicant_type'), 'applicantType', [['natural_person', t('type_citizen')], ['legal_person', t('type_org')]], applicantType, (value) => {
    applicantType = value as typeof applicantType;
    sync();
  });
  sync();

  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const status = h('div', { 'aria-live': 'polite' });
  let busy = false;
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'apply-title' },
    summary,
    h('fieldset', {}, h('legend', {}, t('agency_section')), agency.row),
    h('fieldset', {}, h('legend', {}, t('applicant_section')), type.el, citizenBox, orgBox, h('p', { class: 'hint' }, t('contact_hint')), phone.row, email.row, address.row, postalCode.row),
    h('fieldset', {}, h('legend', {}, t('request_section')), description.row, documentNumber.row, purpose.row),
    h('fieldset', {}, h('legend', {}, t('delivery_section')), deliveryForm.row, deliveryMethod.row),
    status,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return; // a double click sends once; a retry later re-sends the same key
    busy = true;
    submit.disabled = true;
    submit.textContent = t('submitting');
    clearErrors(fields, summary);
    status.replaceChildren();
    const v = (x: Field) => x.control.value.trim();
    const opt = (x: Field) => (v(x) === '' ? undefined : v(x));
    const org = applicantType === 'legal_person';
    const body = {
      agencyId: v(agency),
      applicant: {
        type: applicantType,
        ...(org ? { organizationType: v(orgType) } : {}),
        name: org ? v(orgName) : v(name),
        idDocument: org ? { type: 'unified_social_credit_code', number: v(creditCode) } : { type: v(idType), number: v(idNumber) },
        phone: opt(phone),
        email: opt(email),
        address: opt(address),
        postalCode: opt(postalCode),
        ...(org ? { legalRepresentative: opt(legalRep), contactName: opt(contactName) } : { workUnit: opt(workUnit) }),
      },
      request: { description: v(description), documentNumber: opt(documentNumber), purpose: opt(purpose) },
      delivery: { form: v(deliveryForm), method: v(deliveryMethod) },
    } as SubmitApplicationBody;
    void api.submit(body, idempotencyKey()).then((result) => {
      busy = false;
      submit.disabled = false;
      submit.textContent = t('submit');
      if (result.ok) {
        sessionStorage.removeItem(KEY_STORAGE);
        saved = {};
        showResult(result.data, list.find((a) => a.id === body.agencyId));
        return;
      }
      if (result.problem === null) {
        status.replaceChildren(banner('error', t('network_error')));
        return;
      }
      // Field paths of the organisation's variants carry a suffix; map the API's paths onto them.
      const problem = {
        ...result.problem,
        problems: (result.problem.problems ?? []).map((p) => {
          const path = p.path.join('.');
          if (org && (path === 'body.applicant.name' || path.startsWith('body.applicant.idDocument'))) return { ...p, path: [`${path.startsWith('body.applicant.name') ? 'body.applicant.name' : 'body.applicant.idDocument.number'}#org`] };
          return p;
        }),
      };
      showProblem(problem, fields, summary);
    });
  });
  render(main, h('h1', { id: 'apply-title' }, t('apply_title')), h('p', { class: 'intro' }, t('apply_intro')), form);
}

function showResult(result: SubmitResult, agency: PublicAgency | undefined): void {
  const main = frame('site_name', [
    { href: '/', key: 'nav_apply' },
    { href: '/track.html', key: 'nav_track' },
  ], () => showResult(result, agency));
  const copyStatus = h('p', { role: 'status', class: 'copy-status' });
  const both = `${t('result_number')}：${result.id}\n${t('result_code')}：${result.queryCode}`;
  const heading = h('h1', {}, t('result_title'));
  render(
    main,
    heading,
    h('div', { class: 'banner warning', role: 'note' }, h('strong', {}, '⚠ '), t('result_warning')),
    h(
      'section',
      { class: 'receipt', 'aria-labelledby': 'receipt-title' },
      h('h2', { id: 'receipt-title' }, t('receipt_title')),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('result_number')),
        h('dd', {}, h('code', { class: 'big', 'data-testid': 'application-number' }, result.id)),
        h('dt', {}, t('result_code')),
        h('dd', {}, h('code', { class: 'big', 'data-testid': 'query-code' }, result.queryCode)),
        agency ? [h('dt', {}, t('agency')), h('dd', {}, agency.path.join(' › '))] : null,
        h('dt', {}, t('result_status')),
        h('dd', {}, label(STATUS, result.status)),
        h('dt', {}, t('track_submitted_at')),
        h('dd', {}, new Date(result.submittedAt).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })),
        result.receivedDate ? [h('dt', {}, t('result_received')), h('dd', {}, result.receivedDate)] : null,
        result.dueDate ? [h('dt', {}, t('result_due')), h('dd', {}, result.dueDate)] : null,
      ),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            navigator.clipboard.writeText(both).then(
              () => (copyStatus.textContent = t('copied')),
              () => (copyStatus.textContent = t('copy_failed')),
            );
          },
        },
        t('copy'),
      ),
      h('button', { type: 'button', onclick: () => window.print() }, t('print')),
      h('a', { class: 'button', href: `/track.html#${encodeURIComponent(result.id)}` }, t('go_track')),
      h('a', { class: 'button', href: '/' }, t('new_application')),
    ),
    copyStatus,
  );
  focus(heading);
}

void show();
