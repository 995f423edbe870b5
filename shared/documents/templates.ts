/**
 * The written notices of a disclosure case, as data (docs/domain.md §9): for each kind of document its
 * title, the legal basis it cites, its paragraphs in Simplified Chinese (the document issued) and English
 * (a reading aid for the applicant), with `{field}` placeholders filled from the case
 * (shared/documents/compose.ts). The reply (答复书) has one variant per outcome code (docs/domain.md §6);
 * the not-processed outcomes get a 不予处理告知书 (a 重复申请告知书 for a repeated application).
 *
 * Legal sources (2019 Regulation, 国务院令第711号): Art. 30 (correction: 7 working days to notify, once,
 * the items and a reasonable period; no correction in time without good reason = the application is
 * deemed abandoned, 视为放弃申请); Art. 31 (the receipt date); Art. 32 (third party: 15 working days from
 * receiving the consultation letter; silence: the agency decides under the Regulation); Art. 33 (20
 * working days; one extension of at most 20 working days approved by the head of the disclosure office,
 * the applicant told; consultation time not counted); Art. 34 (another agency: 15 working days, silence
 * = consent, 逾期未提出意见的视为同意公开); Art. 36 (the replies by situation); Art. 42 and 国办函〔2020〕109号
 * (fees). The remedy clause: 行政复议法 (2023) Art. 20 (60 days from knowing of the act) and
 * 行政诉讼法 Art. 46 (6 months), with the bodies configured per agency (shared/documents/agency-settings.ts).
 */
import type { OutcomeCode } from '../domain/outcome-codes.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../domain/types.js';

/** A text in both languages; `{name}` marks a field filled from the case. */

/** The Regulation's name, once (it is in most paragraphs and every legal basis). */
const REGULATION = '《中华人民共和国政府信息公开条例》';
const REGULATION_EN = 'Regulation on the Disclosure of Government Information';
const THIS_AGENCY = 'this agency';

export interface Bilingual {
  zh: string;
  en: string;
}

export { DOCUMENT_KINDS, type DocumentKind };

export interface DocumentTemplate {
  kind: DocumentKind;
  title: Bilingual;
  /** Who it is addressed to: the applicant, or the consulted third party / agency. */
  addressee: 'applicant' | 'consulted';
  /** The legal basis the document cites (printed under the body). */
  basis: Bilingual;
  /** The body, paragraph by paragraph; `{items}` stands alone in a paragraph for a numbered list. */
  paragraphs: Bilingual[];
  /** Whether the remedy clause (行政复议 / 行政诉讼) closes the body: every decision the applicant can contest. */
  remedy: boolean;
}

/** The remedy clause (行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months), with the configured bodies. */
export const REMEDY_CLAUSE: Bilingual = {
  zh: '如对本{documentTitle}不服，可以自收到本{documentTitle}之日起六十日内向{reconsiderationBody}申请行政复议，或者自收到本{documentTitle}之日起六个月内向{court}提起行政诉讼。',
  en: 'If you disagree with this {documentTitleEn}, you may apply to {reconsiderationBodyEn} for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before {courtEn} within 6 months of receiving it.',
};

const OPENING: Bilingual = {
  zh: '本机关于{receivedDate}收到您提出的政府信息公开申请（申请编号：{caseId}），申请获取“{description}”。',
  en: `On {receivedDateEn} ${THIS_AGENCY} received your application for government information disclosure (application number {caseId}), asking for “{description}”.`,
};

