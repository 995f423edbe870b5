/**
 * The notification texts, as data: what the applicant receives by e-mail (Amazon SES) and SMS (Amazon SNS)
 * when an application is received, a correction is requested, a fee is charged, the reply period is
 * extended and a reply is made. Chinese first; the e-mail carries the English text below it. `{field}`s are filled from the case
 * and its document (shared/services/outbox-work.ts); nothing else of the applicant is in the text.
 */
import type { NotificationTopic } from '../store/outbox.js';
import type { Bilingual } from './templates.js';

export interface MessageTemplate {
  subject: Bilingual;
  /** The e-mail body. */
  email: Bilingual;
  /** The SMS (kept short: one or two segments). */
  sms: string;
}

const TRACK = {
  zh: '可凭申请编号和查询码查询办理进度{downloads}。',
  en: 'You can follow the application with its number and your query code{downloadsEn}.',
};

export const MESSAGES: Record<NotificationTopic, MessageTemplate> = {
  receipt: {
    subject: { zh: '{agency}已收到您的政府信息公开申请', en: '{agency} received your application' },
    email: {
      zh: '{applicant}：\n\n{agency}已于{receivedDate}收到您的政府信息公开申请（申请编号：{caseId}），将于{dueDate}前答复。登记回执编号：{number}。' + TRACK.zh,
      en: 'Dear {applicant},\n\n{agency} received your application for government information disclosure on {receivedDateEn} (application number {caseId}) and will reply by {dueDateEn}. Acknowledgement number: {number}. ' + TRACK.en,
    },
    sms: '【{agency}】您的政府信息公开申请（编号{caseId}）已于{receivedDate}收到，将于{dueDate}前答复。',
  },
  correction: {
    subject: { zh: '请补正您的政府信息公开申请', en: 'Please correct your application' },
    email: {
      zh: '{applicant}：\n\n{agency}请您在{correctionDueDate}前补正政府信息公开申请（申请编号：{caseId}），需补正的事项见补正申请告知书（{number}）。无正当理由逾期不补正的，视为放弃申请。' + TRACK.zh,
      en: 'Dear {applicant},\n\n{agency} asks you to correct your application (number {caseId}) by {correctionDueDateEn}; the items are in the correction notice ({number}). Without a correction in time and without good reason the application is deemed abandoned. ' + TRACK.en,
    },
    sms: '【{agency}】请于{correctionDueDate}前补正您的政府信息公开申请（编号{caseId}），详见补正申请告知书{number}。',
  },
  fee: {
    subject: { zh: '您的政府信息公开申请需缴纳信息处理费', en: 'An information processing fee is due on your application' },
    email: {
      zh: '{applicant}：\n\n{agency}对您的政府信息公开申请（申请编号：{caseId}）收取信息处理费{amount}元，计算方法和缴费方式见收费通知书（{number}）。请自收到通知书次日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请。答复期限在缴费期间暂停计算。' + TRACK.zh,
      en: 'Dear {applicant},\n\n{agency} charges an information processing fee of CNY {amount} on your application (number {caseId}); how it was computed and how to pay are in the fee notice ({number}). Please pay within 20 working days from the day after you receive the notice; if it is not paid in time, the application is deemed abandoned. The reply period does not run while the fee is awaited. ' + TRACK.en,
    },
    sms: '【{agency}】您的政府信息公开申请（编号{caseId}）需缴纳信息处理费{amount}元，详见收费通知书{number}，请于收到后20个工作日内缴纳。',
  },
  extension: {
    subject: { zh: '您的政府信息公开申请答复期限已延长', en: 'The reply period of your application was extended' },
    email: {
      zh: '{applicant}：\n\n{agency}已延长您的政府信息公开申请（申请编号：{caseId}）的答复期限，将于{dueDate}前答复，详见延期答复告知书（{number}）。' + TRACK.zh,
      en: 'Dear {applicant},\n\n{agency} extended the reply period of your application (number {caseId}): it will reply by {dueDateEn}; see the extension notice ({number}). ' + TRACK.en,
    },
    sms: '【{agency}】您的政府信息公开申请（编号{caseId}）答复期限延长至{dueDate}，详见延期答复告知书{number}。',
  },
  reply: {
    subject: { zh: '您的政府信息公开申请已答复', en: 'Your application was answered' },
    email: {
      zh: '{applicant}：\n\n{agency}已于{closedDate}对您的政府信息公开申请（申请编号：{caseId}）作出答复（{number}）。' + TRACK.zh,
      en: 'Dear {applicant},\n\n{agency} answered your application (number {caseId}) on {closedDateEn} ({number}). ' + TRACK.en,
    },
    sms: '【{agency}】您的政府信息公开申请（编号{caseId}）已于{closedDate}答复（{number}）。',
  },
};
