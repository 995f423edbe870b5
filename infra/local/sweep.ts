/**
 * `npm run sweep [-- --concurrency N]`: the daily deadline sweep over the local data (npm start's table),
 * once: the same units as the state machine in AWS (one per agency, shared/services/sweep.ts), run
 * in-process at most N at once (default 8), with the same retries; progress on stderr, the summary (every
 * failed unit named) on stdout; exit code 1 when a unit failed.
 */
import { parseArgs } from 'node:util';
import { progressPrinter } from '../../shared/services/fan-out.js';
import { runJobLocally } from '../../shared/services/job-runs.js';
import { createDb, SETUP_DEADLINE_MS } from '../../shared/store/client.js';
import { reportStorage } from '../../shared/store/report-storage.js';
import { localDatabase } from './stack.js';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '8' } } });
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
  console.error('usage: npm run sweep [-- --concurrency N] (1-256)');
  process.exit(2);
}
const database = await localDatabase();
try {
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  const summary = await runJobLocally('deadline-sweep', db, reportStorage(), new Date(), {
    concurrency,
    onProgress: progressPrinter((line) => console.error(line), 'sweep'),
  });
  console.log(JSON.stringify(summary, null, 2));
  if (summary.failures.length > 0) process.exitCode = 1;
  db.doc.destroy();
} finally {
  await database.stop();
}
