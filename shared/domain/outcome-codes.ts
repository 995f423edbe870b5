/**
 * The outcome codes an officer picks when replying to (or closing) an application.
 *
 * Source: docs/domain.md §6, with the legal basis in the 2019 Regulation (国务院令第711号).
 * Where each code lands in the year-end tables is report data (shared/reports/templates), not here.
 *
 * `regimes` says under which legal regime (docs/domain.md §2) a reply may carry the code:
 * - `correction_requested` exists only under the 2008 Regulation, where an unclear application is
 *   answered with "告知作出更改补充" and the case ends;
 * - `other.no_correction`, `other.fee_unpaid` and `unavailable.still_unclear` presuppose the 2019
 *   correction / fee procedure.
 */
export const OUTCOME_CODES = {
  already_public: { label: '已主动公开，告知获取途径', basis: '2019 Regulation Art. 36(1)', regimes: ['2008', '2019'] },
  disclosed: { label: '予以公开', basis: '2019 Regulation Art. 36(2)', regimes: ['2008', '2019'] },
  partially_disclosed: { label: '部分公开（区分处理）', basis: '2019 Regulation Art. 37', regimes: ['2008', '2019'] },
  'withheld.state_secret': { label: '不予公开：属于国家秘密', basis: '2019 Regulation Art. 14', regimes: ['2008', '2019'] },
  'withheld.prohibited_by_law': { label: '不予公开：其他法律行政法规禁止公开', basis: '2019 Regulation Art. 14', regimes: ['2008', '2019'] },
  'withheld.security_stability': { label: '不予公开：危及“三安全一稳定”', basis: '2019 Regulation Art. 14', regimes: ['2008', '2019'] },
  'withheld.trade_secret': { label: '不予公开：涉及第三方商业秘密', basis: '2019 Regulation Art. 15', regimes: ['2008', '2019'] },
  'withheld.privacy': { label: '不予公开：涉及第三方个人隐私', basis: '2019 Regulation Art. 15', regimes: ['2008', '2019'] },
  'withheld.internal_affairs': { label: '不予公开：属于内部事务信息', basis: '2019 Regulation Art. 16 ¶1', regimes: ['2008', '2019'] },
  'withheld.process_info': { label: '不予公开：属于过程性信息', basis: '2019 Regulation Art. 16 ¶2', regimes: ['2008', '2019'] },
  'withheld.enforcement_file': { label: '不予公开：属于行政执法案卷', basis: '2019 Regulation Art. 16 ¶2', regimes: ['2008', '2019'] },
  'withheld.administrative_query': { label: '不予公开：属于行政查询事项', basis: 'docs/domain.md §6 (行政查询事项)', regimes: ['2008', '2019'] },
  'unavailable.not_held': { label: '无法提供：本机关不掌握相关政府信息', basis: '2019 Regulation Art. 36(4)', regimes: ['2008', '2019'] },
  'unavailable.not_responsible': { label: '无法提供：不属于本机关公开，告知相应机关', basis: '2019 Regulation Art. 36(5)', regimes: ['2008', '2019'] },
  'unavailable.needs_creation': { label: '无法提供：没有现成信息需要另行制作', basis: '2019 Regulation Art. 38', regimes: ['2008', '2019'] },
  'unavailable.still_unclear': { label: '无法提供：补正后申请内容仍不明确', basis: '2019 Regulation Art. 30', regimes: ['2019'] },
  'not_processed.petition': { label: '不予处理：信访举报投诉类申请', basis: '2019 Regulation Art. 39', regimes: ['2008', '2019'] },
  'not_processed.duplicate': { label: '不予处理：重复申请', basis: '2019 Regulation Art. 36(6)', regimes: ['2008', '2019'] },
  'not_processed.publication': { label: '不予处理：要求提供公开出版物', basis: '2019 Regulation Art. 39', regimes: ['2008', '2019'] },
  'not_processed.excessive': { label: '不予处理：无正当理由大量反复申请', basis: '2019 Regulation Art. 35', regimes: ['2008', '2019'] },
  'not_processed.confirmation': { label: '不予处理：要求确认或重新出具已获取信息', basis: 'docs/domain.md §6', regimes: ['2008', '2019'] },
  'other.no_correction': { label: '其他处理：无正当理由逾期不补正', basis: '2019 Regulation Art. 30', regimes: ['2019'] },
  'other.fee_unpaid': { label: '其他处理：逾期未缴纳费用', basis: '2019 Regulation Art. 42; 国办函〔2020〕109号', regimes: ['2019'] },
  'other.special_procedure': { label: '其他处理：按特别程序办理', basis: '2019 Regulation Art. 36(7)', regimes: ['2008', '2019'] },
  'other.misc': { label: '其他处理：其他', basis: 'docs/domain.md §6', regimes: ['2008', '2019'] },
  correction_requested: { label: '告知作出更改补充', basis: '2008 Regulation (国务院令第492号) Art. 21(4)', regimes: ['2008'] },
} as const satisfies Record<string, { label: string; basis: string; regimes: readonly ('2008' | '2019')[] }>;

export type OutcomeCode = keyof typeof OUTCOME_CODES;

/** Every code, in the order of docs/domain.md §6 (also the order of the report rows). */
export const OUTCOME_CODE_LIST = Object.keys(OUTCOME_CODES) as [OutcomeCode, ...OutcomeCode[]];

export function isOutcomeCode(value: string): value is OutcomeCode {
  return Object.hasOwn(OUTCOME_CODES, value);
}
