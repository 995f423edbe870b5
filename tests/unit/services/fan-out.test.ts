/**
 * The fan-out runner (bounded concurrency, the retry policy the state machine also uses, every failure
 * named) and the summary of a run, from local results and from a Distributed Map's result files.
 */
import { describe, expect, it } from 'vitest';
import { ReportIdentityError } from '../../../shared/errors.js';
import { progressPrinter, runUnits, UNIT_RETRY, UnitPreconditionError, withRetries, type UnitProgress } from '../../../shared/services/fan-out.js';
import { readMapResults, stagePlan, summarize, summarizeStaged, type JobPlan } from '../../../shared/services/job-runs.js';

const noSleep = async () => undefined;
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

class Throttled extends Error {
  override readonly name = 'ServiceUnavailableError';
}

describe('runUnits', () => {
  it('never runs more than `concurrency` units at once, and runs every unit once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const units = Array.from({ length: 50 }, (_, i) => i);
    const run = await runUnits(
      units,
      async (unit) => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        seen.push(unit);
        running--;
        return unit * 2;
      },
      { concurrency: 7 },
    );
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(units);
    expect(run.results).toEqual(units.map((u) => u * 2));
    expect(run.failures).toEqual([]);
    expect(run.durations).toHaveLength(50);
  });

  it('retries a transient failure up to the policy, waiting longer each time, and then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await withRetries(
      async () => {
        if (++calls < 3) throw new Throttled('throttled');
        return 'done';
      },
      UNIT_RETRY,
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual([2000, 4000]);
  });

  it('does not retry a definite answer (a broken identity, a missing precondition)', async () => {
    for (const error of [new ReportIdentityError([], 'identity 6 breaks'), new UnitPreconditionError('jz-fgw not published')]) {
      let calls = 0;
      await expect(
        withRetries(
          async () => {
            calls++;
            throw error;
          },
          UNIT_RETRY,
          noSleep,
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('names every unit that failed after its retries, in the order of the units, and keeps going', async () => {
    const calls = new Map<string, number>();
    const run = await runUnits(
      ['a', 'b', 'c', 'd'],
      async (unit) => {
        calls.set(unit, (calls.get(unit) ?? 0) + 1);
        if (unit === 'b') throw new Throttled('DynamoDB throttled');
        if (unit === 'd') throw new UnitPreconditionError('needs b');
        return unit;
      },
      { concurrency: 2, sleep: noSleep },
    );
    expect(run.results).toEqual(['a', undefined, 'c', undefined]);
    expect(run.failures).toEqual([
      { unit: 'b', error: 'ServiceUnavailableError', cause: 'DynamoDB throttled' },
      { unit: 'd', error: 'UnitPreconditionError', cause: 'needs b' },
    ]);
    expect(calls.get('b')).toBe(UNIT_RETRY.attempts);
    expect(calls.get('d')).toBe(1);
  });

  it('reports progress after every unit, and refuses a concurrency below 1', async () => {
    const progress: UnitProgress[] = [];
    await runUnits([1, 2, 3], async (u) => u, { concurrency: 2, phase: 'self', onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toEqual({ phase: 'self', done: 3, total: 3, failed: 0 });
    await expect(runUnits([1], async (u) => u, { concurrency: 0 })).rejects.toThrow(RangeError);
    const lines: string[] = [];
    const print = progressPrinter((line) => lines.push(line), 'year-end');
    print({ phase: 'self', done: 1, total: 2, failed: 0 });
    print({ phase: 'self', done: 2, total: 2, failed: 1 });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^year-end self: 2\/2 units, 1 failed \(/);
  });
});

const PLAN: JobPlan = {
  job: 'year-end',
  runAt: '2025-12-31T16:30:00.000Z',
  about: 'year 2025, cn-2021, 3 agencies',
  phases: [
    {
      name: 'self',
      units: ['a', 'b', 'c'].map((agencyId) => ({ agencyId, kind: 'self', runAt: '2025-12-31T16:30:00.000Z', year: 2025, templateId: 'cn-2021' })),
    },
    { name: 'subtree', units: [{ agencyId: 'a', kind: 'subtree', runAt: '2025-12-31T16:30:00.000Z', year: 2025, templateId: 'cn-2021' }] },
  ],
};

describe('the summary of a run', () => {
  it('adds up the units, names each failure with its phase, error and cause', () => {
    const summary = summarize(PLAN, [
      {
        name: 'self',
        planned: 3,
        results: [
          { agencyId: 'a', scope: 'self', cases: 5 },
          { agencyId: 'c', scope: 'self', cases: 2 },
        ],
        failures: [{ unit: PLAN.phases[0]!.units[1]!, error: 'ReportIdentityError', cause: 'identity 6' }],
      },
      { name: 'subtree', planned: 1, results: [], failures: [{ unit: PLAN.phases[1]!.units[0]!, error: 'UnitPreconditionError', cause: 'b missing' }] },
    ]);
    expect(summary.totals).toEqual({ publishedSelf: 2, cases: 7 });
    expect(summary.phases).toEqual([
      { name: 'self', planned: 3, succeeded: 2, failed: 1 },
      { name: 'subtree', planned: 1, succeeded: 0, failed: 1 },
    ]);
    expect(summary.failures).toEqual([
      { unit: 'b (self)', phase: 'self', error: 'ReportIdentityError', cause: 'identity 6' },
      { unit: 'a (subtree)', phase: 'subtree', error: 'UnitPreconditionError', cause: 'b missing' },
    ]);
    expect(summary.message).toBe(
      'year-end (year 2025, cn-2021, 3 agencies) at 2025-12-31T16:30:00.000Z: 2 unit(s) failed (self 2/3, subtree 0/1): ' +
        'b (self): ReportIdentityError: identity 6 | a (subtree): UnitPreconditionError: b missing',
    );
  });

  it('reads a Distributed Map run: outputs of the succeeded, inputs and Lambda causes of the failed, pending ones as not run', async () => {
    const files: Record<string, string> = {
      'results/m/manifest.json': JSON.stringify({
        ResultFiles: { SUCCEEDED: [{ Key: 'results/m/SUCCEEDED_0.json' }], FAILED: [{ Key: 'results/m/FAILED_0.json' }], PENDING: [{ Key: 'results/m/PENDING_0.json' }] },
      }),
      'results/m/SUCCEEDED_0.json': JSON.stringify([{ Status: 'SUCCEEDED', Input: '{"agencyId":"a"}', Output: '{"agencyId":"a","scope":"self","cases":4}' }]),
      'results/m/FAILED_0.json': JSON.stringify([
        {
          Status: 'FAILED',
          Input: '{"agencyId":"b","kind":"self"}',
          Error: 'ReportIdentityError',
          Cause: JSON.stringify({ errorType: 'ReportIdentityError', errorMessage: 'breaks identity 6', trace: [] }),
        },
        { Status: 'FAILED', Input: '{"agencyId":"c","kind":"self"}', Error: 'States.Timeout', Cause: 'Task timed out' },
      ]),
      'results/m/PENDING_0.json': JSON.stringify([{ Input: '{"agencyId":"d","kind":"self"}' }]),
    };
    const outcome = await readMapResults(async (key) => files[key]!, { name: 'self', planned: 4, manifestKey: 'results/m/manifest.json' });
    expect(outcome.results).toEqual([{ agencyId: 'a', scope: 'self', cases: 4 }]);
    expect(outcome.failures).toEqual([
      { unit: { agencyId: 'b', kind: 'self' }, error: 'ReportIdentityError', cause: 'breaks identity 6' },
      { unit: { agencyId: 'c', kind: 'self' }, error: 'States.Timeout', cause: 'Task timed out' },
      { unit: { agencyId: 'd', kind: 'self' }, error: 'NotRun', cause: 'the map run stopped before this unit ran' },
    ]);
    // Fewer results than units planned: the difference is named, not dropped.
    const short = await readMapResults(async (key) => files[key]!, { name: 'self', planned: 6, manifestKey: 'results/m/manifest.json' });
    expect(short.failures.at(-1)).toEqual({ unit: { phase: 'self' }, error: 'NotReported', cause: '2 of 6 units have no result' });
  });

  it('stages the plan as one object per phase, and writes the summary beside it', async () => {
    const objects = new Map<string, string>();
    const put = async (key: string, body: string) => {
      objects.set(key, body);
    };
    const staged = await stagePlan(PLAN, 'exec-1', put);
    expect(staged.phases).toEqual([
      { name: 'self', key: 'runs/year-end/exec-1/self.json', count: 3 },
      { name: 'subtree', key: 'runs/year-end/exec-1/subtree.json', count: 1 },
    ]);
    expect(JSON.parse(objects.get('runs/year-end/exec-1/self.json')!)).toEqual(PLAN.phases[0]!.units);
    await expect(stagePlan(PLAN, '../escape', put)).rejects.toThrow(RangeError);

    objects.set('m/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'm/S.json' }] } }));
    objects.set('m/S.json', JSON.stringify(['a', 'b', 'c'].map((agencyId) => ({ Output: JSON.stringify({ agencyId, scope: 'self', cases: 1 }) }))));
    const read = async (key: string) => objects.get(key)!;
    const result = await summarizeStaged(staged, { self: 'm/manifest.json' }, read, put);
    // The subtree map wrote no manifest: its unit is reported, not assumed done.
    expect(result.failed).toBe(1);
    expect(result.summaryKey).toBe('runs/year-end/exec-1/summary.json');
    const summary = JSON.parse(objects.get(result.summaryKey)!);
    expect(summary.failures).toEqual([{ unit: 'units of phase subtree', phase: 'subtree', error: 'NotReported', cause: 'the map wrote no result manifest' }]);
    expect(summary.totals).toEqual({ publishedSelf: 3, cases: 3 });
  });
});
