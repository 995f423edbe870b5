/**
 * `npm run bench -- scale`: a synthetic province (bench/province.ts: 2,429 agencies, 100,000 cases) on
 * DynamoDB Local, written with BatchWriteItem; then the year-end job and the daily sweep run unit by unit
 * with the code the state machines invoke (shared/services/job-runs.ts runJobLocally → runJobUnit), each
 * unit metered (time, consumed capacity), the heaviest units' peak heap measured in a child process
 * (bench/scale-measure.ts), the consolidated province report checked against the sum of every own report
 * and against the generator's own count, and the wall time predicted for 10^4 agencies and 10^6 cases at the
 * Distributed Maps' configured concurrency (shared/jobs.ts).
 *
 * The prediction: each unit's time is fitted as a + b × (capacity units it consumed) over this run; the
 * 10^4-agency province is this one 4.1 times over (10^4 / 2,429), with 2.4 times the cases per agency
 * (10^6 / 10^4 against 10^5 / 2,429), so each own-report and sweep unit reads and writes 2.4 times as much,
 * and the consolidation of the new root sums 10^4 own reports. The units are then scheduled greedily on
 * `maxConcurrency` workers, each unit plus an assumed Step Functions + Lambda overhead per unit and a cold
 * start per worker (ASSUMED_* below: not measured here, there is no AWS here). DynamoDB Local is slower than
 * DynamoDB (it answers each Query page by re-reading its partition), so the prediction errs long.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedCalendarYears } from '../shared/calendar/seed.js';
import { fanOutJobs } from '../shared/jobs.js';
import { progressPrinter } from '../shared/services/fan-out.js';
import { runJobLocally, runJobUnit, type JobSummary } from '../shared/services/job-runs.js';
import { agencyIndexKeys, agencyKey, ENTITY, SCHEMA_VERSION } from '../shared/store/keys.js';
import { loadCalendar, putCalendarYear } from '../shared/store/calendar.js';
import { createDb, SETUP_DEADLINE_MS } from '../shared/store/client.js';
import { ensureTable } from '../shared/store/create-table.js';
import { folderReportStorage } from '../shared/store/report-storage.js';
import { forEachReportFigures, getReportRecord } from '../shared/store/reports.js';
import { localClient, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { seededRandom } from '../infra/local/demo-cases.js';
import { CapacityMeter, emptyCapacity, type Capacity } from './capacity.js';
import { median } from './median.js';
import { batchWrite } from './store-tools.js';
import { generateCase, PROVINCE, provinceTree } from './province.js';

/** SCALE_CASES and SCALE_CITIES shrink the province for a quick trial run; the defaults are the benchmark. */
const CASES = Number(process.env.SCALE_CASES ?? 100_000);
const TARGET_AGENCIES = 10_000;
const TARGET_CASES = 1_000_000;
/** Units at once here (2 cores shared with DynamoDB Local). */
const LOCAL_CONCURRENCY = 8;
/** Own-report units re-run alone for the prediction's fit. */
const ALONE_SAMPLE = 30;
/** The turn of 2025/2026 (00:30 Beijing) and the sweep's morning after (06:00 Beijing, Monday 5 January). */
const YEAR_END_AT = new Date('2025-12-31T16:30:00Z');
const SWEEP_AT = new Date('2026-01-04T22:00:00Z');
/** Assumed, not measured: a Distributed Map child execution's start plus a warm Lambda invocation. */
const ASSUMED_UNIT_OVERHEAD_S = 0.5;
/** Assumed, not measured: a cold start of the unit function (once per concurrent worker and phase). */
const ASSUMED_COLD_START_S = 2;
/** Assumed, not measured: the summary step (reads the maps' result files) and the state transitions between steps. */
const ASSUMED_STEP_OVERHEAD_S = 10;

/** Items generated before they are handed to the writers, and BatchWriteItem calls in flight. */
const CHUNK_ITEMS = 2_000;
const WRITERS = 6;

