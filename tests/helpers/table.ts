/** Test-only look into the table: counts items by entity (tests may Scan; the product never does). */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../shared/store/client.js';

export async function countItems(db: Db, entity: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': entity },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
