/**
 * The read audit of applicants' personal data (PIPL; issue 13 item 7): one item per read of a case's full
 * applicant data (GET /cases/{id}/applicant), in its agency's partition, sorted by the instant of the read.
 * Written before the data is answered, so no read goes unrecorded; never changed or deleted by the API.
 * The item names the case and the reader, never the data read.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ActorRole } from '../domain/types.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { auditPartition, auditReadKey, AUDIT_READ_PREFIX, ENTITY, SCHEMA_VERSION } from './keys.js';
import { checkItem } from './items.js';

export interface PersonalDataRead {
  agencyId: string;
  caseId: string;
  /** The instant of the read (ISO 8601, UTC). */
  at: string;
  reader: { sub: string; name: string; role: ActorRole };
  /** Why, as the reader gave it (query parameter `reason`). */
  reason?: string;
  /** The request that read it (API Gateway's request id, also in the access log). */
  requestId: string;
}

export async function recordPersonalDataRead(db: Db, read: PersonalDataRead): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...auditReadKey(read.agencyId, read.at, read.requestId), entity: ENTITY.audit, schemaVersion: SCHEMA_VERSION, ...read },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

export interface AuditPage {
  items: PersonalDataRead[];
  lastKey?: Record<string, unknown>;
}

/** The reads of `agencyId` with `from <= at < to` (instants), newest first. */
export async function queryPersonalDataReads(
  db: Db,
  options: { agencyId: string; from: string; to: string; limit: number; startKey?: Record<string, unknown> | undefined },
): Promise<AuditPage> {
  const page = await guarded(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': auditPartition(options.agencyId),
          ':from': `${AUDIT_READ_PREFIX}${options.from}`,
          // `to` is exclusive: every SK of an earlier instant sorts before `READ#<to>`.
          ':to': `${AUDIT_READ_PREFIX}${options.to}`,
        },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    ),
  );
  return {
    items: (page.Items ?? []).map((item) => (checkItem(item, ENTITY.audit), {
      agencyId: item.agencyId,
      caseId: item.caseId,
      at: item.at,
      reader: item.reader,
      ...(item.reason ? { reason: item.reason } : {}),
      requestId: item.requestId,
    })),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}
