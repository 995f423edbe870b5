/**
 * Show only what the task needs (issue 13, items 6 and 7): the officers' views, worklists, the answer of
 * POST /cases and of every action mask the identity number (first 6 and last 4), the phone and the e-mail;
 * the full values come from one route, GET /cases/{id}/applicant, and every read there is an audit event
 * (who, when, which case, why) that a supervisor queries for their agencies. Idempotency records and the
 * worklist index hold no identity.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { INDEXES } from '../../shared/store/table-definition.js';
import { worklistPartition } from '../../shared/store/keys.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';

let stack: LocalEnvironment;
const tokens: Record<string, string> = {};
const ID_NUMBER = '110101199003077774';
const PHONE = '13800000000';
const EMAIL = 'zhang.san@example.com';
let caseId = '';

function registration() {
  const { agencyId: _a, ...application } = naturalPersonApplication();
  return { ...application, applicant: { ...application.applicant, email: EMAIL }, channel: 'in_person', receivedDate: '2026-11-20' };
}

/** Whether any of the full values appears anywhere in `value`. */
function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [ID_NUMBER, PHONE, EMAIL].filter((secret) => text.includes(secret));
}

beforeAll(async () => {
  stack = await startTestStack();
  tokens.officer = await tokenFor(stack, 'jz-zjj', 'officer', 'officer-li');
  tokens.otherOfficer = await tokenFor(stack, 'jz-fgw', 'officer');
  tokens.supervisor = await tokenFor(stack, 'jz', 'supervisor', 'supervisor-wang');
  tokens.otherSupervisor = await tokenFor(stack, 'jz-qingshan', 'supervisor');
  const created = await call(stack, 'POST', '/cases', { token: tokens.officer, body: registration(), headers: { 'idempotency-key': 'pd-1' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  caseId = created.body.id;
});
afterAll(async () => stack?.stop());

describe('masked views', () => {
  it('POST /cases answers with the number, phone and e-mail masked (and so does its idempotent replay)', async () => {
    const replay = await call(stack, 'POST', '/cases', { token: tokens.officer, body: registration(), headers: { 'idempotency-key': 'pd-1' } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(caseId);
    for (const answer of [replay.body]) {
      expect(leaks(answer)).toEqual([]);
      expect(answer.applicant.idDocument).toEqual({ type: 'resident_id', number: '110101********7774' });
      expect(answer.applicant.phone).toBe('138****0000');
      expect(answer.applicant.email).toBe('z********@example.com');
      expect(answer.applicant.name).toBe('张三');
    }
  });

  it('GET /cases/{id}, the worklist and an action answer mask them too', async () => {
    const view = await call(stack, 'GET', `/cases/${caseId}`, { token: tokens.officer });
    expect(view.status).toBe(200);
    expect(leaks(view.body)).toEqual([]);
    expect(view.body.applicant.idDocument.number).toBe('110101********7774');
    const list = await call(stack, 'GET', '/cases?agencyId=jz-zjj&status=all', { token: tokens.supervisor });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(caseId);
    expect(leaks(list.body)).toEqual([]);
    const action = { type: 'start_consultation', date: '2026-11-23', party: 'other_agency', name: '江州市自然资源和规划局', expectedVersion: view.body.version };
    const acted = await call(stack, 'POST', `/cases/${caseId}/actions`, { token: tokens.officer, body: action });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    expect(leaks(acted.body)).toEqual([]);
  });
});

describe('GET /cases/{id}/applicant and the read audit', () => {
  it('gives the full values to an officer of the agency and records who read them, when and why', async () => {
    const before = Date.now();
    const full = await call(stack, 'GET', `/cases/${caseId}/applicant?reason=${encodeURIComponent('邮寄答复书需要地址')}`, { token: tokens.officer });
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(full.body.applicant).toMatchObject({ idDocument: { type: 'resident_id', number: ID_NUMBER }, phone: PHONE, email: EMAIL, name: '张三' });
    expect(full.body.caseId).toBe(caseId);

    const audit = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj', { token: tokens.supervisor });
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    const [read] = audit.body.items;
    expect(read).toMatchObject({ caseId, agencyId: 'jz-zjj', reader: { sub: 'officer-li', role: 'officer' }, reason: '邮寄答复书需要地址' });
    expect(Date.parse(read.at)).toBeGreaterThanOrEqual(before - 1000);
    // The audit names the case, never the data read.
    expect(leaks(audit.body)).toEqual([]);
  });

  it('a case the caller may not see: 404, and no read is recorded', async () => {
    expect((await call(stack, 'GET', `/cases/${caseId}/applicant`, { token: tokens.otherOfficer })).status).toBe(404);
    expect((await call(stack, 'GET', `/cases/${caseId}/applicant`, { token: tokens.otherSupervisor })).status).toBe(404);
    const admin = await tokenFor(stack, 'jz', 'admin');
    expect((await call(stack, 'GET', `/cases/${caseId}/applicant`, { token: admin })).status).toBe(403);
    const audit = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj', { token: tokens.supervisor });
    expect(audit.body.items).toHaveLength(1);
  });

  it('a supervisor reads the audit of their subtree only, an officer not at all; a day range narrows it', async () => {
    expect((await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj', { token: tokens.officer })).status).toBe(403);
    const other = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj', { token: tokens.otherSupervisor });
    expect(other.status).toBe(422);
    expect(other.body.problems[0].path).toEqual(['query', 'agencyId']);
    const longAgo = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj&from=2020-01-01&to=2020-12-31', { token: tokens.supervisor });
    expect(longAgo.status).toBe(200);
    expect(longAgo.body.items).toEqual([]);
    const reversed = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj&from=2026-12-31&to=2026-01-01', { token: tokens.supervisor });
    expect(reversed.status).toBe(422);
    const farOff = await call(stack, 'GET', '/audit/personal-data-reads?agencyId=jz-zjj&from=0001-01-01&to=9999-12-31', { token: tokens.supervisor });
    expect(farOff.status).toBe(422);
    expect(farOff.body.problems.map((p: { path: string[] }) => p.path)).toEqual([['query', 'from'], ['query', 'to']]);
  });
});

describe('no identity where no task needs it', () => {
  it('idempotency records hold no personal data', async () => {
    const page = await stack.db.doc.send(
      new ScanCommand({ TableName: stack.db.tableName, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'idempotency' }, ConsistentRead: true }),
    );
    expect(page.Items!.length).toBeGreaterThan(0);
    expect(leaks(page.Items)).toEqual([]);
    expect(JSON.stringify(page.Items)).not.toContain('张三');
  });

  it('the worklist index projects no identity document, phone or e-mail', async () => {
    const index = INDEXES.byAgencyStatus;
    const page = await stack.db.doc.send(
      new QueryCommand({
        TableName: stack.db.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': worklistPartition('jz-zjj', 'open') },
      }),
    );
    expect(page.Items!.length).toBeGreaterThan(0);
    for (const item of page.Items!) expect(item).not.toHaveProperty('applicant');
    expect(leaks(page.Items)).toEqual([]);
  });
});

describe('POST /cases/{id}/erasure: a lawful deletion request (PIPL Art. 47, #13 item 8)', () => {
  it("lets only an admin of the case's tree erase a closed case's applicant data, as an event, once", async () => {
    const body = { ...registration(), receivedDate: '2026-11-16', request: { description: '2024年江州市棚户区改造补偿标准' } };
    const created = await call(stack, 'POST', '/cases', { token: tokens.officer, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const replied = await call(stack, 'POST', `/cases/${id}/actions`, {
      token: tokens.officer,
      body: { type: 'reply', outcome: 'disclosed', date: '2026-11-18', expectedVersion: created.body.version },
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    const admin = await tokenFor(stack, 'jz', 'admin');
    const note = '删除申请 2026-017，个人信息保护法第四十七条';

    expect((await call(stack, 'POST', `/cases/${id}/erasure`, { token: tokens.officer, body: { note } })).status).toBe(403);
    expect((await call(stack, 'POST', `/cases/${id}/erasure`, { token: await tokenFor(stack, 'jz-qingshan', 'admin'), body: { note } })).status).toBe(404);
    const invalid = await call(stack, 'POST', `/cases/${id}/erasure`, { token: admin, body: {} });
    expect(invalid.status).toBe(422);
    expect(invalid.body.problems.map((p: { path: string[] }) => p.path)).toEqual([['body', 'note']]);
    const open = await call(stack, 'POST', `/cases/${caseId}/erasure`, { token: admin, body: { note } });
    expect(open.status).toBe(422);
    expect(open.body).toMatchObject({ rule: 'erasure.case_open', messages: { zh: expect.stringContaining('个人信息保护法') } });

    const erased = await call(stack, 'POST', `/cases/${id}/erasure`, { token: admin, body: { note } });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ id, version: 3, anonymisedAt: expect.any(String) });
    const again = await call(stack, 'POST', `/cases/${id}/erasure`, { token: admin, body: { note } });
    expect(again.body).toEqual(erased.body);

    const view = await call(stack, 'GET', `/cases/${id}`, { token: tokens.officer });
    expect(view.status).toBe(200);
    expect(view.body.applicant).toEqual({ type: 'natural_person', name: '', idDocument: { type: 'resident_id', number: '' } });
    expect(view.body.anonymisedAt).toBe(erased.body.anonymisedAt);
    expect(view.body.request).toEqual({ description: '' });
    expect(view.body.events.map((e: { type: string }) => e.type)).toEqual(['register', 'reply', 'anonymise']);
    expect(view.body.events.at(-1)).toMatchObject({ reason: 'erasure_request', note, actor: { role: 'admin' } });
    const full = await call(stack, 'GET', `/cases/${id}/applicant`, { token: tokens.officer });
    expect(leaks(full.body)).toEqual([]);
    expect(JSON.stringify(full.body)).not.toContain('张三');
  });
});
