/** A fresh table per test file on the DynamoDB Local that tests/global-setup.ts started. */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDb, SETUP_DEADLINE_MS, type Db } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/create-table.js';

export interface TestDb extends Db {
  endpoint: string;
  client: DynamoDBClient;
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);
  const db = createDb({ endpoint, tableName, deadlineMs: SETUP_DEADLINE_MS });
  return {
    ...db,
    endpoint,
    client,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
