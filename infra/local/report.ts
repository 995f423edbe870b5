/**
 * `npm run report -- --year 2025 [--agency ID] [--scope self|subtree] [--template cn-2021|cn-2019|cn-2008]
 * [--format html|csv|json] [--out FILE] [--publish]`: a year's statistics (docs/domain.md §7) from the local
 * data, as `GET /reports/{year}` gives them: the published report when there is one, else generated now
 * (checked, not stored). `--publish` generates, checks and publishes it as `POST /reports/{year}/generate`
 * does (files under .data/reports, or REPORTS_DIR, or the REPORT_BUCKET bucket). Prints to stdout without
 * --out. The agency defaults to the root of the agency tree; a report that breaks an identity is not
 * printed: the broken identities and cells are, and the exit code is 1.
 *
 * `npm run report -- --year-end [--concurrency N]`: the year-end job as the state machine runs it in AWS
 * (last year's own report of every agency, then every subtree's consolidation, shared/services/year-end.ts),
 * its units in-process at most N at once (default 8), with the same retries; progress on stderr, the
 * summary (every failed unit named) on stdout; exit code 1 when a unit failed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ValidationError } from '../../shared/domain/errors.js';
import { zodIssuesToProblems } from '../../shared/http/problem.js';
import { ReportQuery } from '../../shared/http/schemas.js';
import { progressPrinter } from '../../shared/services/fan-out.js';
import { runJobLocally } from '../../shared/services/job-runs.js';
import { generateReport, readReport, renderView } from '../../shared/services/reports.js';
import { createDb, SETUP_DEADLINE_MS, type Db } from '../../shared/store/client.js';
import { reportStorage } from '../../shared/store/report-storage.js';
import { localDatabase } from './stack.js';
import { ReportIdentityError } from '../../shared/errors.js';
import { loadAgencyTree } from '../../shared/services/visibility.js';
import { checkReportYear } from '../../shared/services/report-access.js';

const usage =
  'usage: npm run report -- --year YYYY [--agency ID] [--scope self|subtree] [--template cn-2021|cn-2019|cn-2008] [--format html|csv|json] [--out FILE] [--publish]\n' +
  '       npm run report -- --year-end [--concurrency N]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function rootAgency(db: Db): Promise<string> {
  const tree = await loadAgencyTree(db);
  const roots = [...tree.byId.values()].filter((a) => a.parentId === null).map((a) => a.id);
  if (roots.length !== 1) {
    throw new ValidationError([
      { path: ['--agency'], message: `is needed: the table has ${roots.length === 0 ? 'no agency' : `the roots ${roots.join(', ')}`}` },
    ]);
  }
  return roots[0]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      agency: { type: 'string' },
      scope: { type: 'string' },
      template: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      publish: { type: 'boolean', default: false },
      'year-end': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '8' },
    },
  });
  if (values['year-end']) return yearEnd(Number(values.concurrency));
  if (values.year === undefined || !/^\d{4}$/.test(values.year)) fail(`--year is required (YYYY)\n${usage}`);
  const year = Number(values.year);
  const query = ReportQuery.safeParse({
    ...(values.agency ? { agencyId: values.agency } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
    ...(values.template ? { template: values.template } : {}),
    ...(values.format ? { format: values.format } : {}),
  });
  if (!query.success) {
    const problems = zodIssuesToProblems(query.error.issues, []);
    fail(`${problems.map((p) => `--${p.path[0] === 'agencyId' ? 'agency' : String(p.path[0])}: ${p.message}`).join('\n')}\n${usage}`);
  }
  const { format, scope, template } = query.data;
  const now = new Date();
  const database = await localDatabase();
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  try {
    const agencyId = query.data.agencyId ?? (await rootAgency(db));
    checkReportYear(year, now, values.publish ? 'publish' : 'read');
    const request = { year, agencyId, scope, ...(template ? { templateId: template } : {}), now };
    const view = values.publish ? await generateReport(db, reportStorage(), { ...request, publishedBy: 'cli' }) : await readReport(db, request);
    const rendered = renderView(view, format);
    const output = rendered.kind === 'json' ? `${JSON.stringify(rendered.body, null, 2)}\n` : rendered.body;
    if (values.out) writeFileSync(values.out, output, 'utf8');
    else process.stdout.write(output);
    const where = view.publication ? `published ${view.publication.publishedAt} by ${view.publication.publishedBy}, files in ${view.publication.storage}` : 'generated now from the data, not published';
    console.error(`${view.report.year} ${view.report.templateId} report of ${agencyId} (${scope}): ${where}${values.out ? `; written to ${values.out}` : ''}.`);
  } catch (error) {
    // Reported here, not by exiting, so that the database this command started is stopped below.
    if (error instanceof ReportIdentityError) {
      console.error(`${error.message}\n${error.violations.map((v) => `  identity ${v.identity}: ${v.cellIds.join(', ')}`).join('\n')}`);
      process.exitCode = 1;
    } else if (error instanceof ValidationError) {
      console.error(error.problems.map((p) => `${p.path.at(-1) === 'year' ? '--year' : p.path.join('.')}: ${p.message}`).join('\n'));
      process.exitCode = 2;
    } else throw error;
  } finally {
    db.doc.destroy();
    await database.stop();
  }
}

/** The year-end job over the local data, unit by unit. */
async function yearEnd(concurrency: number): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) fail(`--concurrency must be 1-256\n${usage}`);
  const database = await localDatabase();
  const db = createDb({ endpoint: database.endpoint, tableName: database.tableName, deadlineMs: SETUP_DEADLINE_MS });
  try {
    const summary = await runJobLocally('year-end', db, reportStorage(), new Date(), {
      concurrency,
      onProgress: progressPrinter((line) => console.error(line), 'year-end'),
    });
    console.log(JSON.stringify(summary, null, 2));
    if (summary.failures.length > 0) process.exitCode = 1;
  } finally {
    db.doc.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
