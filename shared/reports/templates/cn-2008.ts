/**
 * cn-2008: the statistics table of the 2008 Regulation (国务院令第492号), the default up to the 2018 reports
 * (docs/domain.md §7). One column of figures; rows as printed, labels copied from docs/domain.md §7.
 *
 * - 收到申请数 by channel: e-mail counts as 网络 (docs/domain.md §1).
 * - 延期办结 = concluded after the original deadline within an approved extension (timing `extended`).
 *   A case concluded after its final deadline (timing `overdue`) is not 延期: it is counted apart in the
 *   row 超期办结数, whose drill-down is the published 超期 annex (law audit item 7; the statistics never hide
 *   a missed deadline). 申请办结数 = 按时 + 延期 + 超期.
 * - 申请答复数 by the outcome mapping; a withdrawal is concluded (申请办结数) but answered in no row.
 * - Appeals and complaints count in the year they were filed; one not decided by 31 Dec counts as 其他情形.
 */
import type { IdentityDef, ReportTemplate, RowDef } from './template-types.js';

const SECTION_ID = 'statistics';
const mapped: RowDef['filter'] = { outcome: 'mapped' };

const rows: readonly RowDef[] = [
  {
    id: 'received',
    label: '收到申请数',
    filter: { unit: 'application', stage: 'received' },
    children: [
      { id: 'received_in_person', label: '当面申请数', filter: { channels: ['in_person'] } },
      { id: 'received_fax', label: '传真申请数', filter: { channels: ['fax'] } },
      { id: 'received_online', label: '网络申请数', filter: { channels: ['online', 'email'] } },
      { id: 'received_mail', label: '信函申请数', filter: { channels: ['mail'] } },
      { id: 'received_other', label: '其他形式', filter: { channels: ['other'] } },
    ],
  },
  {
    id: 'concluded',
    label: '申请办结数',
    filter: { unit: 'application', stage: 'concluded' },
    children: [
      { id: 'concluded_on_time', label: '按时办结数', filter: { timings: ['on_time'] } },
      { id: 'concluded_extended', label: '延期办结数', filter: { timings: ['extended'] } },
      { id: 'concluded_overdue', label: '超期办结数（另列，附超期清单）', filter: { timings: ['overdue'] } },
    ],
  },
  {
    id: 'answered',
    label: '申请答复数',
    filter: { unit: 'application', stage: 'concluded', outcome: 'mapped' },
    children: [
      { id: 'answered_already_public', label: '属于已主动公开范围数', filter: mapped },
      { id: 'answered_disclosed', label: '同意公开答复数', filter: mapped },
      { id: 'answered_partial', label: '同意部分公开答复数', filter: mapped },
      {
        id: 'answered_withheld',
        label: '不同意公开答复数',
        filter: mapped,
        children: [
          { id: 'withheld_state_secret', label: '涉及国家秘密', filter: mapped },
          { id: 'withheld_trade_secret', label: '涉及商业秘密', filter: mapped },
          { id: 'withheld_privacy', label: '涉及个人隐私', filter: mapped },
          { id: 'withheld_security_stability', label: '危及国家安全、公共安全、经济安全和社会稳定', filter: mapped },
          { id: 'withheld_not_government_information', label: '不是《条例》所指政府信息', filter: mapped },
          { id: 'withheld_other_law', label: '法律法规规定的其他情形', filter: mapped },
        ],
      },
      { id: 'answered_not_responsible', label: '不属于本行政机关公开数', filter: mapped },
      { id: 'answered_not_found', label: '申请信息不存在数', filter: mapped },
      { id: 'answered_correction', label: '告知作出更改补充数', filter: mapped },
      { id: 'answered_other_route', label: '告知通过其他途径办理数', filter: mapped },
    ],
  },
  {
    id: 'reconsideration',
    label: '行政复议数量',
    filter: { unit: 'appeal', appealKinds: ['reconsideration'] },
    children: [
      { id: 'reconsideration_upheld', label: '维持具体行政行为数', filter: { appealStandings: ['upheld'] } },
      { id: 'reconsideration_corrected', label: '被依法纠错数', filter: { appealStandings: ['corrected'] } },
      { id: 'reconsideration_other', label: '其他情形数', filter: { appealStandings: ['other', 'pending'] } },
    ],
  },
  {
    id: 'lawsuit',
    label: '行政诉讼数量',
    filter: { unit: 'appeal', appealKinds: ['lawsuit_direct', 'lawsuit_after_reconsideration'] },
    children: [
      { id: 'lawsuit_upheld', label: '维持具体行政行为或者驳回原告诉讼请求数', filter: { appealStandings: ['upheld'] } },
      { id: 'lawsuit_corrected', label: '被依法纠错数', filter: { appealStandings: ['corrected'] } },
      { id: 'lawsuit_other', label: '其他情形数', filter: { appealStandings: ['other', 'pending'] } },
    ],
  },
  {
    id: 'complaint',
    label: '被举报投诉数量',
    filter: { unit: 'appeal', appealKinds: ['complaint'] },
    children: [
      { id: 'complaint_upheld', label: '维持具体行政行为数', filter: { appealStandings: ['upheld'] } },
      { id: 'complaint_corrected', label: '被纠错数', filter: { appealStandings: ['corrected'] } },
      { id: 'complaint_other', label: '其他情形数', filter: { appealStandings: ['other', 'pending'] } },
    ],
  },
];

/** Identity 7 (docs/domain.md §7), and the same rule for the other totals of the table: a total = the sum of its items. */
function sumOfItems(description: string, lhs: string, rhs: string[]): IdentityDef {
  return { identity: 7, description, section: SECTION_ID, across: 'rows', lhs: [lhs], rhs };
}

export const CN_2008: ReportTemplate = {
  id: 'cn-2008',
  title: '政府信息公开情况统计表',
  defaultFor: { to: 2018 },
  sections: [
    {
      id: SECTION_ID,
      corner: '统计指标',
      rowLayout: 'indented',
      rows,
      columns: [{ id: 'count', label: '统计数' }],
    },
  ],
  identities: [
    sumOfItems('收到申请数 = the sum of its channels', 'received', [
      'received_in_person',
      'received_fax',
      'received_online',
      'received_mail',
      'received_other',
    ]),
    sumOfItems('申请办结数 = 按时办结数 + 延期办结数 + 超期办结数', 'concluded', ['concluded_on_time', 'concluded_extended', 'concluded_overdue']),
    sumOfItems('不同意公开答复数 = the sum of its reasons', 'answered_withheld', [
      'withheld_state_secret',
      'withheld_trade_secret',
      'withheld_privacy',
      'withheld_security_stability',
      'withheld_not_government_information',
      'withheld_other_law',
    ]),
    sumOfItems('申请答复数 = the sum of its items', 'answered', [
      'answered_already_public',
      'answered_disclosed',
      'answered_partial',
      'answered_withheld',
      'answered_not_responsible',
      'answered_not_found',
      'answered_correction',
      'answered_other_route',
    ]),
    sumOfItems('行政复议数量 = the sum of its items', 'reconsideration', [
      'reconsideration_upheld',
      'reconsideration_corrected',
      'reconsideration_other',
    ]),
    sumOfItems('行政诉讼数量 = the sum of its items', 'lawsuit', ['lawsuit_upheld', 'lawsuit_corrected', 'lawsuit_other']),
    sumOfItems('被举报投诉数量 = the sum of its items', 'complaint', [
      'complaint_upheld',
      'complaint_corrected',
      'complaint_other',
    ]),
  ],
};
