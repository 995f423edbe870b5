/**
 * Year-end statistics over 100k cases (docs/architecture.md budgets: ≤ 1.3x the time of reading the same items with a
 * bare paginated Query; memory flat in the number of cases).
 *
 * 100,000 cases of one agency received in 2025 (and 10,000 of another) are written directly as items — the
 * case item's keys from shared/store/keys.ts and a realistic `report` attribute (the mix of
 * infra/local/demo-cases.ts: channels, applicant kinds, outcomes, a few still open, some appealed); raw
 * writes, not the services, since only the statistics are measured. Then, per agency, in one child process
 * with --expose-gc (bench/reports-measure.ts): a bare paginated Query of the agency's GSI2 partition, then
 * the whole statistics as the API computes them, both through the same client with a GC forced and the heap
 * sampled after every response. DynamoDB Local dominates both timings (it re-reads the rest of the
 * partition for every page, so a read of 100k items takes about a minute): two runs of each keep the
 * benchmark near five minutes.
 *
 * Run alone: npm run bench -- reports
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { addDays } from '../shared/calendar/civil-date.js';
import { OUTCOME_CODE_LIST } from '../shared/domain/outcome-codes.js';
import type { ApplicantColumn, Channel } from '../shared/domain/types.js';
import type { ReportCase } from '../shared/reports/report-case.js';
import { putAgency } from '../shared/store/agencies.js';
import { createDb, type Db } from '../shared/store/client.js';
import { ensureTable } from '../shared/store/create-table.js';
import { caseIndexKeys, caseKey, ENTITY, SCHEMA_VERSION } from '../shared/store/keys.js';
import { REPORT_ATTRIBUTE } from '../shared/store/table-definition.js';
import { localClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { seededRandom, type Random } from '../infra/local/demo-cases.js';
import { batchWrite } from './store-tools.js';

const YEAR = 2025;
const LARGE = 100_000;
const SMALL = 10_000;
/** Runs over the 100k cases: about two minutes each on DynamoDB Local. */
const ROUNDS = 2;
/** After the year: the statistics read the closing-year partitions up to 2026. */
const NOW = new Date('2026-06-01T02:00:00Z');

function pick<T>(random: Random, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) if ((roll -= weight) < 0) return value;
  return weighted[weighted.length - 1]![0];
}

/** A case of `agencyId` received in 2025 as the statistics see it. */
function reportCase(random: Random, agencyId: string, index: number): ReportCase {
  const id = `${agencyId}-${String(index).padStart(7, '0')}`;
  const receivedDate = addDays(`${YEAR}-01-01`, Math.floor(random() * 365));
  const base: ReportCase = {
    id,
    agencyId,
    applicantColumn: pick<ApplicantColumn>(random, [['natural_person', 88], ['commercial', 6], ['legal_services', 2.5], ['other', 2], ['social_welfare', 1], ['research', 0.5]]),
    channel: pick<Channel>(random, [['online', 62], ['in_person', 15], ['mail', 14], ['email', 5], ['other', 3], ['fax', 1]]),
    receivedDate,
    appeals: [],
    complaints: [],
  };
  if (random() < 0.03) return base; // still open
  const closedDate = addDays(receivedDate, 3 + Math.floor(random() * 40));
  const withdrawn = random() < 0.05;
  const outcome = OUTCOME_CODE_LIST[Math.floor(random() * OUTCOME_CODE_LIST.length)]!;
  const closed: ReportCase = {
    ...base,
    closedDate,
    closingAction: withdrawn ? 'withdraw' : 'reply',
    ...(withdrawn ? {} : { outcome }),
    timing: pick(random, [['on_time', 86], ['extended', 8], ['overdue', 6]] as const),
  };
  if (withdrawn || random() > 0.05) return closed;
  const filedDate = addDays(closedDate, 5 + Math.floor(random() * 50));
  const decided = random() < 0.8;
  return {
    ...closed,
    appeals: [{ kind: 'reconsideration', filedDate, ...(decided ? { decidedDate: addDays(filedDate, 60), result: 'upheld' as const } : {}) }],
  };
}

/** The case item's keys and its `report` (what the statistics indexes project); the rest of a case item is not read. */
function caseItem(c: ReportCase): Record<string, unknown> {
  const status = c.closingAction === undefined ? 'received' : c.closingAction === 'withdraw' ? 'withdrawn' : 'replied';
  return {
    ...caseKey(c.id),
    ...caseIndexKeys({ id: c.id, agencyId: c.agencyId, status, receivedDate: c.receivedDate, closedDate: c.closedDate }),
    entity: ENTITY.case,
    schemaVersion: SCHEMA_VERSION,
    id: c.id,
    agencyId: c.agencyId,
    [REPORT_ATTRIBUTE]: c,
  };
}

