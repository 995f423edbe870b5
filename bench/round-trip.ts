/**
 * Round trips through the local server against the bare DynamoDB calls each operation needs at the very
 * least, made from a plain SDK client to the same engine in the same run (docs/architecture.md budget ≤ 1.5x):
 * - a registration (`POST /cases`) and a submission (`POST /applications`): one TransactWriteItems (a
 *   submission also counts against its client's limit first, one UpdateItem, which the ratio includes);
 * - an action (`POST /cases/{id}/actions`): one GetItem and one TransactWriteItems.
 * Runs are interleaved (bare, API, bare, API, …) so drift hits both alike; medians are compared.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { startLocalEnvironment } from '../infra/local/stack.js';
import { mintToken } from '../infra/local/tokens.js';
import { naturalPersonApplication } from '../tests/fixtures/applications.js';
import { median } from './median.js';

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchRoundTrips(runs = 300): Promise<string[]> {
  // Every request comes from one client: lift the per-client limits of the public routes (their counter
  // write is still measured), or the submissions past the limit would time a 429.
  process.env.SUBMISSIONS_PER_CLIENT_HOUR ??= '1000000';
  process.env.LOOKUPS_PER_CLIENT_MINUTE ??= '1000000';
  const database = await startDynamoDbLocal();
  const stack = await startLocalEnvironment({ port: 0, tableName: `bench-${randomUUID()}`, endpoint: database.endpoint, demoAgencies: true });
  const bare = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: database.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const table = stack.db.tableName;
  try {
    const token = await mintToken(stack.key, { sub: 'bench', name: 'bench', agencyId: 'jz-zjj', roles: ['officer'] });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const application = naturalPersonApplication('jz-zjj');
    const { agencyId: _a, ...registration } = application;
    const registerBody = JSON.stringify({ ...registration, channel: 'in_person', receivedDate: '2026-06-01' });
    const submitBody = JSON.stringify(application);
    // The bare calls write the very items the API writes (same size, same index attributes, so the
    // engine maintains the same indexes), only under fresh keys.
    const sample = (await (await fetch(`${stack.url}/cases`, { method: 'POST', headers, body: registerBody })).json()) as { id: string; version: number };
    const rawCase = (await bare.send(new GetCommand({ TableName: table, Key: { PK: `CASE#${sample.id}`, SK: 'CASE' } }))).Item!;
    const rawEvent = (await bare.send(new GetCommand({ TableName: table, Key: { PK: `CASE#${sample.id}`, SK: 'EVENT#00000001' } }))).Item!;
    const bareCase = (id: string) => ({ ...rawCase, PK: `CASE#${id}`, id });
    const bareEvent = (id: string, seq: number) => ({ ...rawEvent, PK: `CASE#${id}`, SK: `EVENT#${String(seq).padStart(8, '0')}`, seq });
    const bareCreate = () => {
      const id = randomUUID();
      return bare.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: bareCase(id), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: table, Item: bareEvent(id, 1), ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
    };
    const warm = 30;
    const samples = { bareCreate: [] as number[], register: [] as number[], submit: [] as number[], bareAction: [] as number[], action: [] as number[] };
    for (let i = 0; i < warm + runs; i++) {
      const record = i >= warm;
      const b = await time(bareCreate);
      const r = await time(() => fetch(`${stack.url}/cases`, { method: 'POST', headers, body: registerBody }).then((res) => res.arrayBuffer()));
      const s = await time(() =>
        fetch(`${stack.url}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submitBody }).then((res) => res.arrayBuffer()),
      );
      if (record) {
        samples.bareCreate.push(b);
        samples.register.push(r);
        samples.submit.push(s);
      }
    }
    // Actions: open and then close a consultation, on a fresh case for every pair, so the case stays the
    // size of a real one (a case with hundreds of consultations would measure something else).
    const cases: { id: string; version: number }[] = [];
    for (let i = 0; i < (warm + runs) / 2 + 1; i++) {
      cases.push((await (await fetch(`${stack.url}/cases`, { method: 'POST', headers, body: registerBody })).json()) as { id: string; version: number });
    }
    let bareId = '';
    let bareVersion = 1;
    for (let i = 0; i < warm + runs; i++) {
      const record = i >= warm;
      const target = cases[Math.floor(i / 2)]!;
      if (i % 2 === 0) {
        bareId = randomUUID();
        bareVersion = 1;
        await bare.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table, Item: bareCase(bareId) } }] }));
      }
      const b = await time(async () => {
        await bare.send(new GetCommand({ TableName: table, Key: { PK: `CASE#${bareId}`, SK: 'CASE' }, ConsistentRead: true }));
        await bare.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...bareCase(bareId), version: bareVersion + 1 },
                  ConditionExpression: '#v = :v',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':v': bareVersion },
                },
              },
              { Put: { TableName: table, Item: bareEvent(bareId, bareVersion + 1), ConditionExpression: 'attribute_not_exists(PK)' } },
            ],
          }),
        );
        bareVersion++;
      });
      const action =
        i % 2 === 0
          ? { type: 'start_consultation', date: '2026-06-02', party: 'third_party', name: '第三方' }
          : { type: 'end_consultation', date: '2026-06-02', result: 'agreed' };
      let status = 0;
      const a = await time(async () => {
        const res = await fetch(`${stack.url}/cases/${target.id}/actions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ ...action, expectedVersion: target.version }),
        });
        status = res.status;
        target.version = ((await res.json()) as { version: number }).version;
      });
      if (status !== 200) throw new Error(`action failed with ${status}`);
      if (record) {
        samples.bareAction.push(b);
        samples.action.push(a);
      }
    }
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
    const verdict = (ratio: number) => (ratio <= 1.5 ? 'ok' : 'OVER (budget 1.5x)');
    return [
      `round trips through the local server vs bare SDK calls to the same DynamoDB Local, median of ${runs} interleaved runs`,
      `  baseline one TransactWriteItems:            ${m.bareCreate.toFixed(2)} ms`,
      `  POST /cases (registration)                  ${m.register.toFixed(2)} ms = ${(m.register / m.bareCreate).toFixed(2)}x ${verdict(m.register / m.bareCreate)}`,
      `  POST /applications (online submission)      ${m.submit.toFixed(2)} ms = ${(m.submit / m.bareCreate).toFixed(2)}x ${verdict(m.submit / m.bareCreate)}`,
      `  baseline GetItem + TransactWriteItems:      ${m.bareAction.toFixed(2)} ms`,
      `  POST /cases/{id}/actions                    ${m.action.toFixed(2)} ms = ${(m.action / m.bareAction).toFixed(2)}x ${verdict(m.action / m.bareAction)}`,
    ];
  } finally {
    bare.destroy();
    await stack.stop();
    await database.stop();
  }
}
