/**
 * `npm run seed -- --year 2025 [--count 2000] [--agency ID] [--seed 1]`: demo cases for the local stack,
 * created through the services the API uses (infra/local/seed-cases.ts), spread over the demo agencies
 * (infra/local/demo-data.ts) or all in one agency. The same --seed gives the same cases (their numbers
 * aside); running it twice adds the cases twice. Uses npm start's database when it runs
 * (infra/local/stack.ts localDatabase), and creates the table, calendars and demo tree when missing.
 */
import { parseArgs } from 'node:util';
import { getAgency } from '../../shared/store/agencies.js';
import { createDb, SETUP_DEADLINE_MS } from '../../shared/store/client.js';
import { bootstrap } from './bootstrap.js';
import { DEMO_AGENCIES } from './demo-data.js';
import type { DemoAgencyWeight } from './demo-cases.js';
import { localClient } from './dynamodb-local.js';
import { seedCases } from './seed-cases.js';
import { localDatabase } from './stack.js';

const usage = 'usage: npm run seed -- --year YYYY [--count N] [--agency ID] [--seed N]';

/**
 * How many of the city's applications each demo agency receives (policy for demo data): housing, land and
 * planning, and the district and township offices that handle demolition and compensation get the most.
 */
const DEMO_WEIGHTS: Readonly<Record<string, number>> = {
  jz: 6,
  'jz-fgw': 6,
  'jz-zrzy': 16,
  'jz-zjj': 18,
  'jz-gaj': 9,
  'jz-qingshan': 8,
  'jz-qingshan-zjj': 10,
  'jz-qingshan-hubin': 6,
  'jz-linxi': 7,
  'jz-linxi-nyj': 5,
  'jz-linxi-baishi': 9,
};

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} must be a whole number\n${usage}`);
    process.exit(2);
  }
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { year: { type: 'string' }, count: { type: 'string' }, agency: { type: 'string' }, seed: { type: 'string' } },
  });
  const year = wholeNumber(values.year, 'year', Number.NaN);
  if (!Number.isInteger(year) || year < 2008 || year > new Date().getUTCFullYear() + 1) {
    console.error(`--year must be a year from 2008 on\n${usage}`);
    process.exit(2);
  }
  const count = wholeNumber(values.count, 'count', 2000);
  const seed = wholeNumber(values.seed, 'seed', 1);
  const database = await localDatabase();
  const client = localClient(database.endpoint);
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  try {
    await bootstrap(client, db, { demoAgencies: true });
    let agencies: DemoAgencyWeight[] = DEMO_AGENCIES.map((a) => ({ id: a.id, weight: DEMO_WEIGHTS[a.id] ?? 5 }));
    if (values.agency !== undefined) {
      if (!(await getAgency(db, values.agency))) {
        console.error(`No agency ${values.agency} in table ${database.tableName}.`);
        process.exitCode = 2;
        return;
      }
      agencies = [{ id: values.agency, weight: 1 }];
    }
    const started = performance.now();
    const summary = await seedCases(db, { year, count, seed, agencies });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Created ${summary.created} demo cases received in ${year} (seed ${seed}) with ${summary.actions} actions and ${summary.appealsFiled} appeals or complaints, in ${seconds} s.`,
    );
    if (summary.notYetArrived > 0) console.log(`${summary.notYetArrived} planned cases would arrive after today and were not created.`);
    console.log(`By status: ${Object.entries(summary.byStatus).map(([status, n]) => `${status} ${n}`).join(', ')}.`);
    console.log(`Then: npm run report -- --year ${year} --agency ${values.agency ?? 'jz'}${values.agency ? '' : ' --scope subtree'} --format html --out report.html`);
  } finally {
    client.destroy();
    db.doc.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
