/**
 * The named policies: where the law leaves a choice, the project's choice, in one place, as data.
 * docs/domain.md "Policies" states each with its reasons; the tests named there exercise it.
 */
/**
 * P1 regime: a case is governed by the regulation in force on its receipt date, for its whole life
 * (substance and procedure alike), whatever the date of its later steps.
 */
export const REGIME_POLICY = 'whole_case_by_receipt_date' as const;

/** P2 consultation stretch: the working days d with start < d ≤ end are not counted ((start, end]). */
export const CONSULTATION_STRETCH = 'start_exclusive_end_inclusive' as const;

/**
 * P3 late correction notice (Art. 30): a notice more than 7 working days after receipt but on or before the
 * reply deadline is accepted, flagged, and restarts the clock as Art. 30 provides; a notice after the
 * reply deadline is refused (the missed deadline stands).
 */
export const LATE_CORRECTION_POLICY = 'restart_flagged_refused_after_deadline' as const;

/**
 * P4 online receipt (Art. 31(3); Guiding Case No. 26): the receipt date of an online submission is at most
 * this many working days after the first working day on or after the submission day (Beijing time) without
 * a stated reason (a submission after office hours is confirmed the next working day); a later one needs a
 * reason and is flagged.
 */
export const RECEIPT_CONFIRMATION_MAX_WORKING_DAYS = 1;

/** P5 the sweep flags an online submission still unconfirmed after this many working days. */
export const UNCONFIRMED_FLAG_WORKING_DAYS = RECEIPT_CONFIRMATION_MAX_WORKING_DAYS;

/**
 * P6 reconsideration period (行政复议法 Art. 62: a decision within 60 days of accepting the application):
 * a lawsuit is counted 复议后起诉 once a reconsideration on the case is decided, or has been pending longer
 * than this many days since it was filed (行政诉讼法 Art. 45: suit after the period expires).
 */
export const RECONSIDERATION_DECISION_DAYS = 60;

/** How a weekend or holiday submission's receipt date is set (stated on the form and in the 201 answer). */
export const RECEIPT_DATE_RULE = {
  zh: '网络申请以系统确认提交成功之日为收到申请之日(《政府信息公开条例》第三十一条第(三)项;最高人民法院指导案例26号)。在周末或法定节假日提交的,收到日期为提交之后的第一个工作日,答复期限从该日的次日起算。',
  en: 'An online application is received on the day the system confirms the submission (2019 Regulation Art. 31(3); Supreme People’s Court Guiding Case No. 26). One submitted on a weekend or public holiday is received on the first working day after it, and the reply period counts from the day after that.',
} as const;

/**
 * P13 fees (2019 Regulation Art. 42; 国办函〔2020〕109号; docs/domain.md "Policies"): the time from the fee
 * notice to its payment or waiver is not counted in the reply period ((notice, payment], like P2); while the
 * fee is awaited the application is not processed further. Fee notices are possible from the day the
 * Measures were issued (FEES_FROM), on cases under the 2019 Regulation only.
 */
export const FEE_STRETCH = 'excluded_notice_exclusive_payment_inclusive' as const;
/** The date of 国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》). */
export const FEES_FROM = '2020-11-17';

/**
 * P14 the per-item count (国办函〔2020〕109号 Art. 4, 同一申请人一个自然月内累计申请): the same applicant is the same
 * identity document (its blind index); the month is the natural month (Beijing) of the receipt date; the
 * applications counted are those received by the same agency in that month before this one (by receipt
 * date, then application number), each as 1 item, or as the items its own per-item fee notice counted.
 */
export const FEE_ITEM_COUNT = 'same_identity_same_agency_receipt_month' as const;
