/**
 * A whole life of a case over HTTP, every state and deadline asserted against dates worked out by hand
 * from the 2026 calendar (国务院办公厅 2026 notice: 4–6 April Qingming, 1–5 May Labour Day, Saturday
 * 9 May a make-up working day), and optimistic concurrency: 20 officers at once, one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';
import { countItems } from '../helpers/table.js';

let stack: LocalEnvironment;
let officer: string;
let supervisor: string;
let citySupervisor: string;

beforeAll(async () => {
  stack = await startTestStack();
  officer = await tokenFor(stack, 'jz-zjj', 'officer');
  // Art. 33: the head of the case's own agency's disclosure office approves its extension.
  supervisor = await tokenFor(stack, 'jz-zjj', 'supervisor');
  citySupervisor = await tokenFor(stack, 'jz', 'supervisor');
});
afterAll(async () => stack?.stop());

function registration(receivedDate: string) {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  return { ...application, channel: 'mail', receivedDate };
}

describe('a whole life: register → correction → consultation → extension → reply → reconsideration → lawsuit', () => {
  it('moves through every state with the deadline of the law at each step', async () => {
    const created = await call(stack, 'POST', '/cases', { token: officer, body: registration('2026-03-02') });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.queryCode).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6}){3}$/);
    // 20 working days after Monday 2 March 2026 (2019 Regulation Art. 33): 30 March.
    expect(created.body).toMatchObject({ agencyId: 'jz-zjj', version: 1, status: 'received', channel: 'mail', receivedDate: '2026-03-02', dueDate: '2026-03-30', provisional: false, extended: false, outcome: null, closedDate: null });

    let version = 1;
    const act = async (token: string, action: Record<string, unknown>) => {
      const response = await call(stack, 'POST', `/cases/${id}/actions`, { token, body: { ...action, expectedVersion: version } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
      return response.body;
    };

    let c = await act(officer, { type: 'request_correction', date: '2026-03-04', items: ['请写明所需信息的文件名称或文号'], correctionDueDate: '2026-03-18' });
    expect(c).toMatchObject({ status: 'awaiting_correction', dueDate: null, version: 2 });

    // The corrected application arrives on 20 March: the clock restarts from zero (Art. 30) → 20 April
    // (Monday 6 April is Qingming).
    c = await act(officer, { type: 'receive_correction', date: '2026-03-20' });
    expect(c).toMatchObject({ status: 'received', dueDate: '2026-04-20' });

    c = await act(officer, { type: 'start_consultation', date: '2026-03-25', party: 'third_party', name: '江州市示例建材有限公司' });
    expect(c.status).toBe('consulting');
    expect(c.state.paused).toBe(true);

    // (25 March, 1 April] holds 5 working days (26, 27, 30, 31 March, 1 April), not counted → 27 April.
    c = await act(officer, { type: 'end_consultation', date: '2026-04-01', result: 'agreed' });
    expect(c).toMatchObject({ status: 'received', dueDate: '2026-04-27' });
    expect(c.state.paused).toBe(false);

    // An officer may not extend; a supervisor may, once: 20 more working days → 27 May
    // (1–5 May off, Saturday 9 May worked).
    const refused = await call(stack, 'POST', `/cases/${id}/actions`, {
      token: officer,
      body: { type: 'extend', date: '2026-04-10', days: 20, reason: '需要调取历史档案', expectedVersion: version },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.rule).toMatch(/supervisor/);
    // The parent city government's supervisor may not approve the bureau's extension (law audit item 6).
    const byParent = await call(stack, 'POST', `/cases/${id}/actions`, {
      token: citySupervisor,
      body: { type: 'extend', date: '2026-04-10', days: 20, reason: '需要调取历史档案', expectedVersion: version },
    });
    expect(byParent.status).toBe(422);
    expect(byParent.body).toMatchObject({ rule: 'extension.other_agency', messages: { zh: expect.stringContaining('jz-zjj') } });
    c = await act(supervisor, { type: 'extend', date: '2026-04-10', days: 20, reason: '需要调取历史档案' });
    expect(c).toMatchObject({ dueDate: '2026-05-27', extended: true });
    expect(c.state.originalDueDate).toBe('2026-04-27');
    expect(c.state.extension).toMatchObject({ days: 20, approvedOn: '2026-04-10', approvedBy: { sub: 'supervisor@jz-zjj', role: 'supervisor', agencyId: 'jz-zjj' }, approvingAgencyId: 'jz-zjj', noticeDate: '2026-04-10' });

    const second = await call(stack, 'POST', `/cases/${id}/actions`, {
      token: supervisor,
      body: { type: 'extend', date: '2026-04-11', days: 5, reason: '再次延期', expectedVersion: version },
    });
    expect(second.status).toBe(422);

    c = await act(officer, { type: 'reply', date: '2026-05-20', outcome: 'partially_disclosed', replyNumber: '江建公复〔2026〕12号' });
    expect(c).toMatchObject({ status: 'replied', outcome: 'partially_disclosed', closedDate: '2026-05-20' });
    expect(c.state.timing).toBe('extended');

    await act(officer, { type: 'file_reconsideration', date: '2026-06-01' });
    await act(officer, { type: 'decide_reconsideration', date: '2026-07-15', result: 'upheld' });
    await act(officer, { type: 'file_lawsuit', date: '2026-07-30', afterReconsideration: true });
    c = await act(officer, { type: 'decide_lawsuit', date: '2026-10-12', result: 'corrected' });
    expect(c.state.appeals).toEqual([
      { kind: 'reconsideration', filedDate: '2026-06-01', decidedDate: '2026-07-15', result: 'upheld' },
      { kind: 'lawsuit', afterReconsideration: true, filedDate: '2026-07-30', decidedDate: '2026-10-12', result: 'corrected' },
    ]);

    const detail = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    expect(detail.status).toBe(200);
    expect(detail.body.version).toBe(11);
    expect(detail.body.events.map((e: { seq: number; type: string }) => `${e.seq}:${e.type}`)).toEqual([
      '1:register',
      '2:request_correction',
      '3:receive_correction',
      '4:start_consultation',
      '5:end_consultation',
      '6:extend',
      '7:reply',
      '8:file_reconsideration',
      '9:decide_reconsideration',
      '10:file_lawsuit',
      '11:decide_lawsuit',
    ]);
    for (const e of detail.body.events) {
      expect(e.actor.sub).toMatch(/@jz/);
      expect(e.recordedAt).toMatch(/Z$/);
    }
    // Day by day from the restart on 20 March to the deadline on 27 May: 20 reply days + 20 extension
    // days = the 40th counted day; Saturday 9 May counted as a make-up working day, 1–5 May holidays,
    // 26 March – 1 April excluded.
    const days = detail.body.deadlineDays as { date: string; kind: string; role: string; count?: number; name?: string }[];
    expect(days[0]).toMatchObject({ date: '2026-03-20', role: 'clock_start' });
    expect(days.at(-1)).toMatchObject({ date: '2026-05-27', role: 'extension', count: 40 });
    expect(days.filter((d) => d.role === 'counted')).toHaveLength(20);
    expect(days.filter((d) => d.role === 'extension')).toHaveLength(20);
    expect(days.find((d) => d.date === '2026-05-09')).toMatchObject({ kind: 'makeup_workday', name: '劳动节' });
    expect(days.find((d) => d.date === '2026-05-01')).toMatchObject({ kind: 'holiday', role: 'not_working' });
    expect(days.find((d) => d.date === '2026-03-26')?.role).toBe('excluded');
    const kinds = detail.body.state.explanation.stretches.map((s: { kind: string }) => s.kind);
    expect(kinds).toContain('excluded');
    expect(kinds).toContain('extension');

    // The applicant sees the same deadline with the query code.
    const publicView = await call(stack, 'GET', `/applications/${id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ status: 'replied', outcome: 'partially_disclosed', extended: true, dueDate: '2026-05-27' });
    expect(JSON.stringify(publicView.body)).not.toContain('江州市示例建材有限公司');
  });
});

describe('a fee over HTTP (Art. 42; 国办函〔2020〕109号; policy P13)', () => {
  it('gives the notice with its amount and breakdown, refuses bad input with 422 and its paths, and moves the deadline on payment', async () => {
    // Received Monday 1 June 2026, due 30 June (19 June 端午). Notice Friday 5 June, received Monday 8 June:
    // pay by 7 July. Paid Wednesday 17 June: (5 June, 17 June] = 8 working days not counted → due 10 July.
    // Another request than the concurrency test's (the same body again would be a retry of the same case).
    const body = registration('2026-06-01');
    body.request = { ...body.request, description: '2025年保障性住房分配全部档案(约250页)' };
    const created = await call(stack, 'POST', '/cases', { token: officer, body });
    const id = created.body.id as string;
    expect(created.body.dueDate).toBe('2026-06-30');
    const post = (body: Record<string, unknown>, version: number) =>
      call(stack, 'POST', `/cases/${id}/actions`, { token: officer, body: { ...body, expectedVersion: version } });

    const bad = await post({ type: 'fee_notice', date: '2026-06-05', method: 'per_volume', pages: 0, howToPay: '' }, 1);
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.problems.map((p: { path: string[] }) => p.path.join('.')).sort()).toEqual(['body.howToPay', 'body.pages']);
    const both = await post({ type: 'fee_notice', date: '2026-06-05', method: 'per_volume', items: 2, pages: 250, howToPay: '缴款码见通知书' }, 1);
    expect(both.status).toBe(422);
    expect(both.body).toMatchObject({ rule: 'fee.method_invalid', messages: { zh: expect.stringContaining('不得同时') } });

    const notice = await post({ type: 'fee_notice', date: '2026-06-05', method: 'per_volume', pages: 250, howToPay: '缴款码见通知书', noticeReceivedOn: '2026-06-08' }, 1);
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    expect(notice.body).toMatchObject({ version: 2, status: 'received', dueDate: null });
    expect(notice.body.state.fee).toMatchObject({ method: 'per_volume', units: 250, amountFen: 470000, paymentDueDate: '2026-07-07', status: 'notified' });
    expect(notice.body.state.fee.breakdown.map((b: { amountFen: number }) => b.amountFen)).toEqual([0, 70000, 200000, 200000]);

    const paid = await post({ type: 'fee_paid', date: '2026-06-17' }, 2);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ dueDate: '2026-07-10', version: 3 });

    const publicView = await call(stack, 'GET', `/applications/${id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(publicView.status).toBe(200);
    const feeNotice = publicView.body.timeline.find((t: { type: string }) => t.type === 'fee_notice');
    expect(feeNotice).toMatchObject({ date: '2026-06-05', details: { amountFen: 470000, method: 'per_volume' } });
    expect(publicView.body.dueDate).toBe('2026-07-10');
  });
});

describe('Art. 32 and Art. 35 over HTTP (policy P16)', () => {
  it('records a public-interest disclosure after an objection, and a reasonable later date after asking for reasons', async () => {
    const body = registration('2026-08-03');
    body.request = { ...body.request, description: '2010年以来全部项目审批档案' };
    const created = await call(stack, 'POST', '/cases', { token: officer, body });
    const id = created.body.id as string;
    expect(created.body.dueDate).toBe('2026-08-31');
    let version = 1;
    const act = async (token: string, action: Record<string, unknown>, status = 200) => {
      const response = await call(stack, 'POST', `/cases/${id}/actions`, { token, body: { ...action, expectedVersion: version } });
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      if (status === 200) version = response.body.version;
      return response.body;
    };
    await act(officer, { type: 'request_reasons', date: '2026-08-05', question: '请说明一个月内申请120件的理由', reasonsDueDate: '2026-08-12' });
    const bad = await act(supervisor, { type: 'reasonable_period', date: '2026-08-20', until: 'soon', reason: '' }, 422);
    expect(bad.problems.map((p: { path: string[] }) => p.path.join('.'))).toEqual(expect.arrayContaining(['body.reason', 'body.until']));
    let c = await act(supervisor, { type: 'reasonable_period', date: '2026-08-20', until: '2026-09-30', reason: '需逐件检索档案', noticeDate: '2026-08-21' });
    expect(c).toMatchObject({ dueDate: '2026-09-30' });
    expect(c.state.art35.reasonablePeriod).toMatchObject({ until: '2026-09-30', noticeDate: '2026-08-21' });
    await act(officer, { type: 'start_consultation', date: '2026-08-24', party: 'third_party', name: '某建材公司' });
    await act(officer, { type: 'end_consultation', date: '2026-08-28', result: 'objected' });
    c = await act(supervisor, { type: 'public_interest_disclosure', date: '2026-09-01', information: '项目环境影响评价审批意见', reason: '涉及公共安全', thirdPartyNotifiedOn: '2026-09-02' });
    expect(c.state.publicInterest).toMatchObject({ decidedOn: '2026-09-01', thirdPartyNotifiedOn: '2026-09-02' });
    const refused = await act(officer, { type: 'reply', date: '2026-09-10', outcome: 'withheld.trade_secret' }, 422);
    expect(refused.rule).toBe('reply.public_interest_decided');
    const detail = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'register', 'request_reasons', 'reasonable_period', 'start_consultation', 'end_consultation', 'public_interest_disclosure',
    ]);
  });
});

describe('optimistic concurrency', () => {
  it('lets exactly one of 20 simultaneous actions on one version through; the others get 409', async () => {
    const created = await call(stack, 'POST', '/cases', { token: officer, body: registration('2026-06-01') });
    const id = created.body.id as string;
    const before = await countItems(stack.db, 'event');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(stack, 'POST', `/cases/${id}/actions`, {
          token: officer,
          body: { type: 'start_consultation', date: '2026-06-03', party: 'third_party', name: `第三方${i}`, expectedVersion: 1 },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.currentVersion).toBe(2);
    }
    expect(await countItems(stack.db, 'event')).toBe(before + 1);
    const detail = await call(stack, 'GET', `/cases/${id}`, { token: officer });
    expect(detail.body.events).toHaveLength(2);
    expect(detail.body.version).toBe(2);
  });
});
