/**
 * The calendar-seed custom resource (functions/custom/seed-calendar.ts): what it writes, what it never
 * overwrites, and how it answers CloudFormation at the pre-signed URL, over a table kept in memory.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../shared/store/client.js';

/** A table in memory that answers the two commands the seeder sends (Query on a partition, Put). */
const table = vi.hoisted(() => {
  process.env.LOG_LEVEL = 'SILENT'; // before the logger is imported
  const items = new Map<string, Record<string, unknown>>();
  const state = { items, failWith: undefined as Error | undefined, puts: 0 };
  const send = async (command: { constructor: { name: string }; input: Record<string, any> }) => {
    if (state.failWith) throw state.failWith;
    if (command.constructor.name === 'QueryCommand') {
      const pk = command.input.ExpressionAttributeValues[':pk'] as string;
      return { Items: [...items.values()].filter((item) => item.PK === pk) };
    }
    if (command.constructor.name === 'PutCommand') {
      const item = command.input.Item as Record<string, unknown>;
      items.set(`${String(item.PK)}|${String(item.SK)}`, item);
      state.puts++;
      return {};
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  };
  return { state, db: { tableName: 'test', doc: { send } } as unknown as Db };
});

vi.mock('../../shared/store/client.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../shared/store/client.js')>()), createDb: () => table.db }));

const { handler, seedMissingYears } = await import('../../functions/custom/seed-calendar.js');
const { seedCalendarYears } = await import('../../shared/calendar/seed.js');

const adminEdited = {
  PK: 'CALENDAR',
  SK: 'YEAR#2025#-',
  entity: 'calendar',
  schemaVersion: 1,
  year: 2025,
  region: null,
  holidays: [{ date: '2025-01-01', name: '元旦' }],
  workdays: [],
  source: '国务院办公厅关于2025年部分节假日安排的通知 (amended)',
  loadedBy: 'admin-sub-1',
  loadedAt: '2025-06-01T00:00:00Z',
};

describe('seedMissingYears', () => {
  beforeEach(() => {
    table.state.items.clear();
    table.state.failWith = undefined;
    table.state.puts = 0;
  });

  it('writes every seeded year the table lacks and never overwrites one it holds', async () => {
    table.state.items.set('CALENDAR|YEAR#2025#-', { ...adminEdited });
    const seeded = seedCalendarYears().map((y) => y.year);
    expect(seeded[0]).toBe(2004);
    expect(seeded.at(-1)).toBe(2026);

    const written = await seedMissingYears(table.db);
    expect(written).toEqual(seeded.filter((y) => y !== 2025));
    expect(table.state.items.get('CALENDAR|YEAR#2025#-')).toEqual(adminEdited);
    expect(table.state.items.get('CALENDAR|YEAR#2024#-')).toMatchObject({ year: 2024, loadedBy: 'seed', entity: 'calendar' });

    expect(await seedMissingYears(table.db)).toEqual([]); // a second deployment writes nothing
  });

  it('does not take a regional year for the national one', async () => {
    table.state.items.set('CALENDAR|YEAR#2026#650000', { ...adminEdited, SK: 'YEAR#2026#650000', year: 2026, region: '650000' });
    expect(await seedMissingYears(table.db)).toContain(2026);
  });
});

describe('the custom resource handler', () => {
  let server: Server;
  let url: string;
  const received: { method: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const context = { logStreamName: '2026/01/01/[$LATEST]abc' } as Context;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          headers: request.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/response?X-Amz-Signature=x`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received.length = 0;
    table.state.items.clear();
    table.state.failWith = undefined;
  });

  const event = (requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent =>
    ({
      RequestType: requestType,
      ServiceToken: 'token',
      ResponseURL: url,
      StackId: 'stack-1',
      RequestId: 'request-1',
      LogicalResourceId: 'CalendarSeed',
      ResourceType: 'Custom::CalendarSeed',
      ResourceProperties: { ServiceToken: 'token', SeedSha256: 'abc' },
      ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'gongkai-calendar-seed' }),
    }) as CloudFormationCustomResourceEvent;

  it('on Create seeds the table and answers SUCCESS at the pre-signed URL, with no content type', async () => {
    await handler(event('Create'), context);
    expect(received).toHaveLength(1);
    const [answer] = received;
    expect(answer!.method).toBe('PUT');
    expect(answer!.headers['content-type']).toBeUndefined();
    expect(answer!.body).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'gongkai-calendar-seed',
      StackId: 'stack-1',
      RequestId: 'request-1',
      LogicalResourceId: 'CalendarSeed',
      Data: { YearsWritten: seedCalendarYears().length },
    });
    expect(table.state.items.size).toBe(seedCalendarYears().length);
  });

  it('on Delete leaves the data alone and keeps the physical id', async () => {
    table.state.items.set('CALENDAR|YEAR#2025#-', { ...adminEdited });
    table.state.failWith = new Error('the table must not be touched');
    await handler(event('Delete'), context);
    expect(received[0]!.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'gongkai-calendar-seed' });
    expect(table.state.items.size).toBe(1);
  });

  it('answers FAILED with the reason when seeding fails, so the deployment stops instead of hanging', async () => {
    table.state.failWith = new Error('AccessDeniedException: not authorized to perform dynamodb:Query');
    await handler(event('Update'), context);
    expect(received[0]!.body).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'gongkai-calendar-seed',
      Reason: expect.stringMatching(/^Seeding the calendars failed: .*dynamodb:Query.*2026\/01\/01\/\[\$LATEST\]abc/),
    });
  });

  it('fails the invocation when CloudFormation does not take the answer, so Lambda retries it', async () => {
    const refusing = createServer((_request, response) => {
      response.statusCode = 403;
      response.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const refusingUrl = `http://127.0.0.1:${String((refusing.address() as AddressInfo).port)}/`;
    await expect(handler({ ...event('Delete'), ResponseURL: refusingUrl }, context)).rejects.toThrow(/HTTP 403/);
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
  });
});
