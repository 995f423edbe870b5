/**
 * The measured part of bench/reports.ts, run in its own process with --expose-gc, once per agency: a bare
 * paginated Query of the agency's GSI2 partition for the year, then the statistics as the API computes them
 * (shared/services/reports.ts readReport: the three sets of shared/store/report-source.ts, aggregation,
 * identities). Both go through the same document client, wrapped so that after every DynamoDB response a
 * garbage collection is forced and heapUsed sampled: the two timings carry the same overhead, and the peak
 * is the heap while one page is held. Prints one JSON line.
 *
 * Arguments: ENDPOINT TABLE AGENCY YEAR NOW
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readReport } from '../shared/services/reports.js';
import { createDb } from '../shared/store/client.js';
import { receivedYearPartition } from '../shared/store/keys.js';
import { INDEXES, REPORT_ATTRIBUTE } from '../shared/store/table-definition.js';
import { heapMbAfterGc, heapSampledDb } from './store-tools.js';

const [endpoint, tableName, agencyId, yearText, nowText] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!endpoint || !tableName || !agencyId || !yearText || !nowText || gc === undefined) {
  console.error('usage: node --expose-gc --import tsx bench/reports-measure.ts ENDPOINT TABLE AGENCY YEAR NOW');
  process.exit(2);
}
const year = Number(yearText);
const heapMb = () => heapMbAfterGc(gc);

let peakMb = 0;
let responses = 0;
const plain = createDb({ endpoint, tableName });
const db = heapSampledDb(plain, gc, (mb) => {
  responses++;
  peakMb = Math.max(peakMb, mb);
});

/** The baseline: every item of the partition, paginated, with the statistics' projection. */
async function bareQuery(): Promise<number> {
  const index = INDEXES.byAgencyReceivedYear;
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#a': REPORT_ATTRIBUTE },
        ExpressionAttributeValues: { ':pk': receivedYearPartition(agencyId!, year) },
        ProjectionExpression: '#a',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function measure<T>(fn: () => Promise<T>) {
  const startMb = heapMb();
  peakMb = startMb;
  responses = 0;
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  return { value, ms, startMb, peakMb: Math.max(peakMb, heapMb()), responses };
}

const bare = await measure(bareQuery);
const stats = await measure(() => readReport(db, { year, agencyId, scope: 'self', now: new Date(nowText) }));
const counted = stats.value.report.cells['cn-2021.new.total']?.value;
if (counted !== bare.value) throw new Error(`the Query read ${bare.value} cases, the report counted ${String(counted)}`);
plain.doc.destroy();
const { value: _b, ...bareFigures } = bare;
const { value: _s, ...statsFigures } = stats;
console.log(JSON.stringify({ cases: bare.value, bare: bareFigures, stats: statsFigures }));