export const TEMPLATES: Record<Exclude<DocumentKind, 'reply' | 'not_processed_notice'>, DocumentTemplate> = {
  receipt: {
    kind: 'receipt',
    title: { zh: '政府信息公开申请登记回执', en: 'Acknowledgement of receipt of an application for government information disclosure' },
    addressee: 'applicant',
    basis: {
      zh: `${REGULATION}第三十一条、第三十三条`,
      en: `${REGULATION_EN} (State Council Decree No. 711), Art. 31 and 33`,
    },
    paragraphs: [
      {
        zh: '本机关已于{receivedDate}收到您提出的政府信息公开申请（申请编号：{caseId}，查询时请使用申请编号和查询码），申请获取“{description}”。',
        en: 'This agency received your application for government information disclosure on {receivedDateEn} (application number {caseId}; use it with your query code to follow the application), asking for “{description}”.',
      },
      {
        zh: `依照${REGULATION}第三十三条，本机关将自收到申请之日起{replyDays}个工作日内予以答复，即最迟于{dueDate}前答复（{dueExplanation}）。需要延长答复期限的，将另行书面告知；征求第三方或者其他机关意见所需时间不计算在答复期限内。`,
        en: `Under Art. 33 of the Regulation, ${THIS_AGENCY} will reply within {replyDays} working days of receipt, that is by {dueDateEn} at the latest ({dueExplanationEn}). Any extension will be notified to you in writing; time spent consulting a third party or another agency is not counted.`,
      },
    ],
    remedy: false,
  },
  correction_notice: {
    kind: 'correction_notice',
    title: { zh: '政府信息公开申请补正告知书', en: 'Notice requesting the correction of an application' },
    addressee: 'applicant',
    basis: {
      zh: `${REGULATION}第三十条`,
      en: `${REGULATION_EN}, Art. 30`,
    },
    paragraphs: [
      OPENING,
      {
        zh: `经审查，您的申请内容不明确。依照${REGULATION}第三十条，现一次性告知您对下列事项作出补正：`,
        en: 'The content of your application is not clear. Under Art. 30 of the Regulation, you are asked, once and for all, to correct the following:',
      },
      { zh: '{items}', en: '{items}' },
      {
        zh: '请于{correctionDueDate}前（含当日）提交补正后的申请。答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
        en: `Please submit the corrected application by {correctionDueDateEn} (inclusive). The reply period starts again on the day ${THIS_AGENCY} receives the corrected application. If you do not correct it in time without good reason, the application is deemed abandoned and ${THIS_AGENCY} will not process it further.`,
      },
      {
        zh: '补正期限自您收到本告知书之日起计算：上述日期按本告知书于{correctionRequestedOn}送达计算；实际送达晚于该日的，截止日期按送达之日起相同的工作日数顺延，以本机关记录的送达日期为准。',
        en: 'The period runs from the day you receive this notice: the date above assumes delivery on {correctionRequestedOnEn}; if it reaches you later, the deadline moves to the same number of working days after the recorded delivery date.',
      },
    ],
    remedy: false,
  },
  extension_notice: {
    kind: 'extension_notice',
    title: { zh: '政府信息公开申请延期答复告知书', en: 'Notice of the extension of the reply period' },
    addressee: 'applicant',
    basis: {
      zh: `${REGULATION}第三十三条第二款`,
      en: `${REGULATION_EN}, Art. 33 ¶2`,
    },
    paragraphs: [
      OPENING,
      {
        zh: `因{reason}，本机关不能在{originalDueDate}前答复。经本机关政府信息公开工作机构负责人{approvedBy}于{approvedOn}同意，依照${REGULATION}第三十三条第二款，答复期限延长{extensionDays}个工作日，本机关将于{dueDate}前答复。`,
        en: `Because {reason}, ${THIS_AGENCY} cannot reply by {originalDueDateEn}. With the approval of {approvedBy}, head of ${THIS_AGENCY}’s disclosure office, given on {approvedOnEn}, and under Art. 33 ¶2 of the Regulation, the reply period is extended by {extensionDays} working days: ${THIS_AGENCY} will reply by {dueDateEn}.`,
      },
    ],
    remedy: false,
  },
  consultation_letter: {
    kind: 'consultation_letter',
    title: { zh: '政府信息公开征求意见函', en: 'Letter asking for views on a disclosure' },
    addressee: 'consulted',
    basis: {
      zh: `${REGULATION}{consultationArticle}`,
      en: `${REGULATION_EN}, {consultationArticleEn}`,
    },
    paragraphs: [
      {
        zh: '本机关于{receivedDate}收到一份政府信息公开申请（申请编号：{caseId}），申请获取“{description}”。{consultationReason}',
        en: `On {receivedDateEn} ${THIS_AGENCY} received an application for government information disclosure (application number {caseId}) asking for “{description}”. {consultationReasonEn}`,
      },
      {
        zh: '请自收到本函之日起15个工作日内书面提出是否同意公开的意见及理由。{silenceConsequence}',
        en: 'Please state in writing, within 15 working days of receiving this letter, whether you agree to the disclosure and why. {silenceConsequenceEn}',
      },
    ],
    remedy: false,
  },
  fee_notice: {
    kind: 'fee_notice',
    title: { zh: '政府信息公开信息处理费缴费通知书', en: 'Notice of the information processing fee' },
    addressee: 'applicant',
    basis: {
      zh: `${REGULATION}第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`,
      en: `${REGULATION_EN}, Art. 42; Measures on the information processing fee (国办函〔2020〕109号)`,
    },
    paragraphs: [
      OPENING,
      {
        zh: `您申请公开政府信息的数量、频次明显超过合理范围，依照${REGULATION}第四十二条及国办函〔2020〕109号，本机关收取信息处理费{amount}元，计算方法如下：`,
        en: `The quantity or frequency of your applications clearly exceeds a reasonable range. Under Art. 42 of the Regulation and 国办函〔2020〕109号 ${THIS_AGENCY} charges an information processing fee of CNY {amount}, computed as follows:`,
      },
      { zh: '{items}', en: '{items}' },
      {
        zh: '请自收到本通知书之日起20个工作日内缴纳（{paymentMethod}）。答复期限自收到缴费之日起计算；逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
        en: `Please pay within 20 working days of receiving this notice ({paymentMethodEn}). The reply period runs from receipt of the payment; if it is not paid in time, the application is deemed abandoned and ${THIS_AGENCY} will not process it further.`,
      },
    ],
    remedy: true,
  },
};

