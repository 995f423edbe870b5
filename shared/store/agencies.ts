/**
 * Agencies (docs/domain.md §1): a tree. Each item holds its parent id, its name and its policy
 * `autoConfirmOnline` (docs/domain.md §3, default on). Agencies are created and changed, never deleted, so an
 * agency once read exists: found agencies are cached for a minute per process (a changed policy takes
 * effect within a minute everywhere); an unknown id is always read again.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyDocumentSettings } from '../documents/compose.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { queryAll } from './query.js';
import { AGENCIES_PARTITION, agencyIndexKeys, agencyKey, ENTITY, SCHEMA_VERSION } from './keys.js';
import { INDEXES } from './table-definition.js';
import { checkItem } from './items.js';

export interface Agency {
  id: string;
  name: string;
  parentId: string | null;
  /** docs/domain.md §3 policy: the system confirms online submissions at once (default on). */
  autoConfirmOnline: boolean;
  /**
   * Whether the public form offers this agency and `POST /applications` accepts applications for it
   * (default on: every administrative organ receives applications, Art. 29 of the 2019 Regulation allows
   * the electronic form; switch it off for a unit that is only a node of the tree). Officers register
   * applications that arrive otherwise (in person, by mail) whatever the flag says.
   */
  acceptsOnlineApplications: boolean;
  /**
   * The region whose calendar overrides apply to this agency's deadlines (a minority region's own
   * holidays, docs/domain.md §4); null: the national calendar.
   */
  calendarRegion: string | null;
  /**
   * Whole years after a case's closing date until the retention job removes its applicant's personal data
   * (shared/services/retention.ts); default DEFAULT_RETENTION_YEARS.
   */
  retentionYears: number;
  /** Its written notices' number pattern and remedy-clause bodies (shared/documents); absent: the defaults. */
  documents?: AgencyDocumentSettings;
  updatedAt: string;
  updatedBy: string;
}

/**
 * The default retention period of an applicant's personal data on a closed case: 10 years. 《机关文件材料归档
 * 范围和文书档案保管期限规定》(国家档案局令第8号, 2006) Art. 6 keeps an agency's records permanently or for a
 * fixed period, "定期一般分为30年、10年", Art. 8 puts an agency's routine case files (一般性业务文件材料) in the
 * fixed periods, and Art. 12 has each agency adopt its own schedule (保管期限表) approved by its archives
 * authority: an agency sets that schedule's period as `retentionYears` (PUT /agencies/{id}). 10 years, the
 * shorter fixed period, follows PIPL Art. 19 (kept no longer than the purpose needs). docs/domain.md P12.
 */
export const DEFAULT_RETENTION_YEARS = 10;

const CACHE_MS = 60_000;
const cache = new Map<string, { agency: Agency; at: number }>();

/** An agency item read from the table itself (checked: entity and schema version). */
function fromTableItem(item: Record<string, unknown>): Agency {
  checkItem(item, ENTITY.agency);
  return fromItem(item);
}

/**
 * An agency from the worklist index, whose projection (table-definition.ts) carries the agency's fields
 * but not `entity`/`schemaVersion`: the index partition `AGENCIES` holds agencies only, by its key.
 */
function fromItem(item: Record<string, unknown>): Agency {
  return {
    id: item.id as string,
    name: item.name as string,
    parentId: (item.parentId as string | null | undefined) ?? null,
    autoConfirmOnline: item.autoConfirmOnline !== false,
    acceptsOnlineApplications: item.acceptsOnlineApplications !== false,
    calendarRegion: (item.calendarRegion as string | null | undefined) ?? null,
    retentionYears: typeof item.retentionYears === 'number' ? item.retentionYears : DEFAULT_RETENTION_YEARS,
    ...(item.documents ? { documents: item.documents } : {}),
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
  const agency = result.Item ? fromTableItem(result.Item) : undefined;
  if (agency) cache.set(id, { agency, at: Date.now() });
  return agency;
}

/** What `putAgency` writes: an agency, whose `acceptsOnlineApplications` defaults to on, `retentionYears` to 10. */
export type AgencyInput = Omit<Agency, 'acceptsOnlineApplications' | 'retentionYears'> & {
  acceptsOnlineApplications?: boolean;
  retentionYears?: number;
};

export async function putAgency(db: Db, input: AgencyInput): Promise<void> {
  const agency: Agency = {
    ...input,
    acceptsOnlineApplications: input.acceptsOnlineApplications ?? true,
    retentionYears: input.retentionYears ?? DEFAULT_RETENTION_YEARS,
  };
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
