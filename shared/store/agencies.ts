/**
 * Agencies (DOMAIN.md §1): a tree. Each item holds its parent id, its name and its policy
 * `autoConfirmOnline` (DOMAIN.md §3, default on). Agencies are created and changed, never deleted, so an
 * agency once read exists: found agencies are cached for a minute per process (a changed policy takes
 * effect within a minute everywhere); an unknown id is always read again.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll } from './query.js';
import { AGENCIES_PARTITION, agencyIndexKeys, agencyKey, ENTITY, SCHEMA_VERSION } from './keys.js';
import { INDEXES } from './table-definition.js';

export interface Agency {
  id: string;
  name: string;
  parentId: string | null;
  /** DOMAIN.md §3 policy: the system confirms online submissions at once (default on). */
  autoConfirmOnline: boolean;
  /**
   * The region whose calendar overrides apply to this agency's deadlines (a minority region's own
   * holidays, DOMAIN.md §4); null: the national calendar.
   */
  calendarRegion: string | null;
  /**
   * Years after a case's closing date when its applicant's personal data is removed by the retention job
   * (shared/services/retention.ts; default DEFAULT_RETENTION_YEARS).
   */
  retentionYears?: number;
  updatedAt: string;
  updatedBy: string;
}

/**
 * The default retention period of the applicant's personal data on a closed case: 10 years, the shorter
 * of the two fixed periods (定期30年、定期10年) of 《机关文件材料归档范围和文书档案保管期限规定》 (国家档案局令
 * 第8号, 2006) for routine case files; each agency sets its own from the retention schedule its archives
 * authority approved (Art. 12 of the same rules) — `retentionYears` on the agency (PUT /agencies/{id}).
 * PIPL Art. 19: no longer than the purpose needs. docs/deployment.md "Personal data".
 */
export const DEFAULT_RETENTION_YEARS = 10;

const CACHE_MS = 60_000;
const cache = new Map<string, { agency: Agency; at: number }>();

function fromItem(item: Record<string, unknown>): Agency {
  return {
    id: item.id as string,
    name: item.name as string,
    parentId: (item.parentId as string | null | undefined) ?? null,
    autoConfirmOnline: item.autoConfirmOnline !== false,
    calendarRegion: (item.calendarRegion as string | null | undefined) ?? null,
    retentionYears: typeof item.retentionYears === 'number' ? item.retentionYears : DEFAULT_RETENTION_YEARS,
    updatedAt: item.updatedAt as string,
    updatedBy: item.updatedBy as string,
  };
}

export async function getAgency(db: Db, id: string, options: { fresh?: boolean } = {}): Promise<Agency | undefined> {
  const hit = cache.get(id);
  if (!options.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.agency;
  const result = await guarded(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: agencyKey(id), ConsistentRead: options.fresh === true })),
  );
  const agency = result.Item ? fromItem(result.Item) : undefined;
  if (agency) cache.set(id, { agency, at: Date.now() });
  return agency;
}

export async function putAgency(db: Db, agency: Agency): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...agencyKey(agency.id),
          ...agencyIndexKeys(agency.id),
          entity: ENTITY.agency,
          schemaVersion: SCHEMA_VERSION,
          ...agency,
        },
      }),
    ),
  );
  cache.delete(agency.id);
}

/** Every agency (thousands at most: one index partition, paginated). */
export async function listAgencies(db: Db): Promise<Agency[]> {
  const index = INDEXES.byAgencyStatus;
  const items = await queryAll(db, {
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': AGENCIES_PARTITION },
  });
  return items.map(fromItem);
}

/** Forget cached agencies (tests, and after an admin changes the tree in this process). */
export function clearAgencyCache(): void {
  cache.clear();
}
