/**
 * Every written notice, filled from a case and opened back: each kind, each reply variant (one per outcome
 * code), both languages; the DOCX unzipped and its word/document.xml read; the HTML checked. The dates are
 * those of a case received on Monday 2 March 2026, due 20 working days later on 30 March (2019 Regulation
 * Art. 33: no holiday in March 2026).
 */
import { describe, expect, it } from 'vitest';
import { composeDocument, fill, formatDate, type ComposeInput } from '../../../shared/documents/compose.js';
import { formatDocumentNumber, patternProblems } from '../../../shared/documents/numbering.js';
import { renderDocx } from '../../../shared/documents/render-docx.js';
import { renderHtml } from '../../../shared/documents/render-html.js';
import { chineseNumber, documentKindOfOutcome, REPLY_VARIANTS, TEMPLATES } from '../../../shared/documents/templates.js';
import type { CaseState } from '../../../shared/domain/case-state.js';
import { OUTCOME_CODE_LIST, type OutcomeCode } from '../../../shared/domain/outcome-codes.js';
import { docxText, unzip } from '../../helpers/unzip.js';

const officer = { sub: 'o1', name: '李主任', role: 'supervisor' as const };

function caseState(over: Partial<CaseState> = {}): CaseState {
  return {
    id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    agencyId: 'jz-zjj',
    status: 'received',
    channel: 'online',
    applicantColumn: 'natural_person',
    regime: '2019',
    receivedDate: '2026-03-02',
    clockStart: '2026-03-02',
    dueDate: '2026-03-30',
    provisional: false,
    extended: false,
    paused: false,
    consultations: [],
    appeals: [],
    complaints: [],
    flags: {},
    version: 2,
    ...over,
  };
}

const agency = {
  name: '江州市住房和城乡建设局',
  documents: {
    reconsiderationBody: '江州市人民政府',
    reconsiderationBodyEn: 'the People’s Government of Jiangzhou',
    court: '江州市江北区人民法院',
    courtEn: 'the Jiangbei District People’s Court of Jiangzhou',
    contact: '地址：江州市人民路1号；电话：0000-12345678',
  },
};

function input(over: Partial<ComposeInput>): ComposeInput {
  return {
    kind: 'receipt',
    number: '江住建依申请公开〔2026〕第12号',
    issuedOn: '2026-03-02',
    caseId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    agency,
    addressee: '张三',
    description: '2025年老旧小区改造项目清单',
    state: caseState(),
    ...over,
  };
}

async function openBoth(i: ComposeInput) {
  const zh = composeDocument(i, 'zh');
  const en = composeDocument(i, 'en');
  const docx = await renderDocx(zh, i.issuedOn);
  const files = unzip(docx);
  const xml = files.get('word/document.xml')!.toString('utf8');
  return { zh, en, html: renderHtml(zh), htmlEn: renderHtml(en), docx, files, docxText: docxText(xml), xml };
}

describe('numbers', () => {
  it('formats the pattern and checks it', () => {
    expect(formatDocumentNumber('江住建依申请公开〔{year}〕第{seq}号', { agency: 'x', year: 2026, seq: 12 })).toBe('江住建依申请公开〔2026〕第12号');
    expect(formatDocumentNumber('{agency}公复〔{year}〕{seq:3}号', { agency: '江州', year: 2026, seq: 7 })).toBe('江州公复〔2026〕007号');
    expect(patternProblems('〔{year}〕第{seq}号')).toEqual([]);
    expect(patternProblems('第{seq}号')).toEqual(['must contain {year}']);
    expect(patternProblems('{year}{nr}')).toEqual(['must contain {seq} (or {seq:N} for N digits)', 'has unknown fields {nr}']);
  });
  it('writes articles in Chinese numerals', () => {
    expect([14, 16, 30, 36, 42, 10, 20].map(chineseNumber)).toEqual(['十四', '十六', '三十', '三十六', '四十二', '十', '二十']);
  });
});

describe('filling', () => {
  it('never leaves a hole: a field without a value is an error', () => {
    expect(() => fill('收到{receivedDate}', {})).toThrow(/\{receivedDate\}/);
    expect(formatDate('2026-03-02', 'zh')).toBe('2026年3月2日');
    expect(formatDate('2026-03-02', 'en')).toBe('2 March 2026');
  });
});

describe('登记回执 (receipt)', () => {
  it('states the receipt date, the deadline and how it was counted (Art. 31, 33)', async () => {
    const d = await openBoth(input({}));
    for (const text of [d.docxText, d.html]) {
      expect(text).toContain('政府信息公开申请登记回执');
      expect(text).toContain('江住建依申请公开〔2026〕第12号');
      expect(text).toContain('2026年3月2日收到');
      expect(text).toContain('20个工作日内予以答复，即最迟于2026年3月30日前答复');
      expect(text).toContain('自2026年3月2日的次日起计算第20个工作日');
      expect(text).toContain('第三十一条、第三十三条');
      expect(text).not.toContain('行政复议');
    }
    expect(d.htmlEn).toContain('by 30 March 2026 at the latest');
    expect(d.htmlEn).toContain('lang="en"');
  });
});

