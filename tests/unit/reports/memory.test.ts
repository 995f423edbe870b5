/**
 * Memory stays flat in the number of cases (docs/architecture.md budget "memory flat in the number of cases"): the
 * aggregation keeps one counter per cell, never the cases. The heap is measured after a full garbage
 * collection at the start and at the end of a stream of 200,000 cases; a control run that keeps the
 * cases shows the measurement would see them.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ReportAccumulator, aggregate } from '../../../shared/reports/aggregate.js';
import type { ReportCase } from '../../../shared/reports/report-case.js';
import { OUTCOME_CODE_LIST } from '../../../shared/domain/outcome-codes.js';
import { templateCells } from '../../../shared/reports/templates/layout.js';
import { TEMPLATES } from '../../../shared/reports/templates/registry.js';
import { dayToDate } from './report-fixtures.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const CASES = 200_000;
const MB = 1024 * 1024;

/** A fresh case object each time (2024–2026, half of them concluded, some with an appeal). */
function makeCase(i: number): ReportCase {
  const received = 2922 + (i % 1000); // 2024-01-01 + up to ~2.7 years
  const closed = i % 2 === 0 ? { closedDate: dayToDate(received + (i % 90)), closingAction: 'reply' as const, outcome: OUTCOME_CODE_LIST[i % OUTCOME_CODE_LIST.length], timing: 'on_time' as const } : {};
  return {
    id: `case-${i}-${'x'.repeat(40)}`,
    agencyId: 'A',
    applicantColumn: i % 3 === 0 ? 'commercial' : 'natural_person',
    channel: i % 5 === 0 ? 'mail' : 'online',
    receivedDate: dayToDate(received),
    ...closed,
    appeals: i % 7 === 0 ? [{ kind: 'reconsideration', filedDate: dayToDate(received + 100) }] : [],
    complaints: [],
  };
}

function heap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Streams the cases, measuring the heap after the first 1,000 and at the end; `keep` retains them. */
async function* stream(marks: number[], keep?: ReportCase[]): AsyncIterable<ReportCase> {
  for (let i = 0; i < CASES; i += 1) {
    if (i === 1000) marks.push(heap());
    const c = makeCase(i);
    keep?.push(c);
    yield c;
  }
  marks.push(heap());
}

describe('memory', () => {
  it('stays flat over 200,000 cases', async () => {
    const marks: number[] = [];
    const report = await aggregate(stream(marks), { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    expect(report.cells['cn-2021.new.total']?.value).toBeGreaterThan(50_000);
    const [start, end] = marks;
    if (start === undefined || end === undefined) throw new Error('two marks expected');
    expect((end - start) / MB).toBeLessThan(4);
  }, 60_000);

  it('(control) the same measurement sees cases that are kept', async () => {
    const marks: number[] = [];
    const kept: ReportCase[] = [];
    await aggregate(stream(marks, kept), { year: 2025, agencyId: 'A', templateId: 'cn-2021' });
    const [start, end] = marks;
    if (start === undefined || end === undefined) throw new Error('two marks expected');
    expect(kept).toHaveLength(CASES);
    expect((end - start) / MB).toBeGreaterThan(20);
  }, 60_000);

  it('holds one counter per cell, however many cases it has seen', () => {
    const accumulator = new ReportAccumulator('cn-2008', 2025, 'A');
    const cells = templateCells(TEMPLATES['cn-2008']).length;
    expect(accumulator.counterCount).toBe(cells);
    for (let i = 0; i < 20_000; i += 1) accumulator.add(makeCase(i));
    expect(accumulator.counterCount).toBe(cells);
  });
});
