/**
 * The case page's actions: which a case offers, the fields of each (mirroring its schema in
 * shared/http/schemas.ts CaseActionBody: the same names, required where it requires them), the body it sends.
 */
import { type CaseActionBody, type CaseView } from '../lib/api.js';
import { field, type Field } from '../lib/form.js';
import { lang, t } from '../lib/i18n.js';
import { ACTION, APPEAL_RESULT, CONSULT_RESULT, DELIVERY_METHOD, FEE_METHOD, PARTY } from '../lib/messages.js';
import { OUTCOME_CODES } from '../../../shared/domain/outcome-codes.js';
import { pairs, today } from './shell.js';

type ActionType = keyof typeof ACTION;

/** The actions that wait while a fee is awaited (policy P13, shared/domain/decide.ts FEE_BLOCKED). */
const FEE_BLOCKED: readonly ActionType[] = ['request_correction', 'start_consultation', 'reply', 'fee_notice'];
/** Decided by the head of the disclosure office (policy P16): offered to supervisors only. */
const SUPERVISOR_ONLY: readonly ActionType[] = ['extend', 'reasonable_period', 'public_interest_disclosure'];

/** Which actions a case offers now (the API still decides, and names the rule when it refuses). */
export function offeredActions(c: CaseView, roles: string[]): ActionType[] {
  const s = c.state;
  const feeAwaited = s.fee?.status === 'notified';
  const received: ActionType[] = ['request_correction', 'start_consultation', 'extend', 'reply', 'withdraw'];
  if (s.regime === '2019' && s.fee === undefined) received.splice(3, 0, 'fee_notice');
  if (s.art35 === undefined) received.push('request_reasons');
  else if (s.art35.reasonablePeriod === undefined) received.push('reasonable_period');
  // Art. 32: a third party objected; the agency may still disclose when withholding would harm the public interest.
  if (s.publicInterest === undefined && s.consultations.filter((x) => x.party === 'third_party').at(-1)?.result === 'objected') received.push('public_interest_disclosure');
  const byStatus: Record<string, ActionType[]> = {
    submitted: ['confirm_receipt', 'withdraw'],
    received,
    awaiting_correction: ['receive_correction', 'close_no_correction', 'withdraw'],
    consulting: ['end_consultation', 'extend', 'reply', 'withdraw'],
  };
  const closed: ActionType[] = ['file_reconsideration', 'decide_reconsideration', 'file_lawsuit', 'decide_lawsuit', 'file_complaint', 'decide_complaint'];
  let list = byStatus[c.status] ?? closed;
  if (feeAwaited) list = ['fee_paid', 'fee_waived', 'close_fee_unpaid', ...list.filter((a) => !FEE_BLOCKED.includes(a))];
  return list.filter((a) => !SUPERVISOR_ONLY.includes(a) || roles.includes('supervisor'));
}

