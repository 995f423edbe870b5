/**
 * Reads trust nothing (docs/architecture.md "Data model"): every item carries `entity` and
 * `schemaVersion`, and the store checks both before it maps an item — an item of another entity, or of a
 * schema version this code does not know, is an error (500 at the edge, the cause logged), never silently
 * mapped. And a creation whose key is already held returns the earlier record (created-or-earlier) rather
 * than throwing for the service to catch and poll.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { submitApplication } from '../../shared/services/applications.js';
import { createCase, getCase, listEvents } from '../../shared/store/cases.js';
import { StoredItemError } from '../../shared/store/items.js';
import { caseKey, eventKey } from '../../shared/store/keys.js';
import { newCaseId } from '../../shared/services/identifiers.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

const setAttribute = (key: Record<string, string>, name: string, value: unknown) =>
  db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: key,
      UpdateExpression: 'SET #n = :v',
      ExpressionAttributeNames: { '#n': name },
      ExpressionAttributeValues: { ':v': value },
    }),
  );

describe('stored items are checked on read', () => {
  it('reads a case and its events written by this code', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date() });
    expect((await getCase(db, body.id))?.id).toBe(body.id);
    expect((await listEvents(db, body.id)).length).toBeGreaterThan(0);
  });

  it('refuses a case item of a schema version it does not know', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-fgw'), { now: new Date() });
    await setAttribute(caseKey(body.id), 'schemaVersion', 99);
    await expect(getCase(db, body.id)).rejects.toBeInstanceOf(StoredItemError);
    await expect(getCase(db, body.id)).rejects.toThrow(/schema version 99/);
  });

  it('refuses an item at a case key that is not a case, and an event that is not an event', async () => {
    const { body } = await submitApplication(db, naturalPersonApplication('jz-qingshan'), { now: new Date() });
    await setAttribute(eventKey(body.id, 1), 'entity', 'report');
    await expect(listEvents(db, body.id)).rejects.toThrow(/Expected a event item|found entity "report"/);
    await setAttribute(caseKey(body.id), 'entity', 'agency');
    await expect(getCase(db, body.id)).rejects.toBeInstanceOf(StoredItemError);
  });
});

describe('createCase returns created-or-earlier', () => {
  it('returns the record that holds the key instead of throwing, and writes nothing', async () => {
    const now = new Date();
    const first = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now, idempotencyKey: 'created-or-earlier' });
    const record = await getCase(db, first.body.id);
    const events = await listEvents(db, first.body.id);
    const [idA, idB] = [newCaseId(now), newCaseId(now)];
    const outcome = await createCase(db, { ...record!, id: idA }, events, now, {
      owner: 'public',
      keyHash: 'not-the-same-key-hash',
      requestHash: 'h',
      caseId: 'x',
      expiresAtEpochSeconds: Math.floor(now.getTime() / 1000) + 60,
    });
    expect(outcome).toEqual({ created: true });
    const again = await createCase(db, { ...record!, id: idB }, events, now, {
      owner: 'public',
      keyHash: 'not-the-same-key-hash',
      requestHash: 'other',
      caseId: 'y',
      expiresAtEpochSeconds: Math.floor(now.getTime() / 1000) + 60,
    });
    expect(again).toEqual({ created: false, earlier: expect.objectContaining({ requestHash: 'h', caseId: 'x' }) });
    expect(await getCase(db, idB)).toBeUndefined();
    expect(await listEvents(db, idB)).toEqual([]);
  });
});
