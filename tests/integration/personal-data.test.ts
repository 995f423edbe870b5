/**
 * Personal data at rest (#13 items 5 and 10): what a table export holds after real submissions over
 * DynamoDB Local — no identity number, phone, e-mail or address in any item or index, no secret — while
 * the application reads back whole; the blind index finds equal documents; the query-code secret lives in
 * the secret store, and an idempotent retry after its rotation still gets the same code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { identityIndex } from '../../shared/crypto/field-encryption.js';
import { localSecretStore, secretStore, useSecretStore } from '../../shared/crypto/secret-store.js';
import { getApplicationView, submitApplication } from '../../shared/services/applications.js';
import { getCase } from '../../shared/store/cases.js';
import { worklistPartition } from '../../shared/store/keys.js';
import { INDEXES } from '../../shared/store/table-definition.js';
import { legalPersonApplication, naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;

async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
});
afterAll(async () => db?.drop());

describe('a table export', () => {
  it('holds no identity number, phone, e-mail or address, in the items or the worklist index, and no secret', async () => {
    const person = naturalPersonApplication('jz-zjj');
    person.applicant.email = 'zhangsan@example.com';
    person.applicant.address = '江州市青山区湖滨路8号';
    const organisation = legalPersonApplication('jz-fgw');
    const a = await submitApplication(db, person, { now: new Date(), idempotencyKey: 'export-test-1' });
    const b = await submitApplication(db, organisation, { now: new Date() });

    const identities = [
      person.applicant.idDocument.number,
      person.applicant.phone!,
      person.applicant.email,
      person.applicant.address,
      organisation.applicant.idDocument.number,
      organisation.applicant.email!,
      organisation.applicant.address!,
    ];
    const exported = JSON.stringify(await everyItem());
    const worklist = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEXES.byAgencyStatus.indexName,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': worklistPartition('jz-zjj', 'open') },
      }),
    );
    expect(worklist.Items?.length).toBeGreaterThan(0);
    const indexed = JSON.stringify(worklist.Items);
    for (const value of identities) {
      expect(exported).not.toContain(value);
      expect(indexed).not.toContain(value);
    }
    // No secret in the table any more (it was CONFIG / SECRET#query-code).
    expect(exported).not.toContain('SECRET#');
    expect(exported).not.toContain('"CONFIG"');

    // The application reads back whole, for those who may read it.
    expect((await getCase(db, a.body.id))?.applicant).toEqual(person.applicant);
    expect((await getCase(db, b.body.id))?.applicant).toEqual(organisation.applicant);
    // ...and the public view with the query code still works.
    const view = await getApplicationView(db, a.body.id, a.body.queryCode, { clientIp: '198.51.100.7', now: new Date() });
    expect(view.id).toBe(a.body.id);
  });

  it('keeps a blind index of the identity document on the case, equal for the same document', async () => {
    const first = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date() });
    const second = await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date() });
    const items = (await everyItem()).filter((i) => i.id === first.body.id || i.id === second.body.id);
    const indexes = items.filter((i) => i.entity === 'case').map((i) => i.identityIndex);
    expect(indexes).toHaveLength(2);
    expect(indexes[0]).toBe(indexes[1]);
    expect(indexes[0]).toBe(await identityIndex(naturalPersonApplication().applicant.idDocument));
  });
});

describe('the query-code secret', () => {
  it('is rotated in the secret store, and a retry after the rotation re-derives the same code from its version', async () => {
    const previous = secretStore();
    const store = localSecretStore(mkdtempSync(join(tmpdir(), 'gk-secrets-')));
    useSecretStore(store);
    try {
      const body = naturalPersonApplication('jz-zjj');
      const first = await submitApplication(db, body, { now: new Date(), idempotencyKey: 'rotation-test-1' });
      const version = store.rotate('query-code');
      expect((await store.current('query-code')).version).toBe(version);
      const retried = await submitApplication(db, body, { now: new Date(), idempotencyKey: 'rotation-test-1' });
      expect(retried.body.id).toBe(first.body.id);
      expect(retried.body.queryCode).toBe(first.body.queryCode);
      const view = await getApplicationView(db, first.body.id, retried.body.queryCode, { clientIp: '198.51.100.8', now: new Date() });
      expect(view.id).toBe(first.body.id);
      // New submissions use the new version.
      const fresh = await submitApplication(db, body, { now: new Date(), idempotencyKey: 'rotation-test-2' });
      const record = (await everyItem()).find((i) => i.entity === 'idempotency' && i.response && (i.response as any).body.id === fresh.body.id);
      expect(record?.secretVersion).toBe(version);
    } finally {
      useSecretStore(previous);
    }
  });
});