const log = (line: string) => console.error(`  [scale ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface UnitFigure {
  phase: string;
  agencyId: string;
  ms: number;
  capacity: Capacity;
  /** Consolidations: the agencies summed. */
  members?: number;
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.99) - 1)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
const units = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** Least squares y = a + b x. */
function fit(points: { x: number; y: number }[]): { a: number; b: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const b = sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  return { a: Math.max(0, my - b * mx), b: Math.max(0, b) };
}

/** Greedy schedule (the Distributed Map hands items to free workers in order): the makespan in seconds. */
function makespan(durations: number[], workers: number): number {
  const free = new Array<number>(Math.min(workers, durations.length)).fill(ASSUMED_COLD_START_S);
  for (const d of durations) {
    let min = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[min]!) min = i;
    free[min]! += d + ASSUMED_UNIT_OVERHEAD_S;
  }
  return Math.max(0, ...free);
}

function measureHeap(endpoint: string, tableName: string, job: string, unit: Record<string, unknown>, reportsDir: string): { ms: number; peakMb: number } {
  const script = fileURLToPath(new URL('./scale-measure.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, endpoint, tableName, job, JSON.stringify(unit)], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'ERROR', REPORTS_DIR: reportsDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`measuring ${JSON.stringify(unit)} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ms: number; peakMb: number };
}

