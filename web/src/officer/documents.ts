/**
 * The case page's written notices (docs/domain.md §9): each document with its number and date, its two
 * downloads (DOCX to sign and stamp, the printable HTML), a form to record its delivery until it is recorded
 * (送达: how and when it reached the addressee; periods that run from delivery start that day), and a form to
 * correct it, which issues a new numbered document that supersedes it.
 */
import { api, type CaseDetail, type Problem } from '../lib/api.js';
import { h, focus, render } from '../lib/dom.js';
import { banner, clearErrors, field, showProblem, type Field } from '../lib/form.js';
import { label, t } from '../lib/i18n.js';
import { DOCUMENT_DELIVERY } from '../lib/messages.js';
import { pairs, today } from './shell.js';
import { documentDownloads, documentHeading } from '../lib/documents.js';
import { noticeFields, noticeOf } from './actions.js';

type DocumentSummary = CaseDetail['documents'][number];

/** The documents section; `changed` reloads the case page with a notice after a delivery is recorded. */
export function documentsSection(c: CaseDetail, changed: (notice: HTMLElement) => void): HTMLElement {
  const status = h('p', { role: 'status', class: 'hint' });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'case-documents', 'data-testid': 'case-documents' },
    h('h2', { id: 'case-documents' }, t('case_documents')),
    c.documents.length === 0
      ? h('p', { class: 'hint' }, t('case_no_documents'))
      : h(
          'ul',
          { class: 'documents' },
          ...c.documents.map((d) =>
            h(
              'li',
              {},
              ...documentHeading(d),
              d.delivery
                ? h('p', { class: 'hint' }, t('document_delivered', { method: label(DOCUMENT_DELIVERY, d.delivery.method), date: d.delivery.deliveredOn, tracking: d.delivery.trackingNumber ?? '' }))
                : null,
              documentDownloads(d, `/cases/${encodeURIComponent(c.id)}/documents/${encodeURIComponent(d.id)}`, {}, status),
              d.delivery || d.supersededBy ? null : deliveryForm(c, d, changed),
              d.supersededBy ? null : reissueForm(c, d, changed),
            ),
          ),
        ),
    status,
  );
}

function deliveryForm(c: CaseDetail, d: DocumentSummary, changed: (notice: HTMLElement) => void): HTMLElement {
  const method = field({ label: t('delivery_record_method'), path: 'body.method', options: pairs(DOCUMENT_DELIVERY) });
  const deliveredOn = field({ label: t('delivery_record_date'), path: 'body.deliveredOn', type: 'date', required: true, value: today() });
  const tracking = field({ label: t('delivery_record_tracking'), path: 'body.trackingNumber', maxlength: 64, hint: t('delivery_record_tracking_hint') });
  const fields = [method, deliveredOn, tracking];
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('delivery_record'));
  const form = h('form', { novalidate: true }, summary, ...fields.map((f) => f.row), h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    clearErrors(fields, summary);
    const trackingNumber = tracking.control.value.trim();
    const body = { expectedVersion: c.version, method: method.control.value as NonNullable<DocumentSummary['delivery']>['method'], deliveredOn: deliveredOn.control.value, ...(trackingNumber ? { trackingNumber } : {}) };
    void api.recordDelivery(c.id, d.id, body).then((result) => {
      submit.disabled = false;
      if (result.ok) {
        changed(banner('ok', t('delivery_recorded', { number: d.number })));
        return;
      }
      refused(result.problem, fields, summary);
    });
  });
  return h('details', { class: 'action' }, h('summary', {}, `${t('delivery_record')}：${d.number}`), form);
}

/** A corrected re-issue: a new number superseding this document, with the corrected notice texts. */
function reissueForm(c: CaseDetail, d: DocumentSummary, changed: (notice: HTMLElement) => void): HTMLElement {
  const fields = noticeFields();
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('document_reissue'));
  const form = h('form', { novalidate: true }, h('p', { class: 'hint' }, t('document_reissue_hint')), summary, ...fields.map((f) => f.row), h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    clearErrors(fields, summary);
    const notice = noticeOf(fields);
    void api.reissue(c.id, d.id, { expectedVersion: c.version, ...(notice ? { notice } : {}) }).then((result) => {
      submit.disabled = false;
      if (result.ok) {
        changed(banner('ok', t('document_reissued', { number: result.data.document.number })));
        return;
      }
      refused(result.problem, fields, summary);
    });
  });
  return h('details', { class: 'action' }, h('summary', {}, `${t('document_reissue')}：${d.number}`), form);
}

/** A refusal beside its fields, or its message and rule in the summary. */
function refused(problem: Problem | null, fields: Field[], summary: HTMLElement): void {
  if (problem?.problems?.length) {
    showProblem(problem, fields, summary);
    return;
  }
  render(summary, problem ? [h('p', {}, t('action_refused', { detail: problem.detail ?? problem.title })), problem.rule ? h('p', { class: 'rule' }, t('action_rule', { rule: problem.rule })) : null] : t('network_error'));
  summary.hidden = false;
  focus(summary);
}
