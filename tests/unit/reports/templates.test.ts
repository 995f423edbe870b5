import { describe, expect, it } from 'vitest';
import { OUTCOME_CODE_LIST } from '../../../shared/domain/outcome-codes.js';
import { emptyReport } from '../../../shared/reports/aggregate.js';
import { OUTCOME_ROWS } from '../../../shared/reports/outcome-mapping.js';
import { cellId, dataRows, parseCellId, sectionGrid, templateCells, validateTemplate } from '../../../shared/reports/templates/layout.js';
import { TEMPLATES, TEMPLATE_IDS, defaultTemplateFor, getTemplate } from '../../../shared/reports/templates/registry.js';
import type { ReportTemplate, RowDef } from '../../../shared/reports/templates/template-types.js';

/** The rows of section 三 as docs/domain.md §7 prints them (copied from the handbook, not from the code). */
const DOMAIN_SECTION_3 = `
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
  （一）予以公开
  （二）部分公开（区分处理的，只计这一情形，不计其他情形）
  （三）不予公开  1.属于国家秘密 2.其他法律行政法规禁止公开 3.危及“三安全一稳定” 4.保护第三方合法权益
                 5.属于三类内部事务信息 6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项
  （四）无法提供  1.本机关不掌握相关政府信息 2.没有现成信息需要另行制作 3.补正后申请内容仍不明确
  （五）不予处理  1.信访举报投诉类申请 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请
                 5.要求行政机关确认或重新出具已获取信息
  （六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
                 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他
  （七）总计
四、结转下年度继续办理
`;
const SECTION_3_LABELS = DOMAIN_SECTION_3.split(/\s+/).filter((token) => token !== '');
const SECTION_3_LABELS_2019 = SECTION_3_LABELS.filter(
  (label) => !label.startsWith('1.申请人') && !label.startsWith('2.申请人') && label !== '3.其他',
);

const CN_2008_LABELS = [
  '收到申请数',
  '当面申请数',
  '传真申请数',
  '网络申请数',
  '信函申请数',
  '其他形式',
  '申请办结数',
  '按时办结数',
  '延期办结数',
  // Law audit item 7: a case concluded after its final deadline is not 延期; it is counted apart.
  '超期办结数（另列，附超期清单）',
  '申请答复数',
  '属于已主动公开范围数',
  '同意公开答复数',
  '同意部分公开答复数',
  '不同意公开答复数',
  '涉及国家秘密',
  '涉及商业秘密',
  '涉及个人隐私',
  '危及国家安全、公共安全、经济安全和社会稳定',
  '不是《条例》所指政府信息',
  '法律法规规定的其他情形',
  '不属于本行政机关公开数',
  '申请信息不存在数',
  '告知作出更改补充数',
  '告知通过其他途径办理数',
  '行政复议数量',
  '维持具体行政行为数',
  '被依法纠错数',
  '其他情形数',
  '行政诉讼数量',
  '维持具体行政行为或者驳回原告诉讼请求数',
  '被依法纠错数',
  '其他情形数',
  '被举报投诉数量',
  '维持具体行政行为数',
  '被纠错数',
  '其他情形数',
];

function allLabels(rows: readonly RowDef[]): string[] {
  return rows.flatMap((row) => [row.label, ...allLabels(row.children ?? [])]);
}

