/**
 * Process-wide secrets kept in the table (created once, with a conditional put, by whoever needs them
 * first): the key that derives the query codes of idempotent submissions (shared/services/identifiers.ts).
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { ENTITY, SCHEMA_VERSION, secretKey } from './keys.js';

const cache = new Map<string, Buffer>();

export async function getOrCreateSecret(db: Db, name: string): Promise<Buffer> {
  const cached = cache.get(`${db.tableName}/${name}`);
  if (cached) return cached;
  const read = async () => {
    const result = await guarded(() =>
      db.doc.send(new GetCommand({ TableName: db.tableName, Key: secretKey(name), ConsistentRead: true })),
    );
    return typeof result.Item?.value === 'string' ? Buffer.from(result.Item.value, 'base64') : undefined;
  };
  let secret = await read();
  if (!secret) {
    const fresh = randomBytes(32);
    try {
      await guarded(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...secretKey(name), entity: ENTITY.secret, schemaVersion: SCHEMA_VERSION, value: fresh.toString('base64') },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      secret = fresh;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      secret = await read();
    }
  }
  if (!secret) throw new Error(`secret ${name} could not be read`);
  cache.set(`${db.tableName}/${name}`, secret);
  return secret;
}
