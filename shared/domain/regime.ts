/**
 * The two legal regimes, as data (docs/domain.md §2). The regime of a case is chosen by its date of
 * receipt: before 2019-05-15 the 2008 Regulation (国务院令第492号), from 2019-05-15 the 2019 Regulation
 * (国务院令第711号). Every number the clock and the lifecycle use comes from here, with its citation.
 */
import { refuse } from './rules.js';
import type { CivilDate, Regime } from './types.js';

/** The 2008 Regulation (国务院令第492号) took effect on 2008-05-01 (its Art. 38). */
export const REGULATION_2008_EFFECTIVE: CivilDate = '2008-05-01';
/** The 2019 Regulation (国务院令第711号) took effect on 2019-05-15 (its Art. 56). docs/domain.md §2. */
export const REGULATION_2019_EFFECTIVE: CivilDate = '2019-05-15';

export type ConsultationParty = 'third_party' | 'other_agency';

export interface RegimeRules {
  regime: Regime;
  /** The regulation's short name and number. */
  regulation: string;
  effectiveFrom: CivilDate;
  /** Working days to reply, counted from the day after receipt. */
  replyWorkingDays: number;
  /** The article fixing the reply period and the extension. */
  replyArticle: string;
  replyCitation: string;
  /** The single extension: at most this many working days, approved by the head of the disclosure office. */
  maxExtensionDays: number;
  extensionCitation: string;
  /**
   * The correction notice (补正告知): due within this many working days of receipt, one time only, and the
   * clock restarts from zero on the day the corrected application arrives. null: the regime has no
   * correction procedure (2008: the reply category 告知作出更改补充 ends the case instead).
   */
  correction: { noticeWithinWorkingDays: number; citation: string } | null;
  /**
   * The consulted party's working days to answer, from receiving the letter (2019 Art. 32 ¶2 / Art. 34);
   * null: the regime sets none (2008 Art. 23).
   */
  consultationWindowWorkingDays: number | null;
  /** Which consultations stop the clock (their working days are not counted), and why. */
  excludedConsultations: Readonly<Record<ConsultationParty, string | null>>;
}

/**
 * docs/domain.md §2. 2008 Regulation Art. 24 ¶2: reply within 15 working days of receipt, one extension of at
 * most 15 with the approval of the head of the disclosure office and notice to the applicant; Art. 24 ¶3:
 * the time needed to consult a third party (Art. 23) is not counted. Consulting another agency is not
 * excluded under this regime. An unclear application: Art. 21(4), the reply tells the applicant to change
 * or supplement it (告知作出更改补充), and the case ends.
 */
const RULES_2008: RegimeRules = {
  regime: '2008',
  regulation: '2008 Regulation (国务院令第492号)',
  effectiveFrom: REGULATION_2008_EFFECTIVE,
  replyWorkingDays: 15,
  replyArticle: 'Art. 24',
  replyCitation: '2008 Regulation (国务院令第492号) Art. 24 ¶2: reply within 15 working days of receipt (收到申请之日起15个工作日内)',
  maxExtensionDays: 15,
  extensionCitation:
    '2008 Regulation (国务院令第492号) Art. 24 ¶2: one extension of at most 15 working days, approved by the head of the disclosure office (政府信息公开工作机构负责人同意) and notified to the applicant',
  correction: null,
  consultationWindowWorkingDays: null,
  excludedConsultations: {
    third_party:
      '2008 Regulation (国务院令第492号) Art. 24 ¶3 and Art. 23: the time consulting a third party (征求第三方意见) is not counted',
    other_agency: null,
  },
};

/**
 * docs/domain.md §2. 2019 Regulation Art. 33 ¶1: reply within 20 working days of receipt, one extension of at
 * most 20, same approval and notice; Art. 33 ¶2: the time consulting a third party (Art. 32) or another
 * agency (Art. 34) is not counted; Art. 30: a correction notice within 7 working days of receipt, one
 * time, and the reply period runs from the day the corrected application is received.
 */
const RULES_2019: RegimeRules = {
  regime: '2019',
  regulation: '2019 Regulation (国务院令第711号)',
  effectiveFrom: REGULATION_2019_EFFECTIVE,
  replyWorkingDays: 20,
  replyArticle: 'Art. 33',
  replyCitation: '2019 Regulation (国务院令第711号) Art. 33 ¶1: reply within 20 working days of receipt (收到申请之日起20个工作日内)',
  maxExtensionDays: 20,
  extensionCitation:
    '2019 Regulation (国务院令第711号) Art. 33 ¶1: one extension of at most 20 working days, approved by the head of the disclosure office (政府信息公开工作机构负责人同意) and notified to the applicant',
  correction: {
    noticeWithinWorkingDays: 7,
    citation:
      '2019 Regulation (国务院令第711号) Art. 30: a correction notice (补正告知) within 7 working days of receipt, one time (一次性告知); the reply period runs from the day the corrected application is received',
  },
  consultationWindowWorkingDays: 15,
  excludedConsultations: {
    third_party:
      '2019 Regulation (国务院令第711号) Art. 33 ¶2 and Art. 32: the time consulting a third party (征求第三方意见) is not counted',
    other_agency:
      '2019 Regulation (国务院令第711号) Art. 33 ¶2 and Art. 34: the time consulting another agency (征求其他机关意见) is not counted',
  },
};

export const REGIMES: Readonly<Record<Regime, RegimeRules>> = { '2008': RULES_2008, '2019': RULES_2019 };

/**
 * The regime of a case by its receipt date (docs/domain.md §2). A receipt before the 2008 Regulation took
 * effect has no regime: there was no right to apply.
 * @throws IllegalActionError `receipt.before_regulation`
 */
export function regimeFor(receivedDate: CivilDate): Regime {
  if (receivedDate < REGULATION_2008_EFFECTIVE) {
    refuse('receipt.before_regulation', { receivedDate, effective: REGULATION_2008_EFFECTIVE });
  }
  return receivedDate < REGULATION_2019_EFFECTIVE ? '2008' : '2019';
}
