/**
 * The fan-out jobs end to end: their plans (the units of each phase, in order), the local runner that runs
 * the phases in-process (`npm run report -- --year-end`, `npm run sweep`), and the summary of a run that
 * names every failed unit — built by the same `summarize` from the local runner's results and, in AWS,
 * from the Distributed Map's result files (`readMapResults`, used by functions/scheduled/fan-out-summary.ts).
 */
import { log } from '../log.js';
import { countMetrics, METRIC } from '../metrics.js';
import { JOB_PHASES, type JobId } from '../jobs.js';
import type { Db } from '../store/client.js';
import type { ReportStorage } from '../store/report-storage.js';
import { runUnits, type RunUnitsOptions, type UnitFailure } from './fan-out.js';
import { beijingYear } from './report-build.js';
import { planSweep, sweepAgency, type SweepUnit, type SweepUnitResult } from './sweep.js';
import { describeYearEndUnit, planYearEnd, runYearEndUnit, type YearEndUnit, type YearEndUnitResult } from './year-end.js';

export type { JobId } from '../jobs.js';
export const JOB_IDS = Object.keys(JOB_PHASES) as JobId[];

/** A phase of a run: its units, all independent; the phases run one after the other. */
export interface PlannedPhase {
  name: string;
  units: Record<string, unknown>[];
}

export interface JobPlan {
  job: JobId;
  runAt: string;
  /** What the run is about, for people (`year 2025, cn-2021`, `today 2026-03-02`). */
  about: string;
  phases: PlannedPhase[];
}

/** One phase's outcome: its units' results and failures. */
export interface PhaseOutcome {
  name: string;
  planned: number;
  results: Record<string, unknown>[];
  failures: UnitFailure<Record<string, unknown>>[];
}

export interface JobSummary {
  job: JobId;
  runAt: string;
  about: string;
  phases: { name: string; planned: number; succeeded: number; failed: number }[];
  /** The sum of the units' counts (reports' cases, the sweep's flags). */
  totals: Record<string, number>;
  /** Every failed unit, named, with its error and cause. */
  failures: { unit: string; phase: string; error: string; cause: string }[];
  /** One paragraph for people: what ran, what failed. */
  message: string;
}

export async function planJob(job: JobId, db: Db, now: Date): Promise<JobPlan> {
  if (job === 'year-end') {
    const plan = await planYearEnd(db, now);
    return {
      job,
      runAt: plan.runAt,
      about: `year ${plan.year}, ${plan.templateId}, ${plan.agencies} agencies`,
      phases: [
        { name: JOB_PHASES['year-end'][0], units: plan.self as unknown as Record<string, unknown>[] },
        { name: JOB_PHASES['year-end'][1], units: plan.subtree as unknown as Record<string, unknown>[] },
      ],
    };
  }
  const plan = await planSweep(db, now);
  return { job, runAt: plan.runAt, about: `today ${plan.today}, ${plan.agencies.length} agencies`, phases: [{ name: JOB_PHASES['deadline-sweep'][0], units: plan.agencies as unknown as Record<string, unknown>[] }] };
}

/** Runs one unit of `job` (what the unit Lambda of the job does with its input). */
export function runJobUnit(job: JobId, db: Db, storage: ReportStorage, unit: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (job === 'year-end') return runYearEndUnit(db, storage, unit as unknown as YearEndUnit) as unknown as Promise<Record<string, unknown>>;
  return sweepAgency(db, unit as unknown as SweepUnit) as unknown as Promise<Record<string, unknown>>;
}

/** How a summary names a unit of the job. */
export function describeUnit(job: JobId, unit: Record<string, unknown>): string {
  if (typeof unit.agencyId !== 'string') return `units of phase ${String(unit.phase)}`;
  if (job === 'year-end') return describeYearEndUnit(unit as unknown as YearEndUnit);
  return String((unit as unknown as SweepUnit).agencyId);
}

/** The counts a unit's result adds to the run's totals. */
function countsOf(job: JobId, phase: string, result: Record<string, unknown>): Record<string, number> {
  if (job === 'year-end') {
    const r = result as unknown as YearEndUnitResult;
    return r.scope === 'self' ? { publishedSelf: 1, cases: r.cases ?? 0 } : { publishedSubtree: 1 };
  }
  const { agencyId: _a, ...counts } = result as unknown as SweepUnitResult;
  void phase;
  return counts;
}

