/**
 * The outbox (shared/store/outbox.ts) over DynamoDB Local: the work written in an event's transaction is
 * delivered by the stream handler (the same one the AWS functions run) and each notification is sent
 * exactly once — through a forced failure of the sender (the record is reported failed, retried, then sent
 * once) and through a repeated delivery of the same stream records (skipped: already done).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import type { Caller } from '../../shared/caller.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { eraseApplicantData } from '../../shared/services/retention.js';
import { listEvents } from '../../shared/store/cases.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { renderDocx } from '../../shared/documents/render-docx.js';
import type { Notifier } from '../../shared/services/notify.js';
import { notifyWork } from '../../shared/services/notify-work.js';
import type { Performer } from '../../shared/services/outbox-work.js';
import { DOCUMENT_WORK_KINDS, renderWork } from '../../shared/services/render-work.js';
import { handleStreamBatch, type StreamRecord } from '../../shared/services/outbox-stream.js';
import { folderDocumentStorage } from '../../shared/store/document-storage.js';
import { listDocuments } from '../../shared/store/documents.js';
import { listOutbox } from '../../shared/store/outbox.js';
import { ENTITY } from '../../shared/store/keys.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
const officer = { sub: 'o1', name: '李办事员', agencyId: 'jz-zjj', roles: ['officer'] } as unknown as Caller;

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

describe('outbox: exactly once', () => {
  it('sends each notification once through a forced failure and a repeated delivery', async () => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const body = { ...application, applicant: { ...application.applicant, email: 'zhangsan@example.com' }, channel: 'mail' as const, receivedDate: '2026-03-02' };
    const created = await registerCase(db, officer, body, { now: new Date('2026-03-02T02:00:00Z') });
    const work = await listOutbox(db);
    const mine = work.filter((w) => w.caseId === created.id);
    // The receipt: render it, e-mail and SMS the applicant.
    expect(mine.map((w) => (w.kind === 'notify' ? `notify:${w.channel}:${w.topic}` : w.kind)).sort()).toEqual([
      'notify:email:receipt',
      'notify:sms:receipt',
      'render_document',
    ]);

    // The stream delivers what the transaction wrote: INSERT records with the outbox items' new images.
    const records: StreamRecord[] = mine.map((w, i) => ({
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: String(100 + i), NewImage: marshall({ PK: 'x', SK: 'y', entity: ENTITY.outbox, work: w }) },
    }));
    const sent: string[] = [];
    let failNext = true;
    const notifier: Notifier = {
      email: async (m) => {
        if (failNext) {
          failNext = false;
          throw new Error('SES throttled (forced)');
        }
        sent.push(`email:${m.to}:${m.subject}`);
        return `m-${sent.length}`;
      },
      sms: async (m) => {
        sent.push(`sms:${m.to}:${m.text}`);
        return `m-${sent.length}`;
      },
    };
    const errors: string[] = [];
    const render = renderWork({ db, storage: folderDocumentStorage(mkdtempSync(join(tmpdir(), 'gongkai-docs-'))), docx: renderDocx });
    const send = notifyWork({ db, notifier });
    const perform: Performer = (w) => (w.kind === 'render_document' ? render(w) : send(w));
    const deps = { db, now: () => new Date(), perform };
    const run = () => handleStreamBatch(records, ['notify', 'render_document'], deps, (w, e) => errors.push(`${w.id}: ${(e as Error).message}`));

    const first = await run();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('SES throttled (forced)');
    expect(first.batchItemFailures).toHaveLength(1);
    // Lambda retries from the failed record on; here the whole batch again, as a retry after a timeout would.
    const second = await run();
    expect(second.batchItemFailures).toEqual([]);
    const third = await run();
    expect(third.batchItemFailures).toEqual([]);

    expect(sent.filter((s) => s.startsWith('email:'))).toHaveLength(1);
    expect(sent.filter((s) => s.startsWith('sms:'))).toHaveLength(1);
    expect(sent.find((s) => s.startsWith('sms:'))).toContain('已于2026年3月2日收到，将于2026年3月30日前答复');
    // None lost: every notification of the outbox was sent, once.
    expect(sent).toHaveLength(mine.filter((w) => w.kind === 'notify').length);
    const [receipt] = await listDocuments(db, created.id);
    expect(receipt!.files?.docx.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt!.files?.html.sha256).toBe(receipt!.sha256.html);
  });

  it('does not send again when the done mark fails after the provider accepted the message, nor when two workers get the same record', async () => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const body = {
      ...application,
      applicant: { ...application.applicant, name: '王五', email: 'wangwu@example.com' },
      channel: 'mail' as const,
      receivedDate: '2026-03-03',
    };
    const created = await registerCase(db, officer, body, { now: new Date('2026-03-03T02:00:00Z') });
    const mine = (await listOutbox(db)).filter((w) => w.caseId === created.id && w.kind === 'notify');
    expect(mine).toHaveLength(2);
    const recordOf = (channel: 'email' | 'sms', seq: string): StreamRecord[] => [
      {
        eventName: 'INSERT',
        dynamodb: {
          SequenceNumber: seq,
          NewImage: marshall({ PK: 'x', SK: 'y', entity: ENTITY.outbox, work: mine.find((w) => w.kind === 'notify' && w.channel === channel) }),
        },
      },
    ];
    const sent: string[] = [];
    const notifier: Notifier = {
      email: async (m) => {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(`email:${m.to}`);
        return 'm';
      },
      sms: async (m) => {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(`sms:${m.to}`);
        return 'm';
      },
    };
    // The store fails the done mark right after SES accepted the e-mail: a forced failure at the worst point.
    let failMark = true;
    const flaky = {
      ...db,
      doc: {
        send: (command: unknown) => {
          const key = command instanceof UpdateCommand ? (command.input.Key as { PK?: string } | undefined) : undefined;
          if (failMark && key?.PK?.startsWith('DONE#')) {
            failMark = false;
            return Promise.reject(new Error('store unavailable (forced)'));
          }
          return db.doc.send(command as never);
        },
      },
    } as unknown as TestDb;
    const errors: string[] = [];
    const onError = (w: { id: string }, e: unknown) => errors.push(`${w.id}: ${(e as Error).message}`);
    const email = recordOf('email', '200');
    const first = await handleStreamBatch(email, ['notify'], { db: flaky, now: () => new Date(), perform: notifyWork({ db: flaky, notifier }) }, onError);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: '200' }]);
    expect(errors[0]).toContain('store unavailable (forced)');
    // Lambda's retries come within the claim's lease: each finds the claim held and sends nothing (the record
    // ends in the dead-letter queue and its alarm, not in a second e-mail).
    for (let i = 0; i < 3; i++) {
      const retry = await handleStreamBatch(email, ['notify'], { db, now: () => new Date(), perform: notifyWork({ db, notifier }) }, onError);
      expect(retry.batchItemFailures).toEqual([{ itemIdentifier: '200' }]);
    }
    expect(sent).toEqual(['email:wangwu@example.com']);

    // Two workers receive the same SMS record at once (a retry racing a redelivery): one sends, the other
    // is told to retry, and its retry finds the work done.
    const sms = recordOf('sms', '201');
    const [a, b] = await Promise.all([
      handleStreamBatch(sms, ['notify'], { db, now: () => new Date(), perform: notifyWork({ db, notifier }) }, onError),
      handleStreamBatch(sms, ['notify'], { db, now: () => new Date(), perform: notifyWork({ db, notifier }) }, onError),
    ]);
    expect(a.batchItemFailures.length + b.batchItemFailures.length).toBe(1);
    expect(await handleStreamBatch(sms, ['notify'], { db, now: () => new Date(), perform: notifyWork({ db, notifier }) }, onError)).toEqual({ batchItemFailures: [] });
    expect(sent.filter((s) => s.startsWith('sms:'))).toEqual([`sms:${body.applicant.phone}`]);
    expect(sent).toHaveLength(2);
  });

  it("deletes an erased case's document files and scrubs the documents, keeping their numbers and hashes", async () => {
    const { agencyId: _a, ...application } = naturalPersonApplication();
    const body = { ...application, applicant: { ...application.applicant, name: '赵六' }, channel: 'mail' as const, receivedDate: '2026-03-04' };
    const created = await registerCase(db, officer, body, { now: new Date('2026-03-04T02:00:00Z') });
    await actOnCase(db, officer, created.id, { type: 'reply', date: '2026-03-10', outcome: 'disclosed', expectedVersion: 1 }, new Date('2026-03-10T02:00:00Z'));
    const folder = mkdtempSync(join(tmpdir(), 'gongkai-docs-'));
    const deps = { db, now: () => new Date(), perform: renderWork({ db, storage: folderDocumentStorage(folder), docx: renderDocx }) };
    const deliver = async (kind: string) => {
      const work = (await listOutbox(db)).filter((w) => w.caseId === created.id && w.kind === kind);
      const records: StreamRecord[] = work.map((w, i) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(300 + i), NewImage: marshall({ entity: ENTITY.outbox, work: w }) } }));
      expect(await handleStreamBatch(records, DOCUMENT_WORK_KINDS, deps, () => undefined)).toEqual({ batchItemFailures: [] });
      return work.length;
    };
    expect(await deliver('render_document')).toBe(2); // the receipt and the reply
    const rendered = await listDocuments(db, created.id);
    const files = rendered.flatMap((d) => Object.values(d.files!).map((f) => join(folder, f.key)));
    expect(files).toHaveLength(6);
    for (const file of files) expect(readFileSync(file, 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(files[1]!, 'utf8')).toContain('赵六');

    const admin = { sub: 'admin@jz', name: '管理员', agencyId: 'jz', roles: ['admin'] } as unknown as Caller;
    await eraseApplicantData(db, admin, created.id, { note: '删除申请 2026-021' }, new Date('2026-11-30T02:00:00Z'));
    const scrubbed = await listDocuments(db, created.id);
    expect(JSON.stringify(scrubbed)).not.toContain('赵六');
    for (const [i, d] of scrubbed.entries()) {
      expect(d).toMatchObject({ number: rendered[i]!.number, sha256: rendered[i]!.sha256, anonymisedAt: '2026-11-30T02:00:00.000Z' });
      expect(d.content.zh.paragraphs).toEqual([]);
    }
    // The files go with the erase work the same transaction wrote; a second delivery finds it done.
    expect(await deliver('erase_document_files')).toBe(2);
    for (const file of files) expect(existsSync(file), file).toBe(false);
    expect((await listDocuments(db, created.id)).every((d) => d.files === undefined)).toBe(true);
    expect(await deliver('erase_document_files')).toBe(2);
    // The events still prove what was issued: the numbers and hashes of both documents.
    const refs = (await listEvents(db, created.id)).flatMap((e) => e.documents ?? []);
    expect(refs.map((r) => r.sha256)).toEqual(rendered.map((d) => d.sha256));
  });

  it('ignores stream records that are not new outbox items', async () => {
    const deps = { db, now: () => new Date(), perform: () => Promise.reject(new Error('no work expected')) };
    const records: StreamRecord[] = [
      { eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', NewImage: marshall({ entity: ENTITY.outbox, work: { id: 'w', kind: 'notify' } }) } },
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '2', NewImage: marshall({ entity: ENTITY.case, id: 'c' }) } },
    ];
    expect(await handleStreamBatch(records, ['notify'], deps, () => undefined)).toEqual({ batchItemFailures: [] });
  });
});
