/** The case page's actions: which a case offers, the fields of each, the body it sends. */
import { type CaseActionBody, type CaseView } from '../lib/api.js';
import { field, type Field } from '../lib/form.js';
import { lang, t } from '../lib/i18n.js';
import { ACTION, APPEAL_RESULT, CONSULT_RESULT, DELIVERY_METHOD, PARTY } from '../lib/messages.js';
import { OUTCOME_CODES } from '../../../shared/domain/outcome-codes.js';
import { pairs, today } from './shell.js';

/** Which actions a case offers in each status (the API still decides and names the rule when it refuses). */
export function offeredActions(c: CaseView, roles: string[]): (keyof typeof ACTION)[] {
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

export function actionFields(type: keyof typeof ACTION): Field[] {
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

export function actionBody(type: keyof typeof ACTION, fields: Field[], version: number, date: string): CaseActionBody {
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
