/**
 * Where each outcome lands, per template: the one data file of docs/domain.md §6 ("the mapping is data
 * (one file), and this table is its first version"). Values are row ids of the template (see
 * templates/cn-*.ts); `null` = concluded but counted in no outcome row (cn-2008 only).
 *
 * Choices where docs/domain.md §6 has no row (policy, kept here):
 * - `correction_requested` (2008 regime only) is "—" in cn-2019 / cn-2021, but a case answered so can be
 *   concluded in a year reported with those templates (received before 2019-05-15, replied after New Year
 *   2019; or any year, since any template can be requested). It lands in （六）其他处理 (cn-2021: 3.其他),
 *   like `other.misc`, so that every concluded case is in exactly one outcome row (identities 1, 2, 4).
 * - `other.fee_unpaid` is "— (no fees then)" in cn-2008: like a withdrawal, it counts in 申请办结数 and in no
 *   申请答复数 row.
 */
import type { OutcomeCode } from '../domain/outcome-codes.js';
import type { TemplateId } from './templates/template-types.js';

/** An outcome code, or a withdrawal (a closing action without a code). */
export type OutcomeKey = OutcomeCode | 'withdrawn';

type Mapping = Readonly<Record<OutcomeKey, string | null>>;

const CN_2021: Mapping = {
  already_public: 'disclosed',
  disclosed: 'disclosed',
  partially_disclosed: 'partial',
  'withheld.state_secret': 'withheld_1',
  'withheld.prohibited_by_law': 'withheld_2',
  'withheld.security_stability': 'withheld_3',
  'withheld.trade_secret': 'withheld_4',
  'withheld.privacy': 'withheld_4',
  'withheld.internal_affairs': 'withheld_5',
  'withheld.process_info': 'withheld_6',
  'withheld.enforcement_file': 'withheld_7',
  'withheld.administrative_query': 'withheld_8',
  'unavailable.not_held': 'unavailable_1',
  'unavailable.not_responsible': 'unavailable_1',
  'unavailable.needs_creation': 'unavailable_2',
  'unavailable.still_unclear': 'unavailable_3',
  'not_processed.petition': 'not_processed_1',
  'not_processed.duplicate': 'not_processed_2',
  'not_processed.publication': 'not_processed_3',
  'not_processed.excessive': 'not_processed_4',
  'not_processed.confirmation': 'not_processed_5',
  'other.no_correction': 'other_1',
  'other.fee_unpaid': 'other_2',
  'other.special_procedure': 'other_3',
  'other.misc': 'other_3',
  correction_requested: 'other_3',
  withdrawn: 'other_3',
};

const CN_2019: Mapping = {
  ...CN_2021,
  'other.no_correction': 'other',
  'other.fee_unpaid': 'other',
  'other.special_procedure': 'other',
  'other.misc': 'other',
  correction_requested: 'other',
  withdrawn: 'other',
};

const CN_2008: Mapping = {
  already_public: 'answered_already_public',
  disclosed: 'answered_disclosed',
  partially_disclosed: 'answered_partial',
  'withheld.state_secret': 'withheld_state_secret',
  'withheld.prohibited_by_law': 'withheld_other_law',
  'withheld.security_stability': 'withheld_security_stability',
  'withheld.trade_secret': 'withheld_trade_secret',
  'withheld.privacy': 'withheld_privacy',
  'withheld.internal_affairs': 'withheld_not_government_information',
  'withheld.process_info': 'withheld_not_government_information',
  'withheld.enforcement_file': 'withheld_other_law',
  'withheld.administrative_query': 'withheld_not_government_information',
  'unavailable.not_held': 'answered_not_found',
  'unavailable.not_responsible': 'answered_not_responsible',
  'unavailable.needs_creation': 'answered_not_found',
  'unavailable.still_unclear': 'answered_correction',
  'not_processed.petition': 'answered_other_route',
  'not_processed.duplicate': 'answered_other_route',
  'not_processed.publication': 'answered_other_route',
  'not_processed.excessive': 'answered_other_route',
  'not_processed.confirmation': 'answered_other_route',
  'other.no_correction': 'answered_correction',
  'other.fee_unpaid': null,
  'other.special_procedure': 'answered_other_route',
  'other.misc': 'answered_other_route',
  correction_requested: 'answered_correction',
  withdrawn: null,
};

export const OUTCOME_ROWS: Readonly<Record<TemplateId, Mapping>> = {
  'cn-2021': CN_2021,
  'cn-2019': CN_2019,
  'cn-2008': CN_2008,
};
