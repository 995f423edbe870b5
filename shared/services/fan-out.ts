/**
 * Fan-out of the scheduled jobs (the year-end statistics, the daily deadline sweep) into small units: one
 * agency's report, one subtree's consolidation, one agency's sweep. In AWS a Step Functions Distributed Map
 * runs each unit in its own Lambda invocation (infra/constructs/fan-out-job.ts); locally `npm run report --
 * --year-end` and `npm run sweep` run the very same unit functions in-process, here, with the same retry
 * policy and a bounded concurrency. Either way, a run ends with one summary that names every failed unit
 * and its cause.
 *
 * A unit must be idempotent: it may run twice (a retry after a timeout, a re-run of the whole job) and must
 * then leave the same result.
 */

/**
 * Retries of one unit, shared by the state machine (its Retry field) and the local runner: errors named in
 * `never` are definite answers (a report that breaks an identity stays broken) and are not retried; any
 * other error is retried `attempts - 1` times, after `intervalSeconds`, then `backoffRate` times longer.
 */
export interface RetryPolicy {
  attempts: number;
  intervalSeconds: number;
  backoffRate: number;
  never: readonly string[];
}

export const UNIT_RETRY: RetryPolicy = {
  attempts: 3,
  intervalSeconds: 2,
  backoffRate: 2,
  never: ['ReportIdentityError', 'NotFoundError', 'ValidationError', 'UnitPreconditionError'],
};

/**
 * A unit could not do its work because another unit it depends on did not (a consolidation whose part was
 * not published in this run). Retrying it cannot help: the summary names the unit it waited for.
 */
export class UnitPreconditionError extends Error {
  override readonly name = 'UnitPreconditionError';
}

/** A unit that failed after its retries: what it was, the error's name, and its message. */
export interface UnitFailure<I> {
  unit: I;
  error: string;
  cause: string;
}

export interface UnitProgress {
  phase: string;
  done: number;
  total: number;
  failed: number;
}

export interface RunUnitsOptions {
  /** Units running at once (the Distributed Map's MaxConcurrency in AWS). */
  concurrency: number;
  retry?: RetryPolicy;
  /** Called after each unit finishes (or fails for good). */
  onProgress?: (progress: UnitProgress) => void;
  /** Waits between retries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  phase?: string;
}

export interface UnitRun<I, O> {
  /** Each unit's result, in the order of `units` (undefined where it failed). */
  results: (O | undefined)[];
  failures: UnitFailure<I>[];
  /** Wall time of each unit (ms, its last attempt), in the order of `units`. */
  durations: number[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one unit with the retry policy; throws the last error. */
export async function withRetries<O>(work: () => Promise<O>, retry: RetryPolicy, sleep = defaultSleep): Promise<O> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retry.attempts || retry.never.includes(errorName(error))) throw error;
      await sleep(retry.intervalSeconds * 1000 * retry.backoffRate ** (attempt - 1));
    }
  }
}

/**
 * Runs `work` over every unit, at most `concurrency` at a time, each with the retry policy. A failure
 * does not stop the others: it is collected, named, and returned with the results.
 */
export async function runUnits<I, O>(units: readonly I[], work: (unit: I) => Promise<O>, options: RunUnitsOptions): Promise<UnitRun<I, O>> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const retry = options.retry ?? UNIT_RETRY;
  const sleep = options.sleep ?? defaultSleep;
  const results = Array.from<O | undefined>({ length: units.length });
  const durations = Array.from({ length: units.length }, () => 0);
  const failed: { index: number; failure: UnitFailure<I> }[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < units.length) {
      const index = next++;
      const unit = units[index]!;
      let started = performance.now();
      try {
        results[index] = await withRetries(
          () => {
            started = performance.now();
            return work(unit);
          },
          retry,
          sleep,
        );
      } catch (error) {
        failed.push({ index, failure: { unit, error: errorName(error), cause: errorMessage(error) } });
      }
      durations[index] = performance.now() - started;
      done++;
      options.onProgress?.({ phase: options.phase ?? 'units', done, total: units.length, failed: failed.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, units.length) }, worker));
  failed.sort((a, b) => a.index - b.index);
  return { results, failures: failed.map((f) => f.failure), durations };
}

/** A progress line printer for the command line: at most one line a second, and the last one. */
export function progressPrinter(write: (line: string) => void, label: string): (progress: UnitProgress) => void {
  // Not 0: performance.now() counts from the process's start, so in the first second the first line was dropped.
  let last = Number.NEGATIVE_INFINITY;
  const started = performance.now();
  return (p) => {
    const now = performance.now();
    if (p.done < p.total && now - last < 1000) return;
    last = now;
    const rate = p.done / Math.max(0.001, (now - started) / 1000);
    write(`${label} ${p.phase}: ${p.done}/${p.total} units${p.failed > 0 ? `, ${p.failed} failed` : ''} (${rate.toFixed(1)}/s)`);
  };
}
