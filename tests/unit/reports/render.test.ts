import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../shared/reports/aggregate.js';
import type { Report } from '../../../shared/reports/aggregate.js';
import { renderCsv } from '../../../shared/reports/render-csv.js';
import { escapeHtml, renderHtml } from '../../../shared/reports/render-html.js';
import { renderJson } from '../../../shared/reports/render-json.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { TEMPLATES, TEMPLATE_IDS } from '../../../shared/reports/templates/registry.js';
import type { ColumnDef, ReportTemplate, RowDef } from '../../../shared/reports/templates/template-types.js';
import type { TemplateId } from '../../../shared/reports/templates/template-types.js';
import { mk } from './report-fixtures.js';

const CASES: ReportCase[] = [
  mk('a', { receivedDate: '2025-01-02', closedDate: '2025-01-20', closingAction: 'reply', outcome: 'withheld.security_stability', timing: 'on_time' }),
  mk('b', { applicantColumn: 'legal_services', channel: 'fax', receivedDate: '2025-02-02' }),
  mk('c', { receivedDate: '2024-05-02', closedDate: '2024-06-01', closingAction: 'reply', outcome: 'disclosed', timing: 'on_time', appeals: [{ kind: 'lawsuit', afterReconsideration: true, filedDate: '2025-03-01' }] }),
];

async function report(templateId: TemplateId): Promise<Report> {
  return aggregate(CASES, { year: 2025, agencyId: 'A', templateId, generatedAt: '2026-01-10T02:00:00.000Z' });
}

/** Every label a template prints: section titles, corner notes, row and column headers. */
function labelsOf(template: ReportTemplate): string[] {
  const walk = (headers: readonly (RowDef | ColumnDef)[]): string[] => headers.flatMap((h) => [h.label, ...walk(h.children ?? [])]);
  return template.sections.flatMap((s) => [s.title ?? '', s.corner ?? '', ...walk(s.rows), ...walk(s.columns)]).filter((l) => l !== '');
}

