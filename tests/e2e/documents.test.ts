/**
 * Every written notice of a case, end to end over the local server: issued with its event, numbered,
 * rendered by the outbox (the local stand-in for the stream), downloaded, opened back (the DOCX unzipped
 * and word/document.xml read, the HTML checked, both hashed) and checked for the case's number, dates and
 * legal text; delivery recorded; a corrected re-issue superseding the original; the applicant downloading
 * through the query code and nobody else; each notification written exactly once.
 * Dates: received Monday 2 March 2026; 20 working days → 30 March (2019 Regulation Art. 33).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';
import { docxText, unzip } from '../helpers/unzip.js';

let stack: LocalEnvironment;
let officer: string;
let supervisor: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  officer = await tokenFor(stack, 'jz-zjj', 'officer');
  // The extension is approved by the head of the case's own agency's disclosure office (Art. 33).
  supervisor = await tokenFor(stack, 'jz-zjj', 'supervisor');
  admin = await tokenFor(stack, 'jz', 'admin');
});
afterAll(async () => stack?.stop());

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function download(path: string, headers: Record<string, string>) {
  const response = await fetch(`${stack.url}${path}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
}

describe('the documents of a case', () => {
  it('issues, numbers, renders, delivers, re-issues and lets the applicant download them', async () => {
    const agencies = await call(stack, 'GET', '/agencies', { token: admin });
    const agency = agencies.body.items.find((a: { id: string }) => a.id === 'jz-zjj');
    const put = await call(stack, 'PUT', '/agencies/jz-zjj', {
      token: admin,
      body: {
        name: agency.name,
        parentId: agency.parentId,
        documents: {
          numberPattern: '江住建依申请公开〔{year}〕第{seq}号',
          reconsiderationBody: '江州市人民政府',
          court: '江州市江北区人民法院',
          contact: '江州市住房和城乡建设局政府信息公开办公室，电话0000-12345678',
        },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const { agencyId: _a, ...application } = naturalPersonApplication();
    const body = { ...application, applicant: { ...application.applicant, email: 'zhangsan@example.com' }, channel: 'mail', receivedDate: '2026-03-02' };
    const created = await call(stack, 'POST', '/cases', { token: officer, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const queryCode = created.body.queryCode as string;
    let version = 1;
    const act = async (action: Record<string, unknown>, token = officer) => {
      const r = await call(stack, 'POST', `/cases/${id}/actions`, { token, body: { ...action, expectedVersion: version } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
      return r.body;
    };
    const correction = await act({ type: 'request_correction', date: '2026-03-04', items: ['请写明所需信息的文件名称或文号'], correctionDueDate: '2026-03-18' });
    expect(correction.documents[0]).toMatchObject({ kind: 'correction_notice', number: '江住建依申请公开〔2026〕第2号', title: '政府信息公开申请补正告知书' });
    await act({ type: 'receive_correction', date: '2026-03-06' });
    await act({ type: 'start_consultation', date: '2026-03-09', party: 'other_agency', name: '江州市自然资源局' });
    await act({ type: 'end_consultation', date: '2026-03-12', result: 'no_reply' });
    await act({ type: 'extend', date: '2026-03-20', days: 10, reason: '所需信息涉及多个年度的档案，需调阅核查' }, supervisor);
    const reply = await act({
      type: 'reply',
      date: '2026-03-27',
      outcome: 'partially_disclosed',
      notice: { informationProvided: '见附件《改造项目清单》。', withheldParts: '清单中住户姓名及联系电话', grounds: '涉及个人隐私，依照第十五条不予公开。' },
    });
    expect(reply.documents[0]).toMatchObject({ kind: 'reply', number: '江住建依申请公开〔2026〕第5号' });

    await stack.outbox.drain();
    const detail = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    const documents = detail.body.documents as { id: string; kind: string; number: string; rendered: boolean; sha256: { html: string } }[];
    expect(documents.map((d) => [d.kind, d.number, d.rendered])).toEqual([
      ['receipt', '江住建依申请公开〔2026〕第1号', true],
      ['correction_notice', '江住建依申请公开〔2026〕第2号', true],
      ['consultation_letter', '江住建依申请公开〔2026〕第3号', true],
      ['extension_notice', '江住建依申请公开〔2026〕第4号', true],
      ['reply', '江住建依申请公开〔2026〕第5号', true],
    ]);

    // What each document must say (number, dates, legal text), read back from the DOCX and the HTML.
    const expectations: Record<string, string[]> = {
      receipt: ['政府信息公开申请登记回执', '2026年3月2日收到', '最迟于2026年3月30日前答复', '第三十一条、第三十三条'],
      correction_notice: ['补正告知书', '请写明所需信息的文件名称或文号', '请于2026年3月18日前（含当日）提交补正后的申请', '视为放弃申请', '第三十条'],
      consultation_letter: ['征求意见函', '江州市自然资源局：', '15个工作日内', '逾期未提出意见的，视为同意公开', '第三十四条'],
      extension_notice: ['延期答复告知书', '延长10个工作日', '第三十三条第二款'],
      reply: ['政府信息公开申请答复书', '不予公开的部分为：清单中住户姓名及联系电话', '六十日内向江州市人民政府申请行政复议', '六个月内向江州市江北区人民法院提起行政诉讼', '第三十七条', '2026年3月27日'],
    };
    for (const d of documents) {
      const docx = await download(`/cases/${id}/documents/${d.id}?format=docx`, { authorization: `Bearer ${officer}` });
      expect(docx.status).toBe(200);
      expect(docx.type).toContain('wordprocessingml');
      const text = docxText(unzip(docx.body).get('word/document.xml')!.toString('utf8'));
      const html = await download(`/cases/${id}/documents/${d.id}?format=html`, { authorization: `Bearer ${officer}` });
      expect(html.status).toBe(200);
      // The HTML downloaded is the one whose SHA-256 the issuing event recorded.
      expect(sha256(html.body)).toBe(d.sha256.html);
      for (const expected of [d.number, ...expectations[d.kind]!]) {
        expect(text, `${d.kind} DOCX`).toContain(expected);
        expect(html.body.toString('utf8'), `${d.kind} HTML`).toContain(expected);
      }
    }
    const events = detail.body.events as { type: string; documents?: { number: string; sha256: { html: string } }[] }[];
    expect(events.find((e) => e.type === 'reply')!.documents![0]!.number).toBe('江住建依申请公开〔2026〕第5号');

    // Delivery (送达): by post with its tracking number, once.
    const replyDoc = documents.find((d) => d.kind === 'reply')!;
    const noTracking = await call(stack, 'POST', `/cases/${id}/documents/${replyDoc.id}/delivery`, {
      token: officer,
      body: { expectedVersion: version, method: 'post', deliveredOn: '2026-03-30' },
    });
    expect(noTracking.status).toBe(422);
    expect(noTracking.body.problems).toEqual([{ path: ['body', 'trackingNumber'], message: 'is required for delivery by post' }]);
    const delivered = await call(stack, 'POST', `/cases/${id}/documents/${replyDoc.id}/delivery`, {
      token: officer,
      body: { expectedVersion: version, method: 'post', deliveredOn: '2026-03-30', trackingNumber: 'EMS1234567890CN' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    version = delivered.body.version;
    expect(delivered.body.document.delivery).toEqual({ method: 'post', deliveredOn: '2026-03-30', trackingNumber: 'EMS1234567890CN' });
    const twice = await call(stack, 'POST', `/cases/${id}/documents/${replyDoc.id}/delivery`, {
      token: officer,
      body: { expectedVersion: version, method: 'email', deliveredOn: '2026-03-30' },
    });
    expect(twice.status).toBe(422);

    // A correction: a new number, the old document superseded, both kept.
    const reissued = await call(stack, 'POST', `/cases/${id}/documents/${replyDoc.id}/reissue`, {
      token: officer,
      body: { expectedVersion: version, notice: { informationProvided: '见附件《改造项目清单（更正）》。', withheldParts: '清单中住户姓名及联系电话', grounds: '涉及个人隐私。' } },
    });
    expect(reissued.status, JSON.stringify(reissued.body)).toBe(200);
    version = reissued.body.version;
    expect(reissued.body.document).toMatchObject({ kind: 'reply', number: '江住建依申请公开〔2026〕第6号', supersedes: replyDoc.id });
    await stack.outbox.drain();
    const corrected = await download(`/cases/${id}/documents/${reissued.body.document.id}?format=docx`, { authorization: `Bearer ${officer}` });
    expect(docxText(unzip(corrected.body).get('word/document.xml')!.toString('utf8'))).toContain(
      '本文书更正并替代本机关2026年3月27日作出的文书（江住建依申请公开〔2026〕第5号）',
    );
    const after = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    expect(after.body.documents.find((d: { id: string }) => d.id === replyDoc.id).supersededBy).toBe(reissued.body.document.id);

    // The applicant (electronic delivery) lists and downloads their documents with the query code …
    const view = await call(stack, 'GET', `/applications/${id}`, { headers: { 'x-query-code': queryCode } });
    expect(view.status).toBe(200);
    const mine = view.body.documents as { id: string; kind: string }[];
    expect(mine.map((d) => d.kind)).toEqual(['receipt', 'correction_notice', 'extension_notice', 'reply', 'reply']);
    const file = await download(`/applications/${id}/documents/${replyDoc.id}?format=html&lang=en`, { 'x-query-code': queryCode });
    expect(file.status).toBe(200);
    expect(file.body.toString('utf8')).toContain('within 60 days');
    // … but not the letter to the consulted agency, and nobody without the code.
    const letter = documents.find((d) => d.kind === 'consultation_letter')!;
    expect((await download(`/applications/${id}/documents/${letter.id}?format=html`, { 'x-query-code': queryCode })).status).toBe(404);
    expect((await download(`/applications/${id}/documents/${replyDoc.id}?format=docx`, { 'x-query-code': 'AAAAAA-BBBBBB-CCCCCC-DDDDDD' })).status).toBe(404);
    expect((await download(`/applications/${id}/documents/${replyDoc.id}?format=docx`, {})).status).toBe(404);
    const otherOfficer = await tokenFor(stack, 'jz-fgw', 'officer');
    expect((await download(`/cases/${id}/documents/${replyDoc.id}?format=docx`, { authorization: `Bearer ${otherOfficer}` })).status).toBe(404);

    // Notifications: one e-mail and one SMS per receipt, correction, extension and reply, each written once.
    const messages = await Promise.all(
      (await readdir(stack.outbox.outboxDir)).map(async (name) => JSON.parse(await readFile(`${stack.outbox.outboxDir}/${name}`, 'utf8'))),
    );
    const summary = messages.map((m) => `${m.channel}:${(m.subject ?? m.text) as string}`).sort();
    expect(messages.filter((m) => m.channel === 'email')).toHaveLength(4);
    expect(messages.filter((m) => m.channel === 'sms')).toHaveLength(4);
    expect(summary.some((s) => s.includes('已收到您的政府信息公开申请'))).toBe(true);
    expect(messages.find((m) => m.channel === 'sms' && m.text.includes('补正'))!.text).toContain('2026年3月18日');
    expect(messages.every((m) => m.to === 'zhangsan@example.com' || m.to === '13800000000')).toBe(true);
  }, 300_000);

  it('issues the fee notice (收费通知书) with its computation, and its recorded delivery moves the payment period', async () => {
    // Received Monday 1 June 2026; the fee notice of Friday 5 June for 250 pages (109号 Art. 5):
    // 30 free, 70 × 10 元, 100 × 20 元, 50 × 40 元 = 4,700.00 元. Delivered by post on Wednesday 10 June, the
    // 20 working days run from Thursday 11 June (端午节 19 June not counted): 11, 12, 15–18, 22–26, 29, 30
    // June, 1–3, 6–9 July → Thursday 9 July. Without the delivery record they would run from 8 June → 6 July.
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const created = await call(stack, 'POST', '/cases', {
      token: officer,
      body: { ...application, applicant: { ...application.applicant, name: '钱七', email: 'qianqi@example.com' }, channel: 'mail', receivedDate: '2026-06-01' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const notice = await call(stack, 'POST', `/cases/${id}/actions`, {
      token: officer,
      body: { type: 'fee_notice', date: '2026-06-05', method: 'per_volume', pages: 250, howToPay: '通过江州市非税收入缴款系统缴纳', expectedVersion: 1 },
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const [feeDoc] = notice.body.documents as { id: string; kind: string; number: string; sha256: { html: string } }[];
    expect(feeDoc).toMatchObject({ kind: 'fee_notice', number: expect.stringMatching(/^江住建依申请公开〔2026〕第\d+号$/) });
    expect(notice.body.state.fee).toMatchObject({ amountFen: 470_000, paymentDueDate: '2026-07-06' });

    await stack.outbox.drain();
    const docx = await download(`/cases/${id}/documents/${feeDoc!.id}?format=docx`, { authorization: `Bearer ${officer}` });
    const html = await download(`/cases/${id}/documents/${feeDoc!.id}?format=html`, { authorization: `Bearer ${officer}` });
    expect([docx.status, html.status]).toEqual([200, 200]);
    expect(sha256(html.body)).toBe(feeDoc!.sha256.html);
    const text = docxText(unzip(docx.body).get('word/document.xml')!.toString('utf8'));
    for (const expected of [
      feeDoc!.number,
      '政府信息公开信息处理费缴费通知书',
      '钱七：',
      '收取信息处理费4700.00元',
      '第1至30页：30页，免费',
      '第31至100页：70页 × 10.00元 = 700.00元',
      '第101至200页：100页 × 20.00元 = 2000.00元',
      '第201至250页：50页 × 40.00元 = 2000.00元',
      '通过江州市非税收入缴款系统缴纳',
      '20个工作日内',
      '国办函〔2020〕109号',
    ]) {
      expect(text, 'fee notice DOCX').toContain(expected);
      expect(html.body.toString('utf8'), 'fee notice HTML').toContain(expected);
    }
    // The applicant is told by e-mail, once, with the amount.
    const messages = await Promise.all(
      (await readdir(stack.outbox.outboxDir)).filter((f) => f.includes(feeDoc!.id)).map(async (f) => JSON.parse(await readFile(`${stack.outbox.outboxDir}/${f}`, 'utf8'))),
    );
    expect(messages.filter((m) => m.channel === 'email')).toHaveLength(1);
    expect(messages.find((m) => m.channel === 'email').body).toContain('收取信息处理费4700.00元');

    const delivered = await call(stack, 'POST', `/cases/${id}/documents/${feeDoc!.id}/delivery`, {
      token: officer,
      body: { expectedVersion: 2, method: 'post', deliveredOn: '2026-06-10', trackingNumber: 'EMS9876543210CN' },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const detail = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    expect(detail.body.state.fee).toMatchObject({ noticeDate: '2026-06-05', noticeReceivedOn: '2026-06-10', paymentDueDate: '2026-07-09' });
    // Paid on 8 July: within the period that the delivery set (it would have been late from the notice's date).
    const paid = await call(stack, 'POST', `/cases/${id}/actions`, { token: officer, body: { type: 'fee_paid', date: '2026-07-08', expectedVersion: detail.body.version } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.state.fee).toMatchObject({ status: 'paid', settledOn: '2026-07-08' });
  });

  it('issues the not-processed notices: 重复申请告知书 (Art. 36(6)) and 不予处理告知书 (Art. 39), each with the remedy clause', async () => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const cases = [
      { outcome: 'not_processed.duplicate', expected: ['政府信息公开重复申请告知书', '第三十六条第（六）项', '不予重复处理', '已于2026年3月2日答复'] },
      { outcome: 'not_processed.petition', expected: ['政府信息公开申请不予处理告知书', '信访、投诉、举报', '第三十九条'] },
    ];
    for (const [i, c] of cases.entries()) {
      const created = await call(stack, 'POST', '/cases', { token: officer, body: { ...application, request: { ...application.request, description: `不予处理 ${i}` }, channel: 'mail', receivedDate: '2026-03-02' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      const grounds = c.outcome === 'not_processed.duplicate' ? '您的申请与本机关已于2026年3月2日答复的申请内容相同。' : '';
      const reply = await call(stack, 'POST', `/cases/${id}/actions`, {
        token: officer,
        body: { type: 'reply', date: '2026-03-05', outcome: c.outcome, expectedVersion: 1, ...(grounds ? { notice: { grounds } } : {}) },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const [notice] = reply.body.documents as { id: string; kind: string; number: string; sha256: { html: string } }[];
      expect(notice).toMatchObject({ kind: 'not_processed_notice', number: expect.stringMatching(/^江住建依申请公开〔2026〕第\d+号$/) });
      await stack.outbox.drain();
      const docx = await download(`/cases/${id}/documents/${notice!.id}?format=docx`, { authorization: `Bearer ${officer}` });
      const html = await download(`/cases/${id}/documents/${notice!.id}?format=html`, { authorization: `Bearer ${officer}` });
      expect([docx.status, html.status]).toEqual([200, 200]);
      expect(sha256(html.body)).toBe(notice!.sha256.html);
      const text = docxText(unzip(docx.body).get('word/document.xml')!.toString('utf8'));
      for (const expected of [notice!.number, ...c.expected.filter((e) => grounds || !e.startsWith('已于')), '2026年3月5日', '行政复议']) {
        expect(text, `${c.outcome} DOCX`).toContain(expected);
        expect(html.body.toString('utf8'), `${c.outcome} HTML`).toContain(expected);
      }
    }
  });

  it('an applicant who chose paper delivery sees no documents to download', async () => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const created = await call(stack, 'POST', '/cases', {
      token: officer,
      body: { ...application, delivery: { form: 'paper', method: 'post' }, channel: 'mail', receivedDate: '2026-03-02' },
    });
    expect(created.status).toBe(201);
    await stack.outbox.drain();
    const view = await call(stack, 'GET', `/applications/${created.body.id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(view.status).toBe(200);
    expect(view.body.documents).toBeUndefined();
    const detail = await call(stack, 'GET', `/cases/${created.body.id}`, { token: officer });
    const receipt = detail.body.documents[0];
    const file = await download(`/applications/${created.body.id}/documents/${receipt.id}?format=html`, { 'x-query-code': created.body.queryCode });
    expect(file.status).toBe(404);
  });
});
