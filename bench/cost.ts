/**
 * `npm run bench -- cost`: what one case costs over its life, measured on DynamoDB Local with
 * ReturnConsumedCapacity, then priced (docs/deployment.md "Cost per case").
 *
 * Measured here: the capacity units (read, write; per table and index) of each step — a submission, the
 * officers' actions of realistic lives (infra/local/seed-cases.ts plays them through the services, the demo
 * mix of infra/local/demo-cases.ts), a status check by the applicant, a case view and a worklist page by an
 * officer, the year-end job and a daily sweep (the same units as the state machines); the bytes a case
 * occupies in the table and its indexes (a Scan, sized with DynamoDB's item-size rules); the report files
 * per year; the in-process time per step (what a Lambda invocation of it bills, on a slower engine).
 * Assumed (stated in the output): how often an applicant and officers look at a case, the Lambda memory,
 * and the prices (PRICES below, each with the page it was read from).
 */
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../shared/caller.js';
import { getApplicationView, submitApplication } from '../shared/services/applications.js';
import { getCaseDetail, listCases } from '../shared/services/cases.js';
import { runJobLocally } from '../shared/services/job-runs.js';
import { createDb, type Db } from '../shared/store/client.js';
import { folderReportStorage } from '../shared/store/report-storage.js';
import { INDEXES } from '../shared/store/table-definition.js';
import { bootstrap } from '../infra/local/bootstrap.js';
import { DEMO_AGENCIES } from '../infra/local/demo-data.js';
import { localClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { seedCases } from '../infra/local/seed-cases.js';
import { CapacityMeter, emptyCapacity, type Capacity } from './capacity.js';
import { median } from './median.js';

const CASES = 400;
/** Assumed: an applicant checks the status this many times; officers open the case and page worklists this often. */
const ASSUMED = { statusChecks: 5, caseViews: 10, worklistPages: 10, lambdaMemoryGb: 0.5, unitMemoryGb: 1, provinceAgencies: 10_000, provinceCasesPerYear: 1_000_000, usdToCny: 7.1 };

/**
 * Prices, each as read (through the project's search tool, stored copies of the pages) on 2026-11-29.
 * `null`: not found in the stored pages; the output then gives the quantity without a price.
 */
const PRICES = {
  global: {
    label: 'us-east-1 (USD, converted at the assumed rate)',
    currency: 'USD',
    dynamoWriteUnit: { price: 0.625 / 1e6, source: 'airbyte.com/data-engineering-resources/dynamodb-pricing (2025-07-21): $0.625 per million WRU, US East, after the Nov 2024 reduction' },
    dynamoReadUnit: { price: 0.125 / 1e6, source: 'same page: $0.125 per million RRU' },
    lambdaGbSecond: { price: 0.0000133334, source: 'cloudchipr.com/blog/aws-lambda-pricing: Arm, first 7.5 billion GB-s a month, US East (N. Virginia)' },
    lambdaRequest: { price: 0.2 / 1e6, source: 'git.mcrn.ar/.../lambda-13-cost.md: $0.20 per 1M requests (x86 and arm64)' },
    stateTransition: { price: 0.025 / 1000, source: 'aws.amazon.com/step-functions/pricing: $0.025 per 1,000 state transitions, US East (N. Virginia)' },
  },
  china: {
    label: 'China (Beijing) and China (Ningxia) (CNY)',
    currency: 'CNY',
    dynamoWriteUnit: { price: 11.1538 / 1e6, source: 'amazonaws.cn/en/dynamodb/pricing: on-demand write requests ¥11.1538 per million, China (Beijing) and China (Ningxia)' },
    dynamoReadUnit: { price: null, source: 'amazonaws.cn/en/dynamodb/pricing: the stored copy is cut before the read-request price' },
    lambdaGbSecond: { price: null, source: 'amazonaws.cn Lambda pricing: not in the stored pages' },
    lambdaRequest: { price: null, source: 'amazonaws.cn Lambda pricing: not in the stored pages' },
    stateTransition: { price: null, source: 'amazonaws.cn Step Functions pricing: not in the stored pages' },
  },
} as const;

const log = (line: string) => console.error(`  [cost ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** DynamoDB's item size: attribute names plus values (strings in UTF-8, numbers ~1 byte per 2 digits + 1, maps and lists 3 bytes + 1 per element). */
function sizeOf(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((s: number, v) => s + 1 + sizeOf(v), 0);
  if (typeof value === 'object') return 3 + Object.entries(value as Record<string, unknown>).reduce((s, [k, v]) => s + 1 + Buffer.byteLength(k, 'utf8') + sizeOf(v), 0);
  return 0;
}
const itemSize = (item: Record<string, unknown>) => Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k, 'utf8') + sizeOf(v), 0);

function folderBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

interface Step {
  name: string;
  perCase: number;
  capacity: Capacity;
  ms: number;
  invocations: number;
}

export async function benchCost(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-cost-'));
  const database = await startDynamoDbLocal();
  const client = localClient(database.endpoint);
  const plain = createDb({ endpoint: database.endpoint, tableName: 'bench-cost' });
  const meter = new CapacityMeter();
  const db: Db = meter.wrap(plain);
  const storage = folderReportStorage(join(dir, 'reports'));
  const out: string[] = [];
  try {
    await bootstrap(client, plain, { demoAgencies: true });
    const measure = async <T>(fn: () => Promise<T>) => {
      const capacity = emptyCapacity();
      const t0 = performance.now();
      const value = await meter.measure(capacity, fn);
      return { value, capacity, ms: performance.now() - t0 };
    };

    // ---- A year of case lives ---------------------------------------------------------------------
    log(`playing ${CASES} case lives of 2025 through the services`);
    const lives = await measure(() => seedCases(db, { year: 2025, count: CASES, seed: 11, agencies: DEMO_AGENCIES.map((a) => ({ id: a.id, weight: 1 })), today: '2026-06-30', concurrency: 4 }));
    const created = lives.value.created;
    const actionsPerCase = lives.value.actions / created;
    // One opening (submission or registration) and its actions per case: the invocations of the write path.
    const writeInvocations = 1 + actionsPerCase;

    // ---- The reads of a case's life: a submission with its query code, then status checks and officers' views
    log('measuring a submission, a status check, a case view and a worklist page (20 each)');
    const submits: { capacity: Capacity; ms: number }[] = [];
    const status: { capacity: Capacity; ms: number }[] = [];
    const views: { capacity: Capacity; ms: number }[] = [];
    const pages: { capacity: Capacity; ms: number }[] = [];
    const officer: Caller = { sub: 'bench@jz-zjj', name: '压测办事员', agencyId: 'jz-zjj', roles: ['officer'] };
    const now = new Date('2026-06-30T02:00:00Z');
    for (let i = 0; i < 20; i++) {
      const s = await measure(() =>
        submitApplication(db, {
          agencyId: 'jz-zjj',
          applicant: { type: 'natural_person', name: '张三', idDocument: { type: 'resident_id', number: '110101199003077777' }, phone: '13800000000' },
          request: { description: '2025年青山区保障性住房分配结果公示材料', purpose: '核实本人排序' },
          delivery: { form: 'electronic', method: 'email' },
        }, { now }),
      );
      submits.push(s);
      status.push(await measure(() => getApplicationView(db, s.value.body.id, s.value.body.queryCode, { clientIp: `10.0.0.${i}`, now })));
      views.push(await measure(() => getCaseDetail(db, officer, s.value.body.id, now)));
      pages.push(await measure(() => listCases(db, officer, { status: 'open', limit: 20 })));
    }

    // ---- The jobs: the year-end once a year, the sweep once a day -------------------------------------
    log('running the year-end job and a sweep');
    const yearEnd = await measure(() => runJobLocally('year-end', db, storage, new Date('2025-12-31T16:30:00Z'), { concurrency: 4 }));
    const files = folderBytes(join(dir, 'reports'));
    const sweep = await measure(() => runJobLocally('deadline-sweep', db, storage, new Date('2026-03-01T22:00:00Z'), { concurrency: 4 }));
    const agencies = DEMO_AGENCIES.length;
    const reports = (yearEnd.value.totals.publishedSelf ?? 0) + (yearEnd.value.totals.publishedSubtree ?? 0);

    // ---- Bytes per case ---------------------------------------------------------------------------
    let startKey: Record<string, unknown> | undefined;
    const bytes = { table: 0, GSI1: 0, GSI2: 0, GSI3: 0 };
    let caseItems = 0;
    do {
      const page = await plain.doc.send(new ScanCommand({ TableName: plain.tableName, ExclusiveStartKey: startKey }));
      for (const item of page.Items ?? []) {
        if (!String(item.PK).startsWith('CASE#')) continue;
        if (item.SK === 'CASE') caseItems++;
        const size = itemSize(item);
        bytes.table += size + 100;
        // Index storage: the projected attributes with the keys, plus 100 bytes of overhead per item.
        if (item[INDEXES.byAgencyStatus.partitionKey] !== undefined) bytes.GSI1 += size + 100;
        for (const index of [INDEXES.byAgencyReceivedYear, INDEXES.byAgencyClosedYear]) {
          if (item[index.partitionKey] === undefined) continue;
          const projected = { PK: item.PK, SK: item.SK, [index.partitionKey]: item[index.partitionKey], [index.sortKey]: item[index.sortKey], ...Object.fromEntries(index.projection.filter((a) => a in item).map((a) => [a, item[a]])) };
          bytes[index.indexName] += itemSize(projected) + 100;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const bytesPerCase = (bytes.table + bytes.GSI1 + bytes.GSI2 + bytes.GSI3) / caseItems;

    // ---- Per case ---------------------------------------------------------------------------------
    const avg = (list: { capacity: Capacity }[], pick: (c: Capacity) => number) => list.reduce((s, x) => s + pick(x.capacity), 0) / list.length;
    const med = (list: { ms: number }[]) => median(list.map((x) => x.ms));
    const lifeWrites = { read: lives.capacity.read / created, write: lives.capacity.write / created };
    // The jobs at province scale: a year-end run reads every case once and writes ~1.15 reports per agency;
    // here its capacity per case is measured; a sweep run costs per agency (fixed reads) plus its flags.
    const yearEndPerCase = { read: yearEnd.capacity.read / created, write: yearEnd.capacity.write / created };
    const sweepPerAgencyRun = { read: sweep.capacity.read / agencies, write: sweep.capacity.write / agencies };
    const sweepRunsPerCase = (365 * ASSUMED.provinceAgencies) / ASSUMED.provinceCasesPerYear;
    const steps: Step[] = [
      { name: 'opening + actions (seeded lives)', perCase: 1, capacity: { ...emptyCapacity(), ...lifeWrites }, ms: lives.ms / created, invocations: writeInvocations },
      { name: 'status check by the applicant', perCase: ASSUMED.statusChecks, capacity: { ...emptyCapacity(), read: avg(status, (c) => c.read), write: avg(status, (c) => c.write) }, ms: med(status), invocations: 1 },
      { name: 'case view by an officer', perCase: ASSUMED.caseViews, capacity: { ...emptyCapacity(), read: avg(views, (c) => c.read), write: 0 }, ms: med(views), invocations: 1 },
      { name: 'worklist page (20 cases)', perCase: ASSUMED.worklistPages, capacity: { ...emptyCapacity(), read: avg(pages, (c) => c.read), write: 0 }, ms: med(pages), invocations: 1 },
      { name: 'year-end job (amortised)', perCase: 1, capacity: { ...emptyCapacity(), ...yearEndPerCase }, ms: yearEnd.ms / created, invocations: (agencies + reports) / created },
      { name: 'daily sweep (amortised, 10^4 agencies, 10^6 cases a year)', perCase: sweepRunsPerCase, capacity: { ...emptyCapacity(), ...sweepPerAgencyRun }, ms: sweep.ms / agencies, invocations: 1 },
    ];
    out.push(`measured over ${created} case lives (${actionsPerCase.toFixed(2)} actions each; ${JSON.stringify(lives.value.byStatus)}), DynamoDB Local, ReturnConsumedCapacity INDEXES:`);
    out.push('  step | per case | RCU each | WCU each | ms each (in-process) | invocations each');
    for (const s of steps) out.push(`  ${s.name} | ${s.perCase.toFixed(2)} | ${s.capacity.read.toFixed(2)} | ${s.capacity.write.toFixed(2)} | ${s.ms.toFixed(1)} | ${s.invocations.toFixed(3)}`);
    out.push(`  a submission alone: ${avg(submits, (c) => c.read).toFixed(2)} RCU, ${avg(submits, (c) => c.write).toFixed(2)} WCU, ${med(submits).toFixed(1)} ms`);
    const byIndex: Record<string, number> = {};
    for (const [name, slot] of Object.entries(lives.capacity.byIndex)) byIndex[name] = slot.write / created;
    out.push(`  writes of a life by index (WCU per case): ${Object.entries(byIndex).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
    const total = steps.reduce(
      (t, s) => ({ read: t.read + s.perCase * s.capacity.read, write: t.write + s.perCase * s.capacity.write, invocations: t.invocations + s.perCase * s.invocations, gbSeconds: t.gbSeconds + s.perCase * s.invocations * (s.ms / 1000) * (s.name.includes('job') || s.name.includes('sweep') ? ASSUMED.unitMemoryGb : ASSUMED.lambdaMemoryGb) }),
      { read: 0, write: 0, invocations: 0, gbSeconds: 0 },
    );
    // Step Functions: a standard year-end run has ~6 transitions of its own and ~2 per unit (enter and leave the
    // unit's task in its child execution); the sweep's children are express (billed per request, not counted here).
    const transitionsPerCase = (6 + 2 * (agencies + reports)) / created;
    out.push(`per case over its life: ${total.read.toFixed(1)} RCU, ${total.write.toFixed(1)} WCU, ${total.invocations.toFixed(1)} Lambda invocations, ${total.gbSeconds.toFixed(3)} GB-s, ${transitionsPerCase.toFixed(3)} state transitions; ` +
      `${Math.round(bytesPerCase).toLocaleString('en')} bytes stored (table ${Math.round(bytes.table / caseItems)}, GSI1 ${Math.round(bytes.GSI1 / caseItems)}, GSI2 ${Math.round(bytes.GSI2 / caseItems)}, GSI3 ${Math.round(bytes.GSI3 / caseItems)}); ` +
      `report files: ${files.files} objects, ${(files.bytes / 1024).toFixed(0)} KB for ${reports} reports (${(files.files / created).toFixed(3)} objects per case)`);
    out.push(`assumed: ${ASSUMED.statusChecks} status checks, ${ASSUMED.caseViews} case views, ${ASSUMED.worklistPages} worklist pages per case; ${ASSUMED.lambdaMemoryGb * 1024} MB per request function, ${ASSUMED.unitMemoryGb * 1024} MB per job unit; in-process time here stands for the billed duration`);
    for (const region of [PRICES.global, PRICES.china]) {
      const parts: string[] = [];
      let sum = 0;
      const missing: string[] = [];
      const add = (label: string, quantity: number, price: number | null) => {
        if (price === null) {
          missing.push(label);
          return;
        }
        const value = quantity * price * (region.currency === 'USD' ? ASSUMED.usdToCny : 1);
        sum += value;
        parts.push(`${label} ¥${value.toFixed(5)}`);
      };
      add('DynamoDB writes', total.write, region.dynamoWriteUnit.price);
      add('DynamoDB reads', total.read, region.dynamoReadUnit.price);
      add('Lambda duration', total.gbSeconds, region.lambdaGbSecond.price);
      add('Lambda requests', total.invocations, region.lambdaRequest.price);
      add('Step Functions', transitionsPerCase, region.stateTransition.price);
      out.push(`¥ per case, ${region.label}: ${sum.toFixed(4)} (${parts.join(', ')})${missing.length > 0 ? `; not priced (no published price found): ${missing.join(', ')}` : ''}`);
    }
    out.push('prices read on 2026-11-29:');
    for (const region of [PRICES.global, PRICES.china]) {
      for (const [name, p] of Object.entries(region)) if (typeof p === 'object') out.push(`  ${region.currency} ${name}: ${p.price === null ? 'not found' : p.price} — ${p.source}`);
    }
    out.push(`  USD→CNY ${ASSUMED.usdToCny} (assumed, not a published price)`);
    return out;
  } finally {
    client.destroy();
    plain.doc.destroy();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
