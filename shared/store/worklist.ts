/**
 * The worklist index (GSI1, docs/architecture.md "Data model"): an agency's open cases by deadline and its
 * closed cases by closing date, as rows without the applicant's identity (the index projects none), and
 * the closed cases the retention job still has to anonymise.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../domain/case-state.js';
import type { CaseRecord } from './cases.js';
import type { Db } from './client.js';
import { guarded } from './errors.js';
import { worklistDueBefore, WORKLIST_FIRST_DATE, worklistPartition } from './keys.js';
import { INDEXES } from './table-definition.js';

/** A case as the worklist index holds it: no applicant identity (INDEXES.byAgencyStatus projection). */
export interface WorklistRow {
  id: string;
  agencyId: string;
  version: number;
  state: CaseState;
  request: CaseRecord['request'];
  applicantName: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorklistPage {
  items: WorklistRow[];
  lastKey?: Record<string, unknown>;
}

function fromWorklistItem(item: Record<string, any>): WorklistRow {
  return {
    id: item.id,
    agencyId: item.agencyId,
    version: item.version,
    state: item.state,
    request: item.request,
    applicantName: item.applicantName ?? '',
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * One page of an agency's worklist from the GSI1 index: open cases by deadline (awaiting confirmation
 * first), or closed ones by closing date, newest first. `dueOnOrBefore` bounds open cases by deadline.
 */
export async function queryWorklist(
  db: Db,
  options: {
    agencyId: string;
    which: 'open' | 'closed';
    dueOnOrBefore?: string | undefined;
    limit: number;
    startKey?: Record<string, unknown> | undefined;
  },
): Promise<WorklistPage> {
  const index = INDEXES.byAgencyStatus;
  const bounded = options.which === 'open' && options.dueOnOrBefore !== undefined;
  const page = await guarded(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: bounded ? '#pk = :pk AND #sk <= :due' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...(bounded ? { '#sk': index.sortKey } : {}) },
        ExpressionAttributeValues: {
          ':pk': worklistPartition(options.agencyId, options.which),
          ...(bounded ? { ':due': worklistDueBefore(options.dueOnOrBefore!) } : {}),
        },
        ScanIndexForward: options.which === 'open',
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    ),
  );
  return {
    items: (page.Items ?? []).map(fromWorklistItem),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}

/**
 * One page of an agency's closed cases concluded on or before `closedOnOrBefore` that still hold personal
 * data (GSI1, the closed worklist, oldest first): an anonymised case's sort key starts with
 * ANONYMISED_SORT_PREFIX, below the range, so the retention job never reads it again.
 */
export async function queryClosedWithPersonalData(
  db: Db,
  options: { agencyId: string; closedOnOrBefore: string; limit: number; startKey?: Record<string, unknown> | undefined },
): Promise<WorklistPage> {
  const index = INDEXES.byAgencyStatus;
  const page = await guarded(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: {
          ':pk': worklistPartition(options.agencyId, 'closed'),
          ':first': WORKLIST_FIRST_DATE,
          ':last': worklistDueBefore(options.closedOnOrBefore),
        },
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    ),
  );
  return {
    items: (page.Items ?? []).map(fromWorklistItem),
    ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}),
  };
}
