/**
 * What the cn-2019 and cn-2021 templates share (docs/domain.md §7): the table of section 三 except its
 * row （六）其他处理, the seven applicant columns, section 四 and the identities 1, 2, 3 and 5.
 * Labels are copied character for character from docs/domain.md §7; the corner note and the heading 申请人情况
 * are the printed headers of the State Council's template (国办公开办函〔2021〕30号, unchanged from 2019).
 */
import type { ColumnDef, IdentityDef, RowDef, SectionDef } from './template-types.js';

export const APPLICATIONS_SECTION_ID = 'applications';
export const APPEALS_SECTION_ID = 'appeals';

/** A row of 三、本年度办理结果: the cases concluded in the year whose outcome is mapped to it. */
function outcomeRow(id: string, label: string): RowDef {
  return { id, label, filter: { unit: 'application', stage: 'concluded', outcome: 'mapped' } };
}

/** The six applicant columns and 总计 (docs/domain.md §1, §7). */
const APPLICANT_COLUMNS: readonly ColumnDef[] = [
  {
    label: '申请人情况',
    children: [
      { id: 'natural_person', label: '自然人', filter: { applicants: ['natural_person'] } },
      {
        label: '法人或其他组织',
        children: [
          { id: 'commercial', label: '商业企业', filter: { applicants: ['commercial'] } },
          { id: 'research', label: '科研机构', filter: { applicants: ['research'] } },
          { id: 'social_welfare', label: '社会公益组织', filter: { applicants: ['social_welfare'] } },
          { id: 'legal_services', label: '法律服务机构', filter: { applicants: ['legal_services'] } },
          { id: 'other', label: '其他', filter: { applicants: ['other'] } },
        ],
      },
      { id: 'total', label: '总计' },
    ],
  },
];

export const APPLICANT_COLUMN_IDS = [
  'natural_person',
  'commercial',
  'research',
  'social_welfare',
  'legal_services',
  'other',
] as const;

