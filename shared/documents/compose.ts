/**
 * Fills a document template (shared/documents/templates.ts) from the case: the content of one numbered
 * document in one language, ready for the renderers (render-html.ts, render-docx.ts). Pure: the number,
 * the issue date and the case are given; nothing is read or written here.
 *
 * Every field a template names must be given: a missing one is an Error, never an empty hole in a letter
 * (tests/unit/documents/templates.test.ts fills every template and variant).
 */
import type { CaseState, Fee } from '../domain/case-state.js';
import { yuan } from '../domain/fees.js';
import type { OutcomeCode } from '../domain/outcome-codes.js';
import { REGIMES } from '../domain/regime.js';
import type { CivilDate } from '../domain/types.js';
import {
  CONSULTATION_VARIANTS,
  KIND_TITLES,
  NOTICE_DEFAULTS,
  REMEDY_CLAUSE,
  REPLY_VARIANTS,
  replyTitle,
  TEMPLATES,
  type Bilingual,
  type DocumentKind,
} from './templates.js';

export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

/** What the officer adds to the facts of the case for a reply (the action's `notice`). */
export interface NoticeFields {
  /** The grounds, in the officer's words (withheld / not processed / other). */
  grounds?: string;
  /** Partly disclosed: what was withheld. */
  withheldParts?: string;
  /** Already public / special procedure: where and how to obtain it. */
  location?: string;
  /** Not this agency's: the agency responsible, with its contact details. */
  otherAgency?: string;
  /** Disclosed / partly disclosed: what is provided and how (attached, by e-mail, ...). */
  informationProvided?: string;
}

/** An agency's settings for its documents (configured with PUT /agencies/{id}, `documents`). */
export interface AgencyDocumentSettings {
  /** The number pattern: `{year}` and `{seq}` (optionally `{seq:3}`, zero-padded), e.g. `江住建依申请公开〔{year}〕第{seq}号`. */
  numberPattern?: string;
  /** A kind with its own pattern has its own sequence (e.g. replies numbered apart from receipts). */
  numberPatterns?: Partial<Record<DocumentKind, string>>;
  /** The administrative reconsideration body named in the remedy clause (行政复议机关). */
  reconsiderationBody?: string;
  reconsiderationBodyEn?: string;
  /** The court named in the remedy clause (有管辖权的人民法院). */
  court?: string;
  courtEn?: string;
  /** The disclosure office's contact line printed under the signature (address, telephone). */
  contact?: string;
}

export interface ComposeInput {
  kind: DocumentKind;
  number: string;
  /** The issue date (the event's effective date). */
  issuedOn: CivilDate;
  caseId: string;
  agency: { name: string; documents?: AgencyDocumentSettings | undefined };
  /** The addressee: the applicant's name, or the consulted party's. */
  addressee: string;
  description: string;
  /** The case state after the event the document belongs to. */
  state: CaseState;
  outcome?: OutcomeCode;
  notice?: NoticeFields;
  /** Fee notice: the amount (yuan, as printed), its breakdown lines, and how to pay. */
  fee?: { amount: string; breakdown: string[]; breakdownEn?: string[]; paymentMethod: string; paymentMethodEn?: string };
  /** The document this one replaces (a corrected re-issue). */
  supersedes?: { number: string; issuedOn: CivilDate };
}

export type Paragraph = { text: string } | { list: string[] };