export async function benchScale(): Promise<string[]> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-scale-'));
  const reportsDir = join(dataDir, 'reports');
  // In memory: DynamoDB Local on disk writes far slower.
  const database = await startDynamoDbLocal();
  const client = localClient(database.endpoint);
  const plain = createDb({ endpoint: database.endpoint, tableName: 'bench-scale', deadlineMs: SETUP_DEADLINE_MS });
  const meter = new CapacityMeter();
  const db = meter.wrap(plain);
  const storage = folderReportStorage(reportsDir);
  const out: string[] = [];
  try {
    log('starting: the table and the seeded calendars');
    await ensureTable(client, plain.tableName);
    for (const year of seedCalendarYears()) await putCalendarYear(plain, year);
    const calendar = await loadCalendar(plain, null, { fresh: true });

    // ---- The province ---------------------------------------------------------------------------
    const random = seededRandom(2026);
    const shape = { ...PROVINCE, cities: Number(process.env.SCALE_CITIES ?? PROVINCE.cities) };
    const tree = provinceTree(shape, random);
    const at = YEAR_END_AT.toISOString();
    await batchWrite(
      plain,
      tree.map((a) => ({ ...agencyKey(a.id), ...agencyIndexKeys(a.id), entity: ENTITY.agency, schemaVersion: SCHEMA_VERSION, id: a.id, name: a.name, parentId: a.parentId, autoConfirmOnline: true, acceptsOnlineApplications: true, calendarRegion: null, retentionYears: 10, updatedAt: at, updatedBy: 'bench' })),
    );
    const totalWeight = tree.reduce((s, a) => s + a.weight, 0);
    const casesOf = tree.map((a) => Math.floor((a.weight / totalWeight) * CASES));
    casesOf[0]! += CASES - casesOf.reduce((s, n) => s + n, 0);
    const depth = (id: string) => id.split('-').length;
    log(`${tree.length} agencies (province, ${shape.cities} cities, ${shape.cities * shape.districtsPerCity} districts/counties, their bureaus and townships, depth ${Math.max(...tree.map((a) => depth(a.id)))}); writing ${CASES.toLocaleString('en')} cases`);
    const writeStart = performance.now();
    let serial = 0;
    let items = 0;
    let received2025 = 0;
    let open = 0;
    const busiest = Math.max(...casesOf);
    // Generating (the reducer, the sealing: CPU here) overlaps writing (DynamoDB Local's JVM): one chunk is
    // written, WRITERS BatchWriteItem calls at once, while the next is generated.
    let chunk: Record<string, unknown>[] = [];
    let writing: Promise<void> = Promise.resolve();
    let lastShown = 0;
    const flush = async (last: boolean) => {
      const ready = chunk;
      chunk = [];
      await writing;
      items += ready.length;
      writing = batchWrite(plain, ready, WRITERS);
      const now = performance.now();
      if (last || now - lastShown > 10_000) {
        lastShown = now;
        const rate = serial / ((now - writeStart) / 1000);
        log(`generated ${serial.toLocaleString('en')}/${CASES.toLocaleString('en')} cases, ${items.toLocaleString('en')} items handed to BatchWriteItem (${rate.toFixed(0)} cases/s)`);
      }
    };
    for (let i = 0; i < tree.length; i++) {
      for (let k = 0; k < casesOf[i]!; k++) {
        const c = await generateCase(random, calendar, tree[i]!.id, ++serial, '2025-12-31');
        if (c.receivedDate >= '2025-01-01') received2025++;
        if (c.record.state.closedDate === undefined) open++;
        chunk.push(...c.items);
      }
      if (chunk.length >= CHUNK_ITEMS) await flush(false);
    }
    await flush(true);
    await writing;
    const writeMs = performance.now() - writeStart;
    out.push(
      `synthetic province: ${tree.length.toLocaleString('en')} agencies, ${CASES.toLocaleString('en')} cases (${received2025.toLocaleString('en')} received in 2025, ${(CASES - received2025).toLocaleString('en')} in late 2024; ${open.toLocaleString('en')} open at New Year; busiest agency ${busiest.toLocaleString('en')} cases), ${items.toLocaleString('en')} items written by BatchWriteItem in ${seconds(writeMs)}`,
    );

    // ---- Running a job, unit by unit, metered -------------------------------------------------------
    const runJob = async (job: 'year-end' | 'deadline-sweep', now: Date) => {
      const figures: UnitFigure[] = [];
      const jobStart = performance.now();
      const summary: JobSummary = await runJobLocally(job, db, storage, now, {
        concurrency: LOCAL_CONCURRENCY,
        onProgress: progressPrinter(log, job),
        runUnit: async (unit, phase) => {
          const capacity = emptyCapacity();
          const t0 = performance.now();
          const result = await meter.measure(capacity, () => runJobUnit(job, db, storage, unit));
          figures.push({ phase, agencyId: String(unit.agencyId), ms: performance.now() - t0, capacity, ...(typeof result.agencies === 'number' ? { members: result.agencies } : {}) });
          return result;
        },
      });
      return { summary, figures, wallMs: performance.now() - jobStart };
    };

    const yearEnd = await runJob('year-end', YEAR_END_AT);
    if (yearEnd.summary.failures.length > 0) throw new Error(`year-end failures: ${yearEnd.summary.message}`);
    const sweep = await runJob('deadline-sweep', SWEEP_AT);
    if (sweep.summary.failures.length > 0) throw new Error(`sweep failures: ${sweep.summary.message}`);

    // ---- Checks ---------------------------------------------------------------------------------
    const province = (await getReportRecord(plain, { agencyId: 'sx', year: 2025, templateId: 'cn-2021', scope: 'subtree' }))!;
    const sums: Record<string, number> = {};
    const missing = await forEachReportFigures(plain, { agencyIds: tree.map((a) => a.id), year: 2025, templateId: 'cn-2021', scope: 'self' }, (f) => {
      for (const [cell, value] of Object.entries(f.values)) sums[cell] = (sums[cell] ?? 0) + value;
    });
    const differing = Object.keys(province.values).filter((cell) => province.values[cell] !== sums[cell]);
    if (missing.length > 0 || differing.length > 0) throw new Error(`the province report is not the sum of its agencies' own reports: ${[...missing, ...differing].slice(0, 10).join(', ')}`);
    const newTotal = province.values['cn-2021.new.total'];
    if (newTotal !== received2025) throw new Error(`the province report counts ${newTotal} applications received in 2025; the generator made ${received2025}`);
    out.push(
      `check: the province's consolidated report equals, cell by cell (${Object.keys(province.values).length} cells), the sum of all ${tree.length} own reports, and counts ${received2025.toLocaleString('en')} applications received in 2025 = the generator's count: ok`,
    );

    // ---- Figures --------------------------------------------------------------------------------
    const describe = (label: string, list: UnitFigure[]) => {
      const ms = list.map((f) => f.ms);
      const rcu = list.map((f) => f.capacity.read);
      const wcu = list.map((f) => f.capacity.write);
      return `  ${label}: ${list.length} units, time median ${seconds(median(ms))}, p99 ${seconds(p99(ms))}, max ${seconds(Math.max(...ms))}, total work ${seconds(ms.reduce((s, v) => s + v, 0))}; ` +
        `capacity per unit median ${units(median(rcu))} RCU / ${units(median(wcu))} WCU, p99 ${units(p99(rcu))} RCU / ${units(p99(wcu))} WCU, total ${units(rcu.reduce((s, v) => s + v, 0))} RCU / ${units(wcu.reduce((s, v) => s + v, 0))} WCU`;
    };
    const self = yearEnd.figures.filter((f) => f.phase === 'self');
    const subtree = yearEnd.figures.filter((f) => f.phase === 'subtree');
    out.push(`year-end (${LOCAL_CONCURRENCY} units at once here): wall ${seconds(yearEnd.wallMs)}; ${JSON.stringify(yearEnd.summary.totals)}`);
    out.push(describe('own reports (self)', self));
    out.push(describe('consolidations (subtree)', subtree));
    out.push(`sweep (${LOCAL_CONCURRENCY} units at once here): wall ${seconds(sweep.wallMs)}; ${JSON.stringify(sweep.summary.totals)}`);
    out.push(describe('agencies', sweep.figures));

    // Peak heap of the heaviest units, each alone in a child process (GC forced after every response).
    const heaviestSelf = [...self].sort((a, b) => b.capacity.read - a.capacity.read)[0]!;
    const heaviestSweep = [...sweep.figures].sort((a, b) => b.capacity.write + b.capacity.read - a.capacity.write - a.capacity.read)[0]!;
    const run = { runAt: YEAR_END_AT.toISOString(), year: 2025, templateId: 'cn-2021' };
    const lightSelf = [...self].sort((a, b) => a.capacity.read - b.capacity.read)[0]!;
    const memory = [
      { label: `own report of the busiest agency (${heaviestSelf.agencyId}, ${units(heaviestSelf.capacity.read)} RCU)`, job: 'year-end', unit: { ...run, kind: 'self', agencyId: heaviestSelf.agencyId } },
      { label: `own report of the quietest agency (${lightSelf.agencyId})`, job: 'year-end', unit: { ...run, kind: 'self', agencyId: lightSelf.agencyId } },
      { label: `consolidation of the province (${tree.length} own reports)`, job: 'year-end', unit: { ...run, kind: 'subtree', agencyId: 'sx' } },
      { label: `sweep of the busiest agency (${heaviestSweep.agencyId})`, job: 'deadline-sweep', unit: { runAt: SWEEP_AT.toISOString(), agencyId: heaviestSweep.agencyId } },
    ];
    out.push('peak heap above the start per unit (alone in a child process, GC forced after every DynamoDB response):');
    for (const m of memory) {
      const measured = measureHeap(database.endpoint, plain.tableName, m.job, m.unit, reportsDir);
      out.push(`  ${m.label}: ${measured.peakMb.toFixed(1)} MB, ${seconds(measured.ms)}`);
    }

    // Own-report units re-run alone, one after the other (publishing again is idempotent): a spread of
    // their sizes, from the quietest agency to the busiest.
    const bySize = [...self].sort((a, b) => a.capacity.read - b.capacity.read);
    const sample = [...new Set(Array.from({ length: ALONE_SAMPLE }, (_, i) => bySize[Math.round((i * (bySize.length - 1)) / (ALONE_SAMPLE - 1))]!))];
    const alone: UnitFigure[] = [];
    for (const f of sample) {
      const capacity = emptyCapacity();
      const t0 = performance.now();
      await meter.measure(capacity, () => runJobUnit('year-end', db, storage, { ...run, kind: 'self', agencyId: f.agencyId }));
      alone.push({ phase: 'self', agencyId: f.agencyId, ms: performance.now() - t0, capacity });
    }
    const aloneMs = alone.map((f) => f.ms);
    out.push(
      `own reports re-run alone (${alone.length} units from the quietest to the busiest agency): time median ${seconds(median(aloneMs))}, max ${seconds(Math.max(...aloneMs))} (busiest: ${alone.at(-1)!.agencyId}, ${units(alone.at(-1)!.capacity.read)} RCU, ${seconds(alone.at(-1)!.ms)})`,
    );

    // ---- Prediction at 10^4 agencies and 10^6 cases -------------------------------------------------
    const copies = TARGET_AGENCIES / tree.length;
    const perAgency = TARGET_CASES / TARGET_AGENCIES / (CASES / tree.length);
    const predict = (list: UnitFigure[], x: (f: UnitFigure) => number, scaleX: number, workers: number, extra: number[] = [], fitOn: UnitFigure[] = list) => {
      const model = fit(fitOn.map((f) => ({ x: x(f), y: f.ms / 1000 })));
      const durations: number[] = [];
      for (let copy = 0; copy < Math.ceil(copies); copy++) {
        const share = copy < Math.floor(copies) ? list : list.slice(0, Math.round((copies % 1) * list.length));
        for (const f of share) durations.push(model.a + model.b * x(f) * scaleX);
      }
      durations.push(...extra.map((xv) => model.a + model.b * xv));
      return { model, durations, wall: makespan(durations, workers) };
    };
    const yearEndJob = fanOutJobs.find((j) => j.job === 'year-end')!;
    const sweepJob = fanOutJobs.find((j) => j.job === 'deadline-sweep')!;
    // Fitted on the units re-run alone: in a Distributed Map each unit is its own Lambda invocation with
    // its own CPU, not one of 8 sharing 2 cores with DynamoDB Local (the contended fit is printed too).
    const pSelfContended = predict(self, (f) => f.capacity.read, perAgency, yearEndJob.maxConcurrency);
    const pSelf = predict(self, (f) => f.capacity.read, perAgency, yearEndJob.maxConcurrency, [], alone);
    // The new root sums every own report of the 10^4 agencies.
    const pSubtree = predict(subtree, (f) => f.members ?? 1, 1, yearEndJob.maxConcurrency, [TARGET_AGENCIES]);
    const pSweep = predict(sweep.figures, (f) => f.capacity.read + f.capacity.write, perAgency, sweepJob.maxConcurrency);
    const planSeconds = 5 * copies; // the plan lists the agencies (one Query partition): assumed 5 s per 2,429, generous
    const yearEndWall = planSeconds + pSelf.wall + pSubtree.wall + ASSUMED_STEP_OVERHEAD_S;
    const sweepWall = planSeconds + pSweep.wall + ASSUMED_STEP_OVERHEAD_S;
    const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;
    out.push(
      `prediction for ${TARGET_AGENCIES.toLocaleString('en')} agencies and ${TARGET_CASES.toLocaleString('en')} cases (this province ${copies.toFixed(2)} times over, ${perAgency.toFixed(2)}x the cases per agency), units fitted as a + b x:`,
      `  own reports, fitted on the ${alone.length} units re-run alone: t = ${pSelf.model.a.toFixed(3)} s + ${(pSelf.model.b * 1000).toFixed(3)} ms x RCU; ${pSelf.durations.length} units at MaxConcurrency ${yearEndJob.maxConcurrency}: ${minutes(pSelf.wall)}` +
        ` (fitted on the ${LOCAL_CONCURRENCY}-at-once times instead: t = ${pSelfContended.model.a.toFixed(3)} s + ${(pSelfContended.model.b * 1000).toFixed(3)} ms x RCU, ${minutes(pSelfContended.wall)})`,
      `  consolidations: t = ${pSubtree.model.a.toFixed(3)} s + ${(pSubtree.model.b * 1000).toFixed(3)} ms x agencies summed; ${pSubtree.durations.length} units (the root sums ${TARGET_AGENCIES.toLocaleString('en')}: ${pSubtree.durations.at(-1)!.toFixed(1)} s): ${minutes(pSubtree.wall)}`,
      `  year-end wall time: ${minutes(yearEndWall)} (budget 15 min: ${yearEndWall <= 900 ? 'ok' : 'OVER'})`,
      `  sweep units: t = ${pSweep.model.a.toFixed(3)} s + ${(pSweep.model.b * 1000).toFixed(3)} ms x (RCU + WCU); ${pSweep.durations.length} units at MaxConcurrency ${sweepJob.maxConcurrency}: ${minutes(pSweep.wall)}`,
      `  sweep wall time: ${minutes(sweepWall)} (budget 30 min: ${sweepWall <= 1800 ? 'ok' : 'OVER'})`,
      `  assumed, not measured: ${ASSUMED_UNIT_OVERHEAD_S} s per unit (child execution + invocation), ${ASSUMED_COLD_START_S} s cold start per worker, ${ASSUMED_STEP_OVERHEAD_S} s for the summary and transitions, ${planSeconds.toFixed(0)} s for the plan`,
      `bench wall time here: ${seconds(performance.now() - started)}`,
    );
    return out;
  } finally {
    client.destroy();
    plain.doc.destroy();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
