/**
 * Published year-end reports (docs/architecture.md "Data and consistency": generated reports are items too, their
 * files go to S3). One item per agency, year, template and scope records what was published: the figures
 * (cell id → value, a few kilobytes), the identity check it passed, who published it and when, and the keys
 * of its JSON, CSV and HTML files in the report storage (shared/store/report-storage.ts).
 *
 * The item is written after the files, so it never names a file that is missing; it is what says "this
 * report is published", what the API serves (the renderers are pure, so the CSV and HTML it renders from
 * the figures are the stored files) and what next year's identity 6 compares with (docs/domain.md §7).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportScope } from '../reports/aggregate.js';
import type { TemplateId } from '../reports/templates/template-types.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { ENTITY, reportKey, SCHEMA_VERSION } from './keys.js';
import { checkItem } from './items.js';
import { batchGetEach } from './query.js';

/** The identities a published report was checked against (docs/domain.md §7), and with what. */
export interface IdentityCheck {
  passed: true;
  /** The identities checked, by number (4 holds by construction of the aggregation). */
  identities: number[];
  /** Identity 6: the published report of the year before it was compared with. */
  previousYear: { year: number; templateId: TemplateId; generatedAt: string } | null;
  /** Identity 8: the agencies whose reports a consolidated report was compared with. */
  children: string[] | null;
}

export type ReportFormat = 'json' | 'csv' | 'html';

export interface ReportRecord {
  agencyId: string;
  /** The agency's name when published: it is in the documents' titles. */
  agencyName: string;
  year: number;
  templateId: TemplateId;
  scope: ReportScope;
  generatedAt: string;
  publishedAt: string;
  /** The supervisor's `sub`, or `system` for the year-end job. */
  publishedBy: string;
  values: Record<string, number>;
  identityCheck: IdentityCheck;
  /** Where the files are (ReportStorage.location) and their keys. */
  storage: string;
  files: Record<ReportFormat, string>;
}

export async function putReportRecord(db: Db, record: ReportRecord): Promise<void> {
  await guarded(() =>
    db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...reportKey(record.agencyId, record.year, record.templateId, record.scope),
          entity: ENTITY.report,
          schemaVersion: SCHEMA_VERSION,
          ...record,
        },
      }),
    ),
  );
}

export async function getReportRecord(
  db: Db,
  key: { agencyId: string; year: number; templateId: TemplateId; scope: ReportScope },
): Promise<ReportRecord | undefined> {
  const result = await guarded(() =>
    db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: reportKey(key.agencyId, key.year, key.templateId, key.scope),
        ConsistentRead: true,
      }),
    ),
  );
  if (!result.Item) return undefined;
  checkItem(result.Item, ENTITY.report);
  const { PK: _pk, SK: _sk, entity: _e, schemaVersion: _v, ...record } = result.Item;
  return record as ReportRecord;
}

/** The figures of a published report and what identifies them (what a consolidation reads). */
export type ReportFigures = Pick<ReportRecord, 'agencyId' | 'year' | 'templateId' | 'scope' | 'generatedAt' | 'values'>;

/**
 * The figures of many published reports of one year, template and scope (BatchGetItem, 100 keys a call,
 * strongly consistent so a report published a moment ago is seen), handed to `each` chunk by chunk so the
 * caller folds them without holding them all. Agencies with no such report are returned.
 */
export async function forEachReportFigures(
  db: Db,
  key: { agencyIds: readonly string[]; year: number; templateId: TemplateId; scope: ReportScope },
  each: (figures: ReportFigures) => void,
): Promise<string[]> {
  const seen = new Set<string>();
  await batchGetEach(
    db,
    key.agencyIds.map((agencyId) => reportKey(agencyId, key.year, key.templateId, key.scope)),
    {
      ConsistentRead: true,
      ProjectionExpression: '#e, agencyId, #y, templateId, #s, generatedAt, #v',
      ExpressionAttributeNames: { '#e': 'entity', '#y': 'year', '#s': 'scope', '#v': 'values' },
    },
    (items) => {
      for (const item of items) {
        if (item.entity !== ENTITY.report) continue;
        const { entity: _e, ...figures } = item;
        seen.add(figures.agencyId as string);
        each(figures as ReportFigures);
      }
    },
    { what: 'report records' },
  );
  return key.agencyIds.filter((id) => !seen.has(id));
}