export interface DocumentContent {
  kind: DocumentKind;
  language: Language;
  title: string;
  number: string;
  addressee: string;
  paragraphs: Paragraph[];
  remedy: string | null;
  basis: string;
  agencyName: string;
  issuedOn: string;
  contact: string | null;
  supersedes: string | null;
  /** Labels the renderers print (法律依据 / Legal basis, ...). */
  labels: { basis: string; number: string; supersedes: string };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-02` → `2026年3月2日` / `2 March 2026`. */
export function formatDate(date: CivilDate, language: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return language === 'zh' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

const DEFAULT_RECONSIDERATION = { zh: '依法有权受理的行政复议机关', en: 'the competent administrative reconsideration body' };
const DEFAULT_COURT = { zh: '有管辖权的人民法院', en: 'the competent people’s court' };

/** Replaces each `{name}`; a name without a value is an Error. */
export function fill(text: string, fields: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`The document field {${name}} has no value.`);
    return value;
  });
}

function fieldsOf(input: ComposeInput): Record<string, string | undefined> {
  const s = input.state;
  const settings = input.agency.documents ?? {};
  const dates: Record<string, CivilDate | undefined> = {
    receivedDate: s.receivedDate,
    dueDate: s.dueDate,
    originalDueDate: s.originalDueDate,
    correctionDueDate: s.correction?.correctionDueDate,
    correctionRequestedOn: s.correction?.requestedOn,
    approvedOn: s.extension?.approvedOn,
  };
  const fields: Record<string, string | undefined> = {
    caseId: input.caseId,
    description: input.description,
    reason: s.extension?.reason,
    approvedBy: s.extension?.approvedBy.name,
    extensionDays: s.extension ? String(s.extension.days) : undefined,
    replyDays: s.regime ? String(REGIMES[s.regime].replyWorkingDays) : undefined,
    reconsiderationBody: settings.reconsiderationBody ?? DEFAULT_RECONSIDERATION.zh,
    reconsiderationBodyEn: settings.reconsiderationBodyEn ?? settings.reconsiderationBody ?? DEFAULT_RECONSIDERATION.en,
    court: settings.court ?? DEFAULT_COURT.zh,
    courtEn: settings.courtEn ?? settings.court ?? DEFAULT_COURT.en,
    grounds: input.notice?.grounds ?? '',
    withheldParts: input.notice?.withheldParts,
    location: input.notice?.location,
    otherAgency: input.notice?.otherAgency,
    informationProvided: input.notice?.informationProvided,
    amount: input.fee?.amount,
    paymentMethod: input.fee?.paymentMethod,
    paymentMethodEn: input.fee?.paymentMethodEn ?? input.fee?.paymentMethod,
  };
  for (const [name, date] of Object.entries(dates)) {
    fields[name] = date && formatDate(date, 'zh');
    fields[`${name}En`] = date && formatDate(date, 'en');
  }
  if (s.regime && s.receivedDate && s.dueDate) {
    const days = REGIMES[s.regime].replyWorkingDays;
    fields.dueExplanation = `自${formatDate(s.clockStart ?? s.receivedDate, 'zh')}的次日起计算第${days}个工作日，不含周末和法定节假日`;
    fields.dueExplanationEn = `the ${days}th working day after ${formatDate(s.clockStart ?? s.receivedDate, 'en')}, weekends and public holidays not counted`;
  }
  if (input.kind === 'consultation_letter') {
    const open = s.consultations[s.consultations.length - 1];
    if (!open) throw new Error('A consultation letter needs a consultation.');
    for (const [name, text] of Object.entries(CONSULTATION_VARIANTS[open.party])) {
      fields[name] = text.zh;
      fields[`${name}En`] = text.en;
    }
  }
  return fields;
}

function pick(text: Bilingual, language: Language): string {
  return text[language];
}

/** The content of one document in one language. */
export function composeDocument(input: ComposeInput, language: Language): DocumentContent {
  const fields = fieldsOf(input);
  let title: Bilingual;
  let basis: Bilingual;
  let paragraphs: Bilingual[];
  let remedy: boolean;
  if (input.kind === 'reply' || input.kind === 'not_processed_notice') {
    if (!input.outcome) throw new Error('A reply needs an outcome code.');
    const variant = REPLY_VARIANTS[input.outcome];
    for (const [name, text] of Object.entries(NOTICE_DEFAULTS) as [keyof typeof NOTICE_DEFAULTS, Bilingual][]) {
      if (!input.notice?.[name]) fields[name] = text[language];
    }
    title = replyTitle(input.outcome);
    basis = variant.basis;
    paragraphs = [
      {
        zh: '本机关于{receivedDate}收到您提出的政府信息公开申请（申请编号：{caseId}），申请获取“{description}”。现答复如下：',
        en: 'On {receivedDateEn} this agency received your application for government information disclosure (application number {caseId}), asking for “{description}”. This agency replies as follows:',
      },
      ...variant.paragraphs,
    ];
    remedy = true;
  } else {
    const template = TEMPLATES[input.kind];
    title = template.title;
    basis = template.basis;
    paragraphs = template.paragraphs;
    remedy = template.remedy;
  }
  const titleText = pick(title, language);
  const items =
    input.kind === 'fee_notice'
      ? ((language === 'en' ? input.fee?.breakdownEn : undefined) ?? input.fee?.breakdown ?? [])
      : (input.state.correction?.items ?? []);
  const body: Paragraph[] = paragraphs.map((p) => {
    const text = pick(p, language);
    if (text === '{items}') return { list: items.slice() };
    return { text: fill(text, fields).replace(/\s+$/, '') };
  });
  const settings = input.agency.documents ?? {};
  return {
    kind: input.kind,
    language,
    title: titleText,
    number: input.number,
    addressee: language === 'zh' ? `${input.addressee}：` : `To ${input.addressee}:`,
    paragraphs: body,
    remedy: remedy ? fill(pick(REMEDY_CLAUSE, language), { ...fields, documentTitle: shortTitle(title.zh), documentTitleEn: shortTitle(title.en).toLowerCase() }) : null,
    basis: fill(pick(basis, language), fields),
    agencyName: input.agency.name,
    issuedOn: formatDate(input.issuedOn, language),
    contact: settings.contact ?? null,
    supersedes: input.supersedes
      ? language === 'zh'
        ? `本文书更正并替代本机关${formatDate(input.supersedes.issuedOn, 'zh')}作出的文书（${input.supersedes.number}）。`
        : `This document corrects and replaces document ${input.supersedes.number} issued by this agency on ${formatDate(input.supersedes.issuedOn, 'en')}.`
      : null,
    labels:
      language === 'zh'
        ? { basis: '法律依据', number: '文书编号', supersedes: '更正说明' }
        : { basis: 'Legal basis', number: 'Document number', supersedes: 'Correction' },
  };
}

/** 政府信息公开申请答复书 → 答复书 (the remedy clause names the document by its short title). */
function shortTitle(title: string): string {
  const zh = /(答复书|告知书|通知书|回执)$/.exec(title);
  if (zh) return zh[1]!;
  return /^(Reply|Notice)/.exec(title)?.[1] ?? title;
}

export { KIND_TITLES };

/**
 * The fee notice's fields from the case's fee (docs/domain.md §10): the amount in yuan and one line per
 * band of the computation, with the applicant's earlier items of the month first when they count.
 */
export function feeNoticeFields(fee: Fee): NonNullable<ComposeInput['fee']> {
  const perItem = fee.method === 'per_item';
  const unit = { zh: perItem ? '件' : '页', en: perItem ? 'items' : 'pages' };
  const breakdown: string[] = [];
  const breakdownEn: string[] = [];
  if (perItem && fee.priorUnits > 0) {
    breakdown.push(`本自然月内此前已申请${fee.priorUnits}件，本申请${fee.units}件，合并计算`);
    breakdownEn.push(`${fee.priorUnits} earlier items this calendar month and ${fee.units} in this application, counted together`);
  }
  for (const band of fee.breakdown) {
    const range = band.from === band.to ? `第${band.from}${unit.zh}` : `第${band.from}至${band.to}${unit.zh}`;
    const rangeEn = band.from === band.to ? `${unit.en === 'items' ? 'Item' : 'Page'} ${band.from}` : `${unit.en === 'items' ? 'Items' : 'Pages'} ${band.from}–${band.to}`;
    if (band.rateFen === 0) {
      breakdown.push(`${range}：${band.units}${unit.zh}，免费`);
      breakdownEn.push(`${rangeEn}: ${band.units} ${unit.en}, free`);
    } else {
      breakdown.push(`${range}：${band.units}${unit.zh} × ${yuan(band.rateFen)}元 = ${yuan(band.amountFen)}元`);
      breakdownEn.push(`${rangeEn}: ${band.units} × CNY ${yuan(band.rateFen)} = CNY ${yuan(band.amountFen)}`);
    }
  }
  return { amount: yuan(fee.amountFen), breakdown, breakdownEn, paymentMethod: fee.howToPay };
}