/** The rows （一）–（五） of 三、本年度办理结果, identical in cn-2019 and cn-2021. */
const OUTCOME_ROWS_BEFORE_OTHER: readonly RowDef[] = [
  outcomeRow('disclosed', '（一）予以公开'),
  outcomeRow('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
  {
    label: '（三）不予公开',
    children: [
      outcomeRow('withheld_1', '1.属于国家秘密'),
      outcomeRow('withheld_2', '2.其他法律行政法规禁止公开'),
      outcomeRow('withheld_3', '3.危及“三安全一稳定”'),
      outcomeRow('withheld_4', '4.保护第三方合法权益'),
      outcomeRow('withheld_5', '5.属于三类内部事务信息'),
      outcomeRow('withheld_6', '6.属于四类过程性信息'),
      outcomeRow('withheld_7', '7.属于行政执法案卷'),
      outcomeRow('withheld_8', '8.属于行政查询事项'),
    ],
  },
  {
    label: '（四）无法提供',
    children: [
      outcomeRow('unavailable_1', '1.本机关不掌握相关政府信息'),
      outcomeRow('unavailable_2', '2.没有现成信息需要另行制作'),
      outcomeRow('unavailable_3', '3.补正后申请内容仍不明确'),
    ],
  },
  {
    label: '（五）不予处理',
    children: [
      outcomeRow('not_processed_1', '1.信访举报投诉类申请'),
      outcomeRow('not_processed_2', '2.重复申请'),
      outcomeRow('not_processed_3', '3.要求提供公开出版物'),
      outcomeRow('not_processed_4', '4.无正当理由大量反复申请'),
      outcomeRow('not_processed_5', '5.要求行政机关确认或重新出具已获取信息'),
    ],
  },
];

const OUTCOME_ROW_IDS_BEFORE_OTHER = [
  'disclosed',
  'partial',
  'withheld_1',
  'withheld_2',
  'withheld_3',
  'withheld_4',
  'withheld_5',
  'withheld_6',
  'withheld_7',
  'withheld_8',
  'unavailable_1',
  'unavailable_2',
  'unavailable_3',
  'not_processed_1',
  'not_processed_2',
  'not_processed_3',
  'not_processed_4',
  'not_processed_5',
];

/** The cn-2021 （六）其他处理 with its three items. */
export const OTHER_PROCESSING_2021: RowDef = {
  label: '（六）其他处理',
  children: [
    outcomeRow('other_1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
    outcomeRow('other_2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
    outcomeRow('other_3', '3.其他'),
  ],
};
export const OTHER_PROCESSING_2021_IDS = ['other_1', 'other_2', 'other_3'];

/** The cn-2019 （六）其他处理: one row, no items. */
export const OTHER_PROCESSING_2019: RowDef = outcomeRow('other', '（六）其他处理');
export const OTHER_PROCESSING_2019_IDS = ['other'];

/** Section 三 with the given （六）其他处理. */
export function applicationsSection(otherProcessing: RowDef): SectionDef {
  return {
    id: APPLICATIONS_SECTION_ID,
    title: '三、收到和处理政府信息公开申请情况',
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    rowLayout: 'merged',
    columns: APPLICANT_COLUMNS,
    rows: [
      { id: 'new', label: '一、本年新收政府信息公开申请数量', filter: { unit: 'application', stage: 'received' } },
      { id: 'carried_in', label: '二、上年结转政府信息公开申请数量', filter: { unit: 'application', stage: 'carried_in' } },
      {
        label: '三、本年度办理结果',
        children: [
          ...OUTCOME_ROWS_BEFORE_OTHER,
          otherProcessing,
          { id: 'total', label: '（七）总计', filter: { unit: 'application', stage: 'concluded' } },
        ],
      },
      { id: 'carried_out', label: '四、结转下年度继续办理', filter: { unit: 'application', stage: 'carried_out' } },
    ],
  };
}

/** The five result columns of one group of section 四. */
function appealGroup(prefix: string, kind: 'reconsideration' | 'lawsuit_direct' | 'lawsuit_after_reconsideration'): ColumnDef[] {
  return [
    { id: `${prefix}_upheld`, label: '结果维持', filter: { appealKinds: [kind], appealStandings: ['upheld'] } },
    { id: `${prefix}_corrected`, label: '结果纠正', filter: { appealKinds: [kind], appealStandings: ['corrected'] } },
    { id: `${prefix}_other`, label: '其他结果', filter: { appealKinds: [kind], appealStandings: ['other'] } },
    { id: `${prefix}_pending`, label: '尚未审结', filter: { appealKinds: [kind], appealStandings: ['pending'] } },
    { id: `${prefix}_total`, label: '总计', filter: { appealKinds: [kind] } },
  ];
}

/**
 * Section 四: appeals filed in the year, and those carried over still pending from earlier years
 * (docs/domain.md §7 policy, the template's `appealsCarriedOver`), by result at 31 Dec; not decided by then =
 * 尚未审结. Lawsuits split by `afterReconsideration`. Complaints have no column here.
 */
export const APPEALS_SECTION: SectionDef = {
  id: APPEALS_SECTION_ID,
  title: '四、政府信息公开行政复议、行政诉讼情况',
  rowLayout: 'none',
  rows: [{ id: 'appeals', label: '', filter: { unit: 'appeal' } }],
  columns: [
    { label: '行政复议', children: appealGroup('reconsideration', 'reconsideration') },
    {
      label: '行政诉讼',
      children: [
        { label: '未经复议直接起诉', children: appealGroup('lawsuit_direct', 'lawsuit_direct') },
        { label: '复议后起诉', children: appealGroup('lawsuit_after_reconsideration', 'lawsuit_after_reconsideration') },
      ],
    },
  ],
};

/** Identities 1, 2, 3 and 5 of docs/domain.md §7 for a section 三 whose （六） has the given row ids. */
export function commonIdentities(otherProcessingIds: readonly string[]): IdentityDef[] {
  return [
    {
      identity: 1,
      description: '一 + 二 = （七）总计 + 四',
      section: APPLICATIONS_SECTION_ID,
      across: 'rows',
      lhs: ['new', 'carried_in'],
      rhs: ['total', 'carried_out'],
    },
    {
      identity: 2,
      description: '（七）总计 = （一） + （二） + every item of （三）–（六）',
      section: APPLICATIONS_SECTION_ID,
      across: 'rows',
      lhs: ['total'],
      rhs: [...OUTCOME_ROW_IDS_BEFORE_OTHER, ...otherProcessingIds],
    },
    {
      identity: 3,
      description: '总计 = the sum of the six applicant columns',
      section: APPLICATIONS_SECTION_ID,
      across: 'columns',
      lhs: ['total'],
      rhs: APPLICANT_COLUMN_IDS,
    },
    ...(['reconsideration', 'lawsuit_direct', 'lawsuit_after_reconsideration'] as const).map(
      (group): IdentityDef => ({
        identity: 5,
        description: '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
        section: APPEALS_SECTION_ID,
        across: 'columns',
        lhs: [`${group}_total`],
        rhs: [`${group}_upheld`, `${group}_corrected`, `${group}_other`, `${group}_pending`],
      }),
    ),
  ];
}