/** The reply (答复书) and its variants by outcome. */
export const REPLY_TITLE: Bilingual = { zh: '政府信息公开申请答复书', en: 'Reply to an application for government information disclosure' };
/** The not-processed outcomes' notice (不予处理告知书), and its name for a repeated application (Art. 36(6)). */
export const NOT_PROCESSED_TITLE: Bilingual = { zh: '政府信息公开申请不予处理告知书', en: 'Notice that an application will not be processed' };
export const DUPLICATE_TITLE: Bilingual = { zh: '政府信息公开重复申请告知书', en: 'Notice of a repeated application' };

export interface ReplyVariant {
  basis: Bilingual;
  /** The decision paragraphs after the opening. */
  paragraphs: Bilingual[];
}

/**
 * What a reply says where the officer gave no `notice` text (the action's optional `notice`): the
 * grounds are then only the article cited; the other fields have these neutral defaults.
 */
export const NOTICE_DEFAULTS: Record<'withheldParts' | 'location' | 'otherAgency' | 'informationProvided', Bilingual> = {
  informationProvided: { zh: '所申请的政府信息随本答复书一并提供。', en: 'the information is provided with this reply.' },
  withheldParts: { zh: '依法不予公开的内容', en: 'the content that may not be disclosed by law' },
  location: {
    zh: '请在本机关门户网站政府信息公开专栏查阅。',
    en: `please consult the government information disclosure section of ${THIS_AGENCY}’s website.`,
  },
  otherAgency: {
    zh: '本机关无法确定负责公开该政府信息的行政机关。',
    en: 'this agency cannot determine which agency is responsible for disclosing it.',
  },
};

/** `36(1)` → 《条例》第三十六条第（一）项 / Art. 36(1). */
function ART(ref: string): Bilingual {
  const [, article, item] = /^(\d+)(?:\((\d)\))?$/.exec(ref) ?? [];
  if (!article) throw new Error(`Bad article reference ${ref}`);
  const zhItem = item ? `第（${CN_DIGITS[Number(item)]}）项` : '';
  return {
    zh: `《中华人民共和国政府信息公开条例》第${chineseNumber(Number(article))}条${zhItem}`,
    en: `Regulation on the Disclosure of Government Information, Art. ${ref}`,
  };
}
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1–99 in Chinese numerals (十四, 三十六). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