/** The summary of a run from its phases' outcomes (local or from the Distributed Map's results). */
export function summarize(plan: Pick<JobPlan, 'job' | 'runAt' | 'about'>, outcomes: readonly PhaseOutcome[]): JobSummary {
  const totals: Record<string, number> = {};
  const failures: JobSummary['failures'] = [];
  for (const outcome of outcomes) {
    for (const result of outcome.results) {
      for (const [key, value] of Object.entries(countsOf(plan.job, outcome.name, result))) totals[key] = (totals[key] ?? 0) + value;
    }
    for (const failure of outcome.failures) {
      failures.push({ unit: describeUnit(plan.job, failure.unit), phase: outcome.name, error: failure.error, cause: failure.cause });
    }
  }
  const phases = outcomes.map((o) => ({ name: o.name, planned: o.planned, succeeded: o.results.length, failed: o.failures.length }));
  const done = phases.map((p) => `${p.name} ${p.succeeded}/${p.planned}`).join(', ');
  const message =
    failures.length === 0
      ? `${plan.job} (${plan.about}) at ${plan.runAt}: every unit succeeded (${done}).`
      : `${plan.job} (${plan.about}) at ${plan.runAt}: ${failures.length} unit(s) failed (${done}): ` +
        failures.map((f) => `${f.unit}: ${f.error}: ${f.cause}`).join(' | ');
  return { job: plan.job, runAt: plan.runAt, about: plan.about, phases, totals, failures, message };
}

export interface LocalRunOptions extends Pick<RunUnitsOptions, 'concurrency' | 'retry' | 'sleep' | 'onProgress'> {
  /** Runs each unit instead of runJobUnit (the scale bench wraps it to measure). */
  runUnit?: (unit: Record<string, unknown>, phase: string) => Promise<Record<string, unknown>>;
}

/** Plans the job and runs its phases in-process, each phase's units at most `concurrency` at once. */
export async function runJobLocally(job: JobId, db: Db, storage: ReportStorage, now: Date, options: LocalRunOptions): Promise<JobSummary> {
  const plan = await planJob(job, db, now);
  const outcomes: PhaseOutcome[] = [];
  for (const phase of plan.phases) {
    const run = await runUnits(phase.units, (unit) => (options.runUnit ? options.runUnit(unit, phase.name) : runJobUnit(job, db, storage, unit)), {
      ...options,
      phase: phase.name,
    });
    outcomes.push({ name: phase.name, planned: phase.units.length, results: run.results.filter((r) => r !== undefined), failures: run.failures });
  }
  return logSummary(summarize(plan, outcomes));
}

/**
 * One log line per run: the counts and every failure by name (ids only, no personal data); and the run's
 * counters (shared/metrics.ts) on which the stack's alarms watch: the sweep's new flags, the year-end
 * reports not published.
 */
export function logSummary(summary: JobSummary): JobSummary {
  const fields = { job: summary.job, runAt: summary.runAt, about: summary.about, phases: summary.phases, totals: summary.totals, failures: summary.failures };
  if (summary.failures.length > 0) log.error('job run failed', fields);
  else log.info('job run', fields);
  if (summary.job === 'year-end') countMetrics({ [METRIC.yearEndFailures]: summary.failures.length }, { job: 'YearEndStatistics' });
  else countMetrics({ [METRIC.dueSoonFlags]: summary.totals.dueSoon ?? 0, [METRIC.overdueFlags]: summary.totals.overdue ?? 0 }, { job: 'DeadlineSweep' });
  return summary;
}

/**
 * The year-end job in-process in one call (as the single-invocation job did): every unit run, then, if any
 * report was not published, an error naming each (`<agency> (<scope>): <cause>`).
 */
export async function publishYearEndReports(db: Db, storage: ReportStorage, now: Date, options: Partial<LocalRunOptions> = {}): Promise<JobSummary> {
  const summary = await runJobLocally('year-end', db, storage, now, { concurrency: 4, ...options });
  if (summary.failures.length > 0) {
    throw new Error(
      `${summary.failures.length} year-end report(s) for ${beijingYear(now) - 1} were not published: ` +
        summary.failures.map((f) => `${f.unit}: ${f.cause}`).join(' | '),
    );
  }
  return summary;
}

// ---- The Distributed Map's results (AWS) ----------------------------------------------------------

/** The manifest a Distributed Map's ResultWriter writes (Step Functions developer guide, "ResultWriter"). */
interface MapResultManifest {
  ResultFiles?: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string }[]>>;
}

/** One child execution in a result file. */
interface MapResultEntry {
  Input?: string;
  Output?: string;
  Status?: string;
  Error?: string;
  Cause?: string;
}

/** The message of a Lambda failure's cause (`{"errorType","errorMessage",...}`), or the cause as given. */
function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