async function writeCases(db: Db, agencyId: string, count: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  await batchWrite(
    db,
    Array.from({ length: count }, (_, i) => caseItem(reportCase(random, agencyId, i))),
  );
}

interface Figures {
  ms: number;
  startMb: number;
  peakMb: number;
  responses: number;
}

interface Measured {
  cases: number;
  bare: Figures;
  stats: Figures;
}

/** One agency measured in a child process with --expose-gc (bench/reports-measure.ts). */
function measure(endpoint: string, tableName: string, agencyId: string): Measured {
  const script = fileURLToPath(new URL('./reports-measure.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, endpoint, tableName, agencyId, String(YEAR), NOW.toISOString()], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`the measured run of ${agencyId} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Measured;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const growth = (f: Figures) => f.peakMb - f.startMb;

export async function benchReports(): Promise<string[]> {
  const database = await startDynamoDbLocal();
  const client = localClient(database.endpoint);
  const db = createDb({ endpoint: database.endpoint, tableName: `bench-reports-${randomUUID()}` });
  try {
    await ensureTable(client, db.tableName);
    const at = NOW.toISOString();
    for (const id of ['bench-large', 'bench-small']) {
      await putAgency(db, { id, name: id === 'bench-large' ? '压测市人民政府' : '压测县人民政府', parentId: null, autoConfirmOnline: true, calendarRegion: null, updatedAt: at, updatedBy: 'bench' });
    }
    const started = performance.now();
    await writeCases(db, 'bench-large', LARGE, 1);
    await writeCases(db, 'bench-small', SMALL, 2);
    const write = { ms: performance.now() - started };

    // The small agency first: it also warms DynamoDB Local up. The large one twice (each run: bare Query,
    // then statistics), keeping the fastest of each: the machine may be shared, and interference only
    // ever adds time.
    const small = measure(database.endpoint, db.tableName, 'bench-small');
    const runs = Array.from({ length: ROUNDS }, () => measure(database.endpoint, db.tableName, 'bench-large'));
    const fastest = (pick: (m: Measured) => Figures): Figures =>
      runs.map(pick).reduce((best, f) => ({ ...f, ms: Math.min(best.ms, f.ms), peakMb: Math.max(best.peakMb, f.peakMb), startMb: Math.min(best.startMb, f.startMb) }));
    const large: Measured = { cases: runs[0]!.cases, bare: fastest((m) => m.bare), stats: fastest((m) => m.stats) };
    if (small.cases !== SMALL || runs.some((run) => run.cases !== LARGE)) throw new Error(`expected ${SMALL} and ${LARGE} cases`);
    const ratio = large.stats.ms / large.bare.ms;
    const memoryRatio = growth(large.stats) / growth(small.stats);
    return [
      `year-end statistics of one agency, ${LARGE.toLocaleString('en')} cases received in ${YEAR} (written raw in ${seconds(write.ms)}), DynamoDB Local, fastest of ${ROUNDS} runs`,
      `  baseline paginated Query of the GSI2 partition: ${seconds(large.bare.ms)} (${large.bare.responses} pages)`,
      `  statistics (3 sets, aggregation, identities):  ${seconds(large.stats.ms)} (${large.stats.responses} requests) = ${ratio.toFixed(2)}x ${ratio <= 1.3 ? 'ok' : 'OVER (budget 1.3x)'}`,
      `  (${SMALL.toLocaleString('en')} cases: ${seconds(small.bare.ms)} vs ${seconds(small.stats.ms)} = ${(small.stats.ms / small.bare.ms).toFixed(2)}x)`,
      'peak heap above the start, GC forced after every DynamoDB response (child process with --expose-gc):',
      `  ${SMALL.toLocaleString('en')} cases: statistics ${growth(small.stats).toFixed(1)} MB, bare Query ${growth(small.bare).toFixed(1)} MB`,
      `  ${LARGE.toLocaleString('en')} cases: statistics ${growth(large.stats).toFixed(1)} MB, bare Query ${growth(large.bare).toFixed(1)} MB`,
      `  10x the cases: ${memoryRatio.toFixed(2)}x the memory ${memoryRatio <= 1.5 ? 'ok (flat)' : 'NOT FLAT'}`,
    ];
  } finally {
    client.destroy();
    db.doc.destroy();
    await database.stop();
  }
}
