/**
 * The outbox (shared/store/outbox.ts) over DynamoDB Local: the work written in an event's transaction is
 * delivered by the stream handler (the same one the AWS functions run) and each notification is sent
 * exactly once — through a forced failure of the sender (the record is reported failed, retried, then sent
 * once) and through a repeated delivery of the same stream records (skipped: already done).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import type { Caller } from '../../shared/http/auth.js';
import { registerCase } from '../../shared/services/cases.js';
import type { Notifier } from '../../shared/services/notify.js';
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
      dynamodb: { SequenceNumber: String(100 + i), NewImage: marshall({ PK: 'x', SK: 'y', entity: ENTITY.outbox, work }) as Record<string, unknown> },
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
    const deps = { db, now: () => new Date(), notifier, storage: folderDocumentStorage(mkdtempSync(join(tmpdir(), 'gongkai-docs-'))) };
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
    const [receipt] = await listDocuments(db, created.id);
    expect(receipt!.files?.docx.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt!.files?.html.sha256).toBe(receipt!.sha256.html);
  });

  it('ignores stream records that are not new outbox items', async () => {
    const deps = { db, now: () => new Date() };
    const records: StreamRecord[] = [
      { eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', NewImage: marshall({ entity: ENTITY.outbox, work: { id: 'w', kind: 'notify' } }) as Record<string, unknown> } },
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '2', NewImage: marshall({ entity: ENTITY.case, id: 'c' }) as Record<string, unknown> } },
    ];
    expect(await handleStreamBatch(records, ['notify'], deps, () => undefined)).toEqual({ batchItemFailures: [] });
  });
});