const withheld = (reasonZh: string, reasonEn: string, article: string): ReplyVariant => ({
  basis: ART(article),
  paragraphs: [
    {
      zh: `经审查，您申请获取的政府信息${reasonZh}，依照${ART(article).zh}，本机关决定不予公开。{grounds}`,
      en: `The information you asked for ${reasonEn}; under ${ART(article).en}, ${THIS_AGENCY} has decided not to disclose it. {grounds}`,
    },
  ],
});

const notProcessed = (reasonZh: string, reasonEn: string, article: string): ReplyVariant => ({
  basis: ART(article),
  paragraphs: [
    {
      zh: `经审查，您的申请${reasonZh}，依照${ART(article).zh}，本机关不予处理。{grounds}`,
      en: `Your application ${reasonEn}; under ${ART(article).en}, ${THIS_AGENCY} will not process it. {grounds}`,
    },
  ],
});

export const REPLY_VARIANTS: Record<OutcomeCode, ReplyVariant> = {
  already_public: {
    basis: ART('36(1)'),
    paragraphs: [
      {
        zh: `经审查，您申请获取的政府信息已经主动公开。依照${REGULATION}第三十六条第（一）项，现告知您获取该政府信息的方式和途径：{location}`,
        en: 'The information you asked for has already been made public. Under Art. 36(1) of the Regulation, you can obtain it as follows: {location}',
      },
    ],
  },
  disclosed: {
    basis: ART('36(2)'),
    paragraphs: [
      {
        zh: `经审查，您申请获取的政府信息属于可以公开的政府信息。依照${REGULATION}第三十六条第（二）项，本机关予以公开，{informationProvided}`,
        en: `The information you asked for can be disclosed. Under Art. 36(2) of the Regulation, ${THIS_AGENCY} discloses it: {informationProvided}`,
      },
    ],
  },
  partially_disclosed: {
    basis: ART('37'),
    paragraphs: [
      {
        zh: `经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。依照${REGULATION}第三十七条，本机关向您提供可以公开的内容：{informationProvided}`,
        en: `The information you asked for contains parts that may not be disclosed but can be separated. Under Art. 37 of the Regulation, ${THIS_AGENCY} provides the parts that can be disclosed: {informationProvided}`,
      },
      {
        zh: '不予公开的部分为：{withheldParts}。{grounds}',
        en: 'The parts withheld are: {withheldParts}. {grounds}',
      },
    ],
  },
  'withheld.state_secret': withheld('属于国家秘密', 'is a state secret', '14'),
  'withheld.prohibited_by_law': withheld('属于法律、行政法规禁止公开的政府信息', 'is information that laws or administrative regulations forbid disclosing', '14'),
  'withheld.security_stability': withheld(
    '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
    'could endanger national security, public security, economic security or social stability if disclosed',
    '14',
  ),
  'withheld.trade_secret': withheld(
    '涉及商业秘密，公开会对第三方合法权益造成损害',
    'involves a trade secret whose disclosure would harm a third party’s lawful rights',
    '15',
  ),
  'withheld.privacy': withheld(
    '涉及个人隐私，公开会对第三方合法权益造成损害',
    'involves personal privacy whose disclosure would harm a third party’s lawful rights',
    '15',
  ),
  'withheld.internal_affairs': withheld(
    '属于行政机关的内部事务信息',
    'is information on the agency’s internal affairs',
    '16',
  ),
  'withheld.process_info': withheld(
    '属于行政机关在履行行政管理职能过程中形成的过程性信息',
    'is process information formed while the agency performed its administrative functions',
    '16',
  ),
  'withheld.enforcement_file': withheld('属于行政执法案卷信息', 'is an administrative enforcement file', '16'),
  'withheld.administrative_query': {
    basis: ART('36(3)'),
    paragraphs: [
      {
        zh: `经审查，您的申请属于行政查询事项，不属于${REGULATION}所指的政府信息公开申请，本机关不予公开。{grounds}`,
        en: `Your application is an administrative look-up, not an application for government information disclosure under the Regulation; ${THIS_AGENCY} does not disclose it on this basis. {grounds}`,
      },
    ],
  },
  'unavailable.not_held': {
    basis: ART('36(4)'),
    paragraphs: [
      {
        zh: `经检索，本机关未制作或者获取您申请公开的政府信息。依照${REGULATION}第三十六条第（四）项，告知您该政府信息不存在。{grounds}`,
        en: `After a search, ${THIS_AGENCY} has neither made nor obtained the information you asked for. Under Art. 36(4) of the Regulation, you are told that it does not exist. {grounds}`,
      },
    ],
  },
  'unavailable.not_responsible': {
    basis: ART('36(5)'),
    paragraphs: [
      {
        zh: `经审查，您申请公开的政府信息不属于本机关负责公开。依照${REGULATION}第三十六条第（五）项，告知您：{otherAgency}`,
        en: `The information you asked for is not ${THIS_AGENCY}’s to disclose. Under Art. 36(5) of the Regulation: {otherAgency}`,
      },
    ],
  },
  'unavailable.needs_creation': {
    basis: ART('38'),
    paragraphs: [
      {
        zh: `经审查，您申请获取的政府信息需要本机关对现有政府信息进行加工、分析。依照${REGULATION}第三十八条，本机关可以不予提供。{grounds}`,
        en: `Providing the information you asked for would require ${THIS_AGENCY} to process or analyse existing information. Under Art. 38 of the Regulation, ${THIS_AGENCY} may decline to provide it. {grounds}`,
      },
    ],
  },
  'unavailable.still_unclear': {
    basis: ART('30'),
    paragraphs: [
      {
        zh: '本机关已于{correctionRequestedOn}告知您对申请作出补正。经审查，补正后的申请内容仍不明确，本机关无法提供相关政府信息。{grounds}',
        en: `On {correctionRequestedOnEn} ${THIS_AGENCY} asked you to correct your application. The corrected application is still not clear, so ${THIS_AGENCY} cannot provide the information. {grounds}`,
      },
    ],
  },
  'not_processed.petition': notProcessed(
    '属于以政府信息公开申请形式进行的信访、投诉、举报等活动，请通过相应渠道提出',
    'is a petition, complaint or report in the form of an application; please use the proper channel',
    '39',
  ),
  'not_processed.duplicate': {
    basis: ART('36(6)'),
    paragraphs: [
      {
        zh: `本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。依照${REGULATION}第三十六条第（六）项，本机关不予重复处理。{grounds}`,
        en: `This agency has already replied to your application, and you applied again for the same information. Under Art. 36(6) of the Regulation, ${THIS_AGENCY} will not process it again. {grounds}`,
      },
    ],
  },
  'not_processed.publication': notProcessed(
    '要求提供政府公报、报刊、书籍等公开出版物，请通过相应的销售渠道获取',
    'asks for a public publication (gazette, newspaper, book); please obtain it through its sales channel',
    '39',
  ),
  'not_processed.excessive': notProcessed(
    '申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理',
    'asks for a quantity or with a frequency clearly beyond a reasonable range, without a reasonable explanation',
    '35',
  ),
  'not_processed.confirmation': notProcessed(
    '要求行政机关确认或者重新出具已获取的信息',
    'asks the agency to confirm or re-issue information already obtained',
    '39',
  ),
  'other.no_correction': {
    basis: ART('30'),
    paragraphs: [
      {
        zh: `本机关已于{correctionRequestedOn}告知您在{correctionDueDate}前作出补正，您无正当理由逾期未补正。依照${REGULATION}第三十条，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        en: `On {correctionRequestedOnEn} ${THIS_AGENCY} asked you to correct your application by {correctionDueDateEn}, and you did not do so in time without good reason. Under Art. 30 of the Regulation the application is deemed abandoned, and ${THIS_AGENCY} will not process it further.`,
      },
    ],
  },
  'other.fee_unpaid': {
    basis: { zh: `${REGULATION}第四十二条；国办函〔2020〕109号`, en: `${REGULATION_EN}, Art. 42; 国办函〔2020〕109号` },
    paragraphs: [
      {
        zh: '您未在收费通知规定的期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。',
        en: `You did not pay the information processing fee within the period of the fee notice: the application is deemed abandoned, and ${THIS_AGENCY} will not process it further.`,
      },
    ],
  },
  'other.special_procedure': {
    basis: ART('36(7)'),
    paragraphs: [
      {
        zh: `经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的情形。依照${REGULATION}第三十六条第（七）项，请依照有关法律、行政法规的规定办理：{location}`,
        en: 'Access to the information you asked for is governed by a specific law or administrative regulation. Under Art. 36(7) of the Regulation, please proceed under that law: {location}',
      },
    ],
  },
  'other.misc': {
    basis: ART('36'),
    paragraphs: [{ zh: '经审查，本机关答复如下：{grounds}', en: 'This agency replies as follows: {grounds}' }],
  },
  correction_requested: {
    basis: {
      zh: `${REGULATION}（国务院令第492号）第二十一条第（四）项`,
      en: `${REGULATION_EN} (State Council Decree No. 492, 2008), Art. 21(4)`,
    },
    paragraphs: [
      {
        zh: `经审查，您的申请内容不明确。依照${REGULATION}（国务院令第492号）第二十一条第（四）项，请您对申请作出更改、补充：{grounds}`,
        en: 'The content of your application is not clear. Under Art. 21(4) of the 2008 Regulation, please change or supplement it: {grounds}',
      },
    ],
  },
};

/** The outcomes answered with a 不予处理告知书 rather than a 答复书 (docs/domain.md §6, （五）不予处理). */
export function documentKindOfOutcome(outcome: OutcomeCode): 'reply' | 'not_processed_notice' {
  return outcome.startsWith('not_processed.') ? 'not_processed_notice' : 'reply';
}

export function replyTitle(outcome: OutcomeCode): Bilingual {
  if (outcome === 'not_processed.duplicate') return DUPLICATE_TITLE;
  return documentKindOfOutcome(outcome) === 'not_processed_notice' ? NOT_PROCESSED_TITLE : REPLY_TITLE;
}

/** Titles of every kind (for lists: the tracking view, the notifications). */
export const KIND_TITLES: Record<DocumentKind, Bilingual> = {
  receipt: TEMPLATES.receipt.title,
  correction_notice: TEMPLATES.correction_notice.title,
  extension_notice: TEMPLATES.extension_notice.title,
  consultation_letter: TEMPLATES.consultation_letter.title,
  fee_notice: TEMPLATES.fee_notice.title,
  reply: REPLY_TITLE,
  not_processed_notice: NOT_PROCESSED_TITLE,
};

/** The consultation letter's variants (Art. 32: third party; Art. 34: another agency). */
export const CONSULTATION_VARIANTS: Record<'third_party' | 'other_agency', Record<string, Bilingual>> = {
  third_party: {
    consultationArticle: { zh: '第三十二条', en: 'Art. 32' },
    consultationReason: {
      zh: `本机关认为，公开该政府信息可能损害贵方的合法权益，依照${REGULATION}第三十二条，书面征求贵方意见。`,
      en: 'This agency considers that disclosing it could harm your lawful rights and, under Art. 32 of the Regulation, asks for your views in writing.',
    },
    silenceConsequence: {
      zh: `逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知贵方。`,
      en: `If you do not reply in time, ${THIS_AGENCY} decides under the Regulation whether to disclose. If you object with good reason, it will not be disclosed; but if ${THIS_AGENCY} considers that withholding it could seriously affect the public interest, it may decide to disclose it and will tell you in writing what and why.`,
    },
  },
  other_agency: {
    consultationArticle: { zh: '第三十四条', en: 'Art. 34' },
    consultationReason: {
      zh: `该政府信息由两个以上行政机关共同制作，依照${REGULATION}第三十四条，征求贵机关意见。`,
      en: `The information was made jointly by two or more agencies; under Art. 34 of the Regulation, ${THIS_AGENCY} asks for your views.`,
    },
    silenceConsequence: {
      zh: '逾期未提出意见的，视为同意公开。',
      en: 'If no view is given in time, you are deemed to agree to the disclosure.',
    },
  },
};