describe('补正申请告知书 (correction notice, Art. 30)', () => {
  it('lists what to correct, by when, and the consequence of not correcting', async () => {
    const state = caseState({
      status: 'awaiting_correction',
      correction: { requestedOn: '2026-03-04', items: ['所需信息的文件名称或文号', '所需信息的形成时间'], correctionDueDate: '2026-03-18', late: false },
    });
    const d = await openBoth(input({ kind: 'correction_notice', issuedOn: '2026-03-04', state }));
    expect(d.docxText).toContain('1. 所需信息的文件名称或文号');
    expect(d.docxText).toContain('2. 所需信息的形成时间');
    expect(d.docxText).toContain('请于2026年3月18日前（含当日）提交补正后的申请');
    expect(d.docxText).toContain('视为放弃申请');
    expect(d.docxText).toContain('答复期限自本机关收到补正后的申请之日起重新计算');
    expect(d.html).toContain('<li>1. 所需信息的文件名称或文号</li>');
    expect(d.htmlEn).toContain('deemed abandoned');
  });
});

describe('延期答复告知书 (extension notice, Art. 33 ¶2)', () => {
  it('gives the reason, the new deadline and who approved it', async () => {
    const state = caseState({
      extended: true,
      originalDueDate: '2026-03-30',
      dueDate: '2026-04-28',
      extension: { days: 20, reason: '所需信息涉及多个年度的档案，需调阅核查', approvedBy: officer, approvedOn: '2026-03-25', noticeDate: '2026-03-25' },
    });
    const d = await openBoth(input({ kind: 'extension_notice', issuedOn: '2026-03-25', state }));
    expect(d.docxText).toContain('因所需信息涉及多个年度的档案，需调阅核查，本机关不能在2026年3月30日前答复');
    expect(d.docxText).toContain('负责人李主任于2026年3月25日同意');
    expect(d.docxText).toContain('延长20个工作日，本机关将于2026年4月28日前答复');
    expect(d.htmlEn).toContain('will reply by 28 April 2026');
  });
});

describe('征求意见函 (consultation letter, Art. 32 / 34)', () => {
  it('to a third party: 15 working days, and silence leaves the decision to the agency', async () => {
    const state = caseState({ status: 'consulting', consultations: [{ party: 'third_party', name: '江州市示例建材有限公司', start: '2026-03-10' }] });
    const d = await openBoth(input({ kind: 'consultation_letter', issuedOn: '2026-03-10', state, addressee: '江州市示例建材有限公司' }));
    expect(d.docxText).toContain('江州市示例建材有限公司：');
    expect(d.docxText).toContain('15个工作日内');
    expect(d.docxText).toContain('第三十二条');
    expect(d.docxText).toContain('逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开');
  });
  it('to another agency: 15 working days, and silence is consent', async () => {
    const state = caseState({ status: 'consulting', consultations: [{ party: 'other_agency', name: '江州市自然资源局', start: '2026-03-10' }] });
    const d = await openBoth(input({ kind: 'consultation_letter', issuedOn: '2026-03-10', state, addressee: '江州市自然资源局' }));
    expect(d.docxText).toContain('第三十四条');
    expect(d.docxText).toContain('逾期未提出意见的，视为同意公开');
    expect(d.htmlEn).toContain('deemed to agree');
  });
});

describe('收费通知书 (fee notice, Art. 42; 国办函〔2020〕109号)', () => {
  it('states the amount with its breakdown, how to pay and the 20-working-day period', async () => {
    const d = await openBoth(
      input({
        kind: 'fee_notice',
        issuedOn: '2026-03-05',
        fee: { amount: '300.00', breakdown: ['本月第11至30件申请，每件10元：200.00元', '第31件起，每件100元：100.00元'], paymentMethod: '通过江州市非税收入缴款平台缴纳' },
      }),
    );
    expect(d.docxText).toContain('信息处理费300.00元');
    expect(d.docxText).toContain('1. 本月第11至30件申请，每件10元：200.00元');
    expect(d.docxText).toContain('20个工作日内缴纳（通过江州市非税收入缴款平台缴纳）');
    expect(d.docxText).toContain('国办函〔2020〕109号');
    expect(d.docxText).toContain('如对本通知书不服');
  });
});