/** An RFC 4180 reader (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('renderCsv', () => {
  it('starts with the BOM, ends every line with CRLF and round-trips every label', async () => {
    for (const id of TEMPLATE_IDS) {
      const csv = renderCsv(await report(id));
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      const fields = new Set(parseCsv(csv.slice(1)).flat());
      for (const label of labelsOf(TEMPLATES[id])) expect(fields, `${id}: ${label}`).toContain(label);
    }
  });

  it('lays section 三 out as printed: three label columns, then the seven applicant columns', async () => {
    const rows = parseCsv(renderCsv(await report('cn-2021'), { agencyName: '示例区人民政府' }).slice(1));
    expect(rows[0]).toEqual(['示例区人民政府2025年政府信息公开工作年度报告']);
    expect(rows[1]).toEqual(['']);
    expect(rows[2]).toEqual(['三、收到和处理政府信息公开申请情况']);
    expect(rows[3]).toEqual(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况', '', '', '', '', '', '']);
    expect(rows[4]).toEqual(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']);
    expect(rows[5]).toEqual(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']);
    expect(rows[6]).toEqual(['一、本年新收政府信息公开申请数量', '', '', '1', '0', '0', '0', '1', '0', '2']);
    expect(rows[7]).toEqual(['二、上年结转政府信息公开申请数量', '', '', '0', '0', '0', '0', '0', '0', '0']);
    expect(rows[8]).toEqual(['三、本年度办理结果', '（一）予以公开', '', '0', '0', '0', '0', '0', '0', '0']);
    expect(rows[12]).toEqual(['', '', '3.危及“三安全一稳定”', '1', '0', '0', '0', '0', '0', '1']);
    expect(rows[30]).toEqual(['四、结转下年度继续办理', '', '', '0', '0', '0', '0', '1', '0', '1']);
    expect(rows.slice(3, 31).every((row) => row.length === 10)).toBe(true);
    expect(rows[32]).toEqual(['四、政府信息公开行政复议、行政诉讼情况']);
    expect(rows[36]).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '1', '1']);
    expect(rows).toHaveLength(37);
  });

  it('quotes what needs quoting and defuses formulas in free text', async () => {
    const r = await report('cn-2008');
    const quoted = renderCsv(r, { agencyName: '示例区,"试点"' });
    expect(quoted.split('\r\n')[0]).toBe('\uFEFF"示例区,""试点""2025年政府信息公开情况统计表"');
    expect(parseCsv(quoted.slice(1))[0]).toEqual(['示例区,"试点"2025年政府信息公开情况统计表']);
    expect(parseCsv(renderCsv(r, { agencyName: '=HYPERLINK("x")' }).slice(1))[0]).toEqual(["'=HYPERLINK(\"x\")2025年政府信息公开情况统计表"]);
    const rows = parseCsv(renderCsv(r).slice(1));
    expect(rows[2]).toEqual(['统计指标', '统计数']);
    expect(rows[3]).toEqual(['收到申请数', '2']);
    expect(rows.find((row) => row[0] === '传真申请数')).toEqual(['传真申请数', '1']);
    expect(rows.find((row) => row[0] === '危及国家安全、公共安全、经济安全和社会稳定')).toEqual(['危及国家安全、公共安全、经济安全和社会稳定', '1']);
  });
});

describe('renderHtml', () => {
  it('is one self-contained UTF-8 page with print CSS for A4 portrait', async () => {
    const html = renderHtml(await report('cn-2021'));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|https?:|@import/i);
  });

  it('shows every label, escaped, and every figure with its cell id', async () => {
    for (const id of TEMPLATE_IDS) {
      const r = await report(id);
      const html = renderHtml(r);
      const titles = TEMPLATES[id].sections.flatMap((s) => (s.title === undefined ? [] : [s.title]));
      for (const title of titles) expect(html).toContain(`<h2>${escapeHtml(title)}</h2>`);
      for (const label of labelsOf(TEMPLATES[id]).filter((l) => !titles.includes(l))) {
        expect(html, `${id}: ${label}`).toContain(`>${escapeHtml(label)}</th>`);
      }
      const figures = Object.fromEntries([...html.matchAll(/data-cell="([^"]+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
      expect(figures).toEqual(Object.fromEntries(Object.values(r.cells).map((c) => [c.id, c.value])));
    }
  });

  it('escapes what it is given', async () => {
    const html = renderHtml(await report('cn-2021'), { agencyName: '<script>alert("x")</script> & \'Co\'' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;2025年政府信息公开工作年度报告</h1>');
    expect(escapeHtml('《条例》 “三安全一稳定” <&>')).toBe('《条例》 “三安全一稳定” &lt;&amp;&gt;');
  });

  it('spans the headings like the printed table', async () => {
    const html = renderHtml(await report('cn-2021'));
    expect(html).toContain('<th class="corner" scope="col" rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>');
    expect(html).toContain('<th scope="col" colspan="7">申请人情况</th>');
    expect(html).toContain('<th class="row" scope="row" rowspan="22">三、本年度办理结果</th>');
    expect(html).toContain('<th class="row" scope="row" rowspan="8">（三）不予公开</th>');
    expect(html).toContain('<th class="row" scope="row" colspan="2">（七）总计</th>');
    expect(html).toContain('<th scope="col" colspan="10">行政诉讼</th>');
    expect(html.match(/<table/g)).toHaveLength(2);
  });
});

describe('renderJson', () => {
  it('holds the template id, the generation time and every cell, and reads back as the report', async () => {
    const r = await report('cn-2019');
    const json = renderJson(r);
    const parsed = JSON.parse(json) as Report;
    expect(parsed).toEqual(r);
    expect(Object.keys(parsed)).toEqual(['templateId', 'year', 'agencyId', 'scope', 'generatedAt', 'sections', 'cells']);
    expect(parsed.templateId).toBe('cn-2019');
    expect(parsed.generatedAt).toBe('2026-01-10T02:00:00.000Z');
    expect(parsed.cells['cn-2019.withheld_3.natural_person']).toEqual({
      id: 'cn-2019.withheld_3.natural_person',
      sectionId: 'applications',
      rowId: 'withheld_3',
      columnId: 'natural_person',
      rowLabels: ['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”'],
      columnLabels: ['申请人情况', '自然人'],
      value: 1,
    });
  });
});