function section(template: ReportTemplate, id: string) {
  const found = template.sections.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no section ${id}`);
  return found;
}

describe('template labels, character for character', () => {
  it('cn-2021 section 三 rows are docs/domain.md §7’s', () => {
    expect(allLabels(section(TEMPLATES['cn-2021'], 'applications').rows)).toEqual(SECTION_3_LABELS);
    expect(SECTION_3_LABELS).toContain('3.危及\u201c三安全一稳定\u201d');
    expect(SECTION_3_LABELS).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
  });

  it('cn-2019 section 三 rows are the same with （六）其他处理 as one row', () => {
    expect(allLabels(section(TEMPLATES['cn-2019'], 'applications').rows)).toEqual(SECTION_3_LABELS_2019);
    expect(SECTION_3_LABELS_2019).toHaveLength(SECTION_3_LABELS.length - 3);
  });

  it('cn-2008 rows are the pre-2019 统计表’s, in printed order', () => {
    expect(allLabels(section(TEMPLATES['cn-2008'], 'statistics').rows)).toEqual(CN_2008_LABELS);
  });

  it('section titles, the applicant columns and section 四’s three-level header', () => {
    for (const id of ['cn-2019', 'cn-2021'] as const) {
      const template = TEMPLATES[id];
      expect(template.sections.map((s) => s.title)).toEqual(['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
      const cells = templateCells(template);
      expect(cells.filter((c) => c.rowId === 'new').map((c) => c.columnLabels.join('/'))).toEqual([
        '申请人情况/自然人',
        '申请人情况/法人或其他组织/商业企业',
        '申请人情况/法人或其他组织/科研机构',
        '申请人情况/法人或其他组织/社会公益组织',
        '申请人情况/法人或其他组织/法律服务机构',
        '申请人情况/法人或其他组织/其他',
        '申请人情况/总计',
      ]);
      const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
      expect(cells.filter((c) => c.rowId === 'appeals').map((c) => c.columnLabels.join('/'))).toEqual([
        ...results.map((r) => `行政复议/${r}`),
        ...results.map((r) => `行政诉讼/未经复议直接起诉/${r}`),
        ...results.map((r) => `行政诉讼/复议后起诉/${r}`),
      ]);
    }
  });
});

describe('layout', () => {
  it('has stable, well-formed, unique cell ids', () => {
    for (const template of Object.values(TEMPLATES)) {
      const ids = templateCells(template).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^cn-20(08|19|21)\.[a-z0-9_]+\.[a-z0-9_]+$/);
        expect(parseCellId(id).templateId).toBe(template.id);
      }
    }
    expect(templateCells(TEMPLATES['cn-2021'])).toHaveLength(25 * 7 + 15);
    expect(templateCells(TEMPLATES['cn-2019'])).toHaveLength(23 * 7 + 15);
    expect(templateCells(TEMPLATES['cn-2008'])).toHaveLength(37);
    expect(cellId('cn-2021', 'withheld_3', 'natural_person')).toBe('cn-2021.withheld_3.natural_person');
  });

  it('lays section 三 out as the printed table: spans of the headings', () => {
    const grid = sectionGrid('cn-2021', section(TEMPLATES['cn-2021'], 'applications'));
    expect(grid.width).toBe(10);
    const spans = (cells: readonly { text: string; rowspan: number; colspan: number }[]) => cells.map((c) => [c.text, c.rowspan, c.colspan]);
    expect(grid.header.map((row) => spans(row))).toEqual([
      [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3],
        ['申请人情况', 1, 7],
      ],
      [
        ['自然人', 2, 1],
        ['法人或其他组织', 1, 5],
        ['总计', 2, 1],
      ],
      [
        ['商业企业', 1, 1],
        ['科研机构', 1, 1],
        ['社会公益组织', 1, 1],
        ['法律服务机构', 1, 1],
        ['其他', 1, 1],
      ],
    ]);
    const labels = grid.body.map((row) => spans(row.filter((c) => c.kind === 'row')));
    expect(labels[0]).toEqual([['一、本年新收政府信息公开申请数量', 1, 3]]);
    expect(labels[2]).toEqual([
      ['三、本年度办理结果', 22, 1],
      ['（一）予以公开', 1, 2],
    ]);
    expect(labels[4]).toEqual([
      ['（三）不予公开', 8, 1],
      ['1.属于国家秘密', 1, 1],
    ]);
    expect(labels[5]).toEqual([['2.其他法律行政法规禁止公开', 1, 1]]);
    expect(labels[23]).toEqual([['（七）总计', 1, 2]]);
    expect(labels[24]).toEqual([['四、结转下年度继续办理', 1, 3]]);
    expect(grid.body).toHaveLength(25);
    // every body row fills the width: label columns (counting rowspans from above) + 7 figures
    expect(grid.body.every((row) => row.filter((c) => c.kind === 'value').length === 7)).toBe(true);
  });

  it('lays section 四 out as one row of 15 figures under three header rows', () => {
    const grid = sectionGrid('cn-2021', section(TEMPLATES['cn-2021'], 'appeals'));
    expect(grid.width).toBe(15);
    expect(grid.header.map((row) => row.map((c) => [c.text, c.rowspan, c.colspan]))).toEqual([
      [
        ['行政复议', 1, 5],
        ['行政诉讼', 1, 10],
      ],
      [
        ['结果维持', 2, 1],
        ['结果纠正', 2, 1],
        ['其他结果', 2, 1],
        ['尚未审结', 2, 1],
        ['总计', 2, 1],
        ['未经复议直接起诉', 1, 5],
        ['复议后起诉', 1, 5],
      ],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => [t, 1, 1]),
    ]);
    expect(grid.body).toHaveLength(1);
    expect(grid.body[0]?.map((c) => c.cellId)).toEqual(emptyReport('cn-2021', { year: 2025, agencyId: 'A', scope: 'self', generatedAt: '' }).sections[1]?.columnIds.map((c) => `cn-2021.appeals.${c}`));
  });

  it('indents the cn-2008 sub-items', () => {
    const grid = sectionGrid('cn-2008', section(TEMPLATES['cn-2008'], 'statistics'));
    const rows = grid.body.map((row) => [row[0]?.text, row[0]?.indent]);
    expect(rows.slice(0, 3)).toEqual([
      ['收到申请数', 0],
      ['当面申请数', 1],
      ['传真申请数', 1],
    ]);
    expect(rows.find(([text]) => text === '涉及国家秘密')).toEqual(['涉及国家秘密', 2]);
    expect(grid.header).toEqual([
      [
        { kind: 'corner', text: '统计指标', rowspan: 1, colspan: 1, indent: 0 },
        { kind: 'column', text: '统计数', rowspan: 1, colspan: 1, indent: 0 },
      ],
    ]);
  });
});

describe('the outcome mapping (docs/domain.md §6)', () => {
  it('sends every code and a withdrawal of cn-2019 / cn-2021 to exactly one outcome row', () => {
    for (const id of ['cn-2019', 'cn-2021'] as const) {
      const outcomeRows = new Set(TEMPLATES[id].identities.find((i) => i.identity === 2)?.rhs);
      for (const key of [...OUTCOME_CODE_LIST, 'withdrawn' as const]) {
        expect(outcomeRows.has(OUTCOME_ROWS[id][key] ?? ''), `${id} ${key}`).toBe(true);
      }
    }
  });

  it('is docs/domain.md §6’s table', () => {
    expect(OUTCOME_ROWS['cn-2021']).toEqual({
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
    });
    const rows2019 = Object.entries(OUTCOME_ROWS['cn-2019']).filter(([, row]) => row === 'other').map(([key]) => key);
    expect(rows2019.sort()).toEqual(['correction_requested', 'other.fee_unpaid', 'other.misc', 'other.no_correction', 'other.special_procedure', 'withdrawn']);
    const label2008 = (key: keyof (typeof OUTCOME_ROWS)['cn-2008']): string | undefined => {
      const row = OUTCOME_ROWS['cn-2008'][key];
      return templateCells(TEMPLATES['cn-2008']).find((c) => c.rowId === row)?.rowLabels.at(-1);
    };
    expect(label2008('already_public')).toBe('属于已主动公开范围数');
    expect(label2008('withheld.prohibited_by_law')).toBe('法律法规规定的其他情形');
    expect(label2008('withheld.enforcement_file')).toBe('法律法规规定的其他情形');
    expect(label2008('withheld.internal_affairs')).toBe('不是《条例》所指政府信息');
    expect(label2008('withheld.administrative_query')).toBe('不是《条例》所指政府信息');
    expect(label2008('unavailable.needs_creation')).toBe('申请信息不存在数');
    expect(label2008('unavailable.still_unclear')).toBe('告知作出更改补充数');
    expect(label2008('other.no_correction')).toBe('告知作出更改补充数');
    expect(label2008('other.special_procedure')).toBe('告知通过其他途径办理数');
    expect(label2008('not_processed.confirmation')).toBe('告知通过其他途径办理数');
    expect(OUTCOME_ROWS['cn-2008'].withdrawn).toBeNull();
    expect(OUTCOME_ROWS['cn-2008']['other.fee_unpaid']).toBeNull();
  });
});

describe('registry', () => {
  it('picks the template of the year (docs/domain.md §7)', () => {
    expect([2008, 2018, 2019, 2020, 2021, 2026].map(defaultTemplateFor)).toEqual(['cn-2008', 'cn-2008', 'cn-2019', 'cn-2019', 'cn-2021', 'cn-2021']);
    expect(() => getTemplate('zj-2021')).toThrow(RangeError);
    expect(TEMPLATE_IDS.sort()).toEqual(['cn-2008', 'cn-2019', 'cn-2021']);
  });

  it('rejects template data the layout cannot draw', () => {
    const base = TEMPLATES['cn-2021'];
    const broken = (sections: ReportTemplate['sections']): ReportTemplate => ({ ...base, sections, identities: [], carryOver: undefined });
    const columns = [{ id: 'total', label: '总计' }];
    expect(() => validateTemplate(broken([{ id: 's', rowLayout: 'merged', columns, rows: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }]))).toThrow(/duplicate row id/);
    expect(() => validateTemplate(broken([{ id: 's', rowLayout: 'merged', columns, rows: [{ id: 'A-1', label: 'A' }] }]))).toThrow(/not \[a-z0-9_\]/);
    expect(() => validateTemplate(broken([{ id: 's', rowLayout: 'merged', columns, rows: [{ label: 'heading' }] }]))).toThrow(/neither an id nor children/);
    expect(() =>
      validateTemplate(broken([{ id: 's', rowLayout: 'merged', columns, rows: [{ id: 'a', label: 'A', children: [{ id: 'b', label: 'B' }] }] }])),
    ).toThrow(/carries figures and has children/);
    expect(() => validateTemplate({ ...base, identities: [{ identity: 1, description: '', section: 'applications', across: 'rows', lhs: ['nope'], rhs: [] }] })).toThrow(
      /identity 1 names "nope"/,
    );
    expect(dataRows(section(base, 'applications')).map((r) => r.id)).toContain('other_3');
  });
});