describe('答复书: one variant per outcome, each with the remedy clause', () => {
  const replyState = (outcome: OutcomeCode) =>
    caseState({
      status: 'replied',
      outcome,
      closedDate: '2026-03-20',
      correction: { requestedOn: '2026-03-04', items: ['文号'], correctionDueDate: '2026-03-18', late: false, receivedOn: '2026-03-06' },
    });

  it.each(OUTCOME_CODE_LIST)('%s', async (outcome) => {
    const d = await openBoth(input({ kind: documentKindOfOutcome(outcome), issuedOn: '2026-03-20', outcome, state: replyState(outcome) }));
    for (const text of [d.docxText, d.html]) {
      expect(text).toContain('江住建依申请公开〔2026〕第12号');
      expect(text).toContain('2026年3月2日收到您提出的政府信息公开申请');
      expect(text).toContain('2026年3月20日');
      // The remedy clause (行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months), with the configured bodies.
      expect(text).toContain('六十日内向江州市人民政府申请行政复议');
      expect(text).toContain('六个月内向江州市江北区人民法院提起行政诉讼');
      expect(text).toContain(REPLY_VARIANTS[outcome].basis.zh);
    }
    expect(d.htmlEn).toContain('within 60 days');
    expect(d.htmlEn).toContain('the Jiangbei District People’s Court of Jiangzhou');
    const title = outcome === 'not_processed.duplicate' ? '重复申请告知书' : outcome.startsWith('not_processed.') ? '不予处理告知书' : '答复书';
    expect(d.docxText.split('\n')[0]).toContain(title);
  });

  it('says what was withheld and why, where it is public, and which agency is responsible', async () => {
    const partly = await openBoth(
      input({
        kind: 'reply',
        outcome: 'partially_disclosed',
        state: replyState('partially_disclosed'),
        notice: { informationProvided: '见附件《改造项目清单》。', withheldParts: '清单中住户姓名及联系电话', grounds: '涉及个人隐私，依照第十五条不予公开。' },
      }),
    );
    expect(partly.docxText).toContain('不予公开的部分为：清单中住户姓名及联系电话。涉及个人隐私');
    const elsewhere = await openBoth(
      input({ kind: 'reply', outcome: 'unavailable.not_responsible', state: replyState('unavailable.not_responsible'), notice: { otherAgency: '江州市自然资源局，电话0000-87654321。' } }),
    );
    expect(elsewhere.docxText).toContain('告知您：江州市自然资源局，电话0000-87654321。');
    const public_ = await openBoth(input({ kind: 'reply', outcome: 'already_public', state: replyState('already_public') }));
    expect(public_.docxText).toContain('请在本机关门户网站政府信息公开专栏查阅');
  });

  it('falls back to neutral remedy bodies when the agency configured none', async () => {
    const d = await openBoth(input({ kind: 'reply', outcome: 'disclosed', agency: { name: '某局' }, state: replyState('disclosed') }));
    expect(d.docxText).toContain('向依法有权受理的行政复议机关申请行政复议');
    expect(d.docxText).toContain('向有管辖权的人民法院提起行政诉讼');
  });

  it('a corrected re-issue names the document it replaces', async () => {
    const d = await openBoth(
      input({ kind: 'reply', outcome: 'disclosed', state: replyState('disclosed'), number: '江住建依申请公开〔2026〕第13号', supersedes: { number: '江住建依申请公开〔2026〕第12号', issuedOn: '2026-03-20' } }),
    );
    expect(d.docxText).toContain('本文书更正并替代本机关2026年3月20日作出的文书（江住建依申请公开〔2026〕第12号）');
  });
});

describe('formats', () => {
  it('DOCX: A4 with the GB/T 9704 margins, 方正小标宋 title and 仿宋_GB2312 body named with fallbacks, same bytes for the same content', async () => {
    const d = await openBoth(input({}));
    expect(d.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(d.xml).toMatch(/w:top="2098"/);
    expect(d.xml).toMatch(/w:bottom="1984"/);
    expect(d.xml).toMatch(/w:left="1587"/);
    expect(d.xml).toMatch(/w:right="1474"/);
    expect(d.xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(d.xml).toContain('w:eastAsia="仿宋_GB2312"');
    const fonts = d.files.get('word/fontTable.xml')!.toString('utf8');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    const again = await renderDocx(composeDocument(input({}), 'zh'), '2026-03-02');
    expect(again.equals(d.docx)).toBe(true);
  });
  it('HTML: escaped, printable on A4, no script', async () => {
    const d = await openBoth(input({ addressee: '<script>alert(1)</script>' }));
    expect(d.html).not.toContain('<script>');
    expect(d.html).toContain('&lt;script&gt;');
    expect(d.html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(d.html).toContain('"仿宋_GB2312", "仿宋", FangSong');
  });
  it('every template exists in both languages', () => {
    for (const t of Object.values(TEMPLATES)) {
      for (const p of t.paragraphs) expect(p.en.length > 0 && p.zh.length > 0).toBe(true);
    }
  });
});
