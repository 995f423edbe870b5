/**
 * The memory part of bench/scale.ts, in its own process with --expose-gc: one unit of a fan-out job run
 * alone, with the heap sampled after a forced GC at every DynamoDB response, as bench/reports-measure.ts
 * does. Prints one JSON line: the unit's time and its peak heap above the start (MB).
 *
 * Arguments: ENDPOINT TABLE JOB UNIT_JSON
 */
import { runJobUnit, type JobId } from '../shared/services/job-runs.js';
import { createDb, SETUP_DEADLINE_MS } from '../shared/store/client.js';
import { reportStorage } from '../shared/store/report-storage.js';
import { heapMbAfterGc, heapSampledDb } from './store-tools.js';

const [endpoint, tableName, job, unitJson] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!endpoint || !tableName || !job || !unitJson || gc === undefined) {
  console.error('usage: node --expose-gc --import tsx bench/scale-measure.ts ENDPOINT TABLE JOB UNIT_JSON');
  process.exit(2);
}
const heapMb = () => heapMbAfterGc(gc);
const plain = createDb({ endpoint, tableName, deadlineMs: SETUP_DEADLINE_MS });
let peak = 0;
const db = heapSampledDb(plain, gc, (mb) => {
  peak = Math.max(peak, mb);
});
const start = heapMb();
peak = start;
const t0 = performance.now();
await runJobUnit(job as JobId, db, reportStorage(), JSON.parse(unitJson) as Record<string, unknown>);
const ms = performance.now() - t0;
plain.doc.destroy();
console.log(JSON.stringify({ ms, peakMb: Math.max(peak, heapMb()) - start }));