export function actionFields(type: ActionType): Field[] {
  const f = (options: Parameters<typeof field>[0]) => field(options);
  switch (type) {
    case 'confirm_receipt':
      return [
        f({ label: t('received_date'), path: 'body.receivedDate', type: 'date', required: true, value: today() }),
        f({ label: t('late_reason'), path: 'body.lateReason', rows: 2, maxlength: 1000, hint: t('late_reason_hint') }),
      ];
    case 'request_correction':
      return [f({ label: t('items'), path: 'body.items', rows: 4, required: true }), f({ label: t('correction_due'), path: 'body.correctionDueDate', type: 'date', required: true })];
    case 'start_consultation':
      return [
        f({ label: t('party'), path: 'body.party', options: pairs(PARTY) }),
        f({ label: t('party_name'), path: 'body.name', required: true, maxlength: 200 }),
        f({ label: t('letter_received_on'), path: 'body.letterReceivedOn', type: 'date' }),
      ];
    case 'end_consultation':
      return [f({ label: t('consult_result'), path: 'body.result', options: pairs(CONSULT_RESULT) })];
    case 'extend':
      return [
        f({ label: t('extend_days'), path: 'body.days', type: 'number', required: true, value: '20' }),
        f({ label: t('extend_reason'), path: 'body.reason', rows: 3, required: true }),
        f({ label: t('notice_date'), path: 'body.noticeDate', type: 'date' }),
      ];
    case 'reply':
      return [
        f({ label: t('outcome'), path: 'body.outcome', options: Object.entries(OUTCOME_CODES).map(([code, o]): [string, string] => [code, lang() === 'zh' ? o.label : `${code} — ${o.label}`]) }),
        f({ label: t('delivery_method_reply'), path: 'body.deliveryMethod', options: [['', '—'], ...pairs(DELIVERY_METHOD)] }),
        f({ label: t('reply_number'), path: 'body.replyNumber', maxlength: 100 }),
        ...noticeFields(),
      ];
    case 'fee_notice': {
      const method = f({ label: t('fee_method'), path: 'body.method', options: pairs(FEE_METHOD), value: 'per_volume' });
      const items = f({ label: t('fee_items'), path: 'body.items', type: 'number', hint: t('fee_items_hint'), value: '1' });
      const pages = f({ label: t('fee_pages'), path: 'body.pages', type: 'number', hint: t('fee_pages_hint') });
      // One method per application (国办函〔2020〕109号 Art. 3): only its count is shown and sent.
      const sync = () => {
        items.row.hidden = method.control.value !== 'per_item';
        pages.row.hidden = method.control.value !== 'per_volume';
      };
      method.control.addEventListener('change', sync);
      sync();
      return [
        method,
        items,
        pages,
        f({ label: t('fee_how_to_pay'), path: 'body.howToPay', rows: 3, required: true, maxlength: 1000 }),
        f({ label: t('fee_notice_received'), path: 'body.noticeReceivedOn', type: 'date', hint: t('fee_notice_received_hint') }),
      ];
    }
    case 'fee_waived':
      return [f({ label: t('fee_waiver_reason'), path: 'body.reason', rows: 3, required: true, maxlength: 1000 })];
    case 'request_reasons':
      return [
        f({ label: t('reasons_question'), path: 'body.question', rows: 3, required: true, maxlength: 2000 }),
        f({ label: t('reasons_due'), path: 'body.reasonsDueDate', type: 'date', required: true }),
      ];
    case 'reasonable_period':
      return [
        f({ label: t('period_until'), path: 'body.until', type: 'date', required: true }),
        f({ label: t('period_reason'), path: 'body.reason', rows: 3, required: true, maxlength: 2000 }),
        f({ label: t('notice_date'), path: 'body.noticeDate', type: 'date' }),
      ];
    case 'public_interest_disclosure':
      return [
        f({ label: t('pi_information'), path: 'body.information', rows: 3, required: true, maxlength: 2000 }),
        f({ label: t('pi_reason'), path: 'body.reason', rows: 3, required: true, maxlength: 2000 }),
        f({ label: t('pi_notified'), path: 'body.thirdPartyNotifiedOn', type: 'date' }),
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

/**
 * The texts the written reply (答复书) prints beside its template (docs/domain.md §9), each for the outcomes
 * that need it; also the corrected text of a re-issued document.
 */
export function noticeFields(): Field[] {
  return [
    field({ label: t('notice_information_provided'), path: 'body.notice.informationProvided', rows: 2, maxlength: 2000, hint: t('notice_information_provided_hint') }),
    field({ label: t('notice_withheld_parts'), path: 'body.notice.withheldParts', rows: 2, maxlength: 2000, hint: t('notice_withheld_parts_hint') }),
    field({ label: t('notice_grounds'), path: 'body.notice.grounds', rows: 3, maxlength: 2000, hint: t('notice_grounds_hint') }),
    field({ label: t('notice_location'), path: 'body.notice.location', rows: 2, maxlength: 1000, hint: t('notice_location_hint') }),
    field({ label: t('notice_other_agency'), path: 'body.notice.otherAgency', rows: 2, maxlength: 1000, hint: t('notice_other_agency_hint') }),
  ];
}

/** The `notice` of a body from the notice fields that were filled in (none: no notice). */
export function noticeOf(fields: Field[]): Record<string, string> | undefined {
  const notice: Record<string, string> = {};
  for (const f of fields) {
    const value = f.control.value.trim();
    if (f.path.startsWith('body.notice.') && value !== '') notice[f.path.slice('body.notice.'.length)] = value;
  }
  return Object.keys(notice).length > 0 ? notice : undefined;
}

/** Fields whose value is a whole number in the schema. */
const INTEGER_FIELDS = new Set(['days', 'pages']);

export function actionBody(type: ActionType, fields: Field[], version: number, date: string): CaseActionBody {
  const body: Record<string, unknown> = { type, expectedVersion: version };
  if (date) body.date = date;
  for (const f of fields) {
    if (f.row.hidden) continue;
    const key = f.path.replace(/^body\./, '');
    const value = f.control.value.trim();
    if (value === '' || key.startsWith('notice.')) continue;
    // A number the browser cannot read is sent as typed, so the API names the field in its problem.
    const integer = Number(value);
    const asNumber = Number.isFinite(integer) ? integer : value;
    if (key === 'items') body.items = type === 'fee_notice' ? asNumber : value.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (INTEGER_FIELDS.has(key)) body[key] = asNumber;
    else if (key === 'afterReconsideration') body.afterReconsideration = value === 'true';
    else body[key] = value;
  }
  const notice = noticeOf(fields);
  if (notice) body.notice = notice;
  return body as CaseActionBody;
}