function parseObject(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A phase's outcome from its Distributed Map run: the manifest names the result files; a succeeded child
 * gives its output, a failed one its input (the unit) with the error and the cause, and one left pending
 * (the map run stopped) counts as failed.
 */
export async function readMapResults(
  read: (key: string) => Promise<string>,
  phase: { name: string; planned: number; manifestKey: string },
): Promise<PhaseOutcome> {
  const manifest = JSON.parse(await read(phase.manifestKey)) as MapResultManifest;
  const outcome: PhaseOutcome = { name: phase.name, planned: phase.planned, results: [], failures: [] };
  for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
    for (const file of manifest.ResultFiles?.[status] ?? []) {
      const entries = JSON.parse(await read(file.Key)) as MapResultEntry[];
      for (const entry of entries) {
        if (status === 'SUCCEEDED') outcome.results.push(parseObject(entry.Output));
        else {
          outcome.failures.push({
            unit: parseObject(entry.Input),
            error: entry.Error ?? (status === 'PENDING' ? 'NotRun' : 'Failed'),
            cause: status === 'PENDING' ? 'the map run stopped before this unit ran' : causeMessage(entry.Cause),
          });
        }
      }
    }
  }
  // Units the map never reported (it failed before writing them): named as missing, not silently dropped.
  const reported = outcome.results.length + outcome.failures.length;
  if (reported < phase.planned) {
    outcome.failures.push({ unit: { phase: phase.name }, error: 'NotReported', cause: `${phase.planned - reported} of ${phase.planned} units have no result` });
  }
  return outcome;
}

// ---- The state machine's plan and summary steps (AWS) -----------------------------------------------

/** A plan as the state machine carries it: each phase's units are in an object of the job bucket. */
export interface StagedPlan {
  job: JobId;
  runAt: string;
  about: string;
  /** Where this run's objects go: `runs/<job>/<run id>`. */
  prefix: string;
  phases: { name: string; key: string; count: number }[];
}

/** What the state machine decides on: the failures' count and the message, the full summary in the bucket. */
export interface StagedSummary {
  failed: number;
  message: string;
  summaryKey: string;
}

/** Step Functions caps a state's input and output at 256 KiB: the message it carries is cut well below. */
const MESSAGE_LIMIT = 16_000;

const RUN_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Writes each phase's units as a JSON array (what the Distributed Map's ItemReader reads). */
export async function stagePlan(plan: JobPlan, runId: string, put: (key: string, body: string) => Promise<void>): Promise<StagedPlan> {
  if (!RUN_ID.test(runId)) throw new RangeError(`"${runId}" is not a run id (1-80 letters, digits, - or _).`);
  const prefix = `runs/${plan.job}/${runId}`;
  const phases: StagedPlan['phases'] = [];
  for (const phase of plan.phases) {
    const key = `${prefix}/${phase.name}.json`;
    await put(key, JSON.stringify(phase.units));
    phases.push({ name: phase.name, key, count: phase.units.length });
  }
  return { job: plan.job, runAt: plan.runAt, about: plan.about, prefix, phases };
}

/**
 * The run's summary from each phase's map result (`ResultWriterDetails.Key`: the manifest), written beside
 * the plan as `summary.json`, logged, and returned in short.
 */
export async function summarizeStaged(
  plan: StagedPlan,
  manifests: Record<string, string | undefined>,
  read: (key: string) => Promise<string>,
  put: (key: string, body: string) => Promise<void>,
): Promise<StagedSummary> {
  const outcomes: PhaseOutcome[] = [];
  for (const phase of plan.phases) {
    const manifestKey = manifests[phase.name];
    if (phase.count === 0) outcomes.push({ name: phase.name, planned: 0, results: [], failures: [] });
    else if (manifestKey === undefined) {
      outcomes.push({ name: phase.name, planned: phase.count, results: [], failures: [{ unit: { phase: phase.name }, error: 'NotReported', cause: 'the map wrote no result manifest' }] });
    } else outcomes.push(await readMapResults(read, { name: phase.name, planned: phase.count, manifestKey }));
  }
  const summary = logSummary(summarize(plan, outcomes));
  const summaryKey = `${plan.prefix}/summary.json`;
  await put(summaryKey, `${JSON.stringify(summary, null, 2)}\n`);
  const message = summary.message.length > MESSAGE_LIMIT ? `${summary.message.slice(0, MESSAGE_LIMIT)}… (all of it in ${summaryKey})` : summary.message;
  return { failed: summary.failures.length, message, summaryKey };
}
