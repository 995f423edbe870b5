/**
 * Test helpers for the year-end statistics: a case builder, a whole-table comparison against hand-written
 * figures, and fast-check arbitraries for random valid case histories.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Report } from '../../../shared/reports/aggregate.js';
import type { ReportAppeal, ReportCase, ReportComplaint } from '../../../shared/reports/report-case.js';
import { OUTCOME_CODE_LIST } from '../../../shared/domain/outcome-codes.js';
import { CHANNELS, ORGANIZATION_TYPES } from '../../../shared/domain/types.js';
import type { ApplicantColumn } from '../../../shared/domain/types.js';

/** A case of agency A received online from a natural person, open, with no appeal: override what matters. */
export function mk(id: string, fields: Partial<ReportCase> = {}): ReportCase {
  return { id, agencyId: 'A', applicantColumn: 'natural_person', channel: 'online', appeals: [], complaints: [], ...fields };
}

/**
 * Compares every cell of the report with hand-written figures: `expected[rowId]` lists the row's figures in
 * printed column order; a row not listed must be all zeros.
 */
export function expectTable(report: Report, expected: Record<string, readonly number[]>): void {
  const actual: Record<string, number> = {};
  const wanted: Record<string, number> = {};
  const known = new Set<string>();
  for (const section of report.sections) {
    for (const rowId of section.rowIds) {
      known.add(rowId);
      const figures = expected[rowId];
      if (figures !== undefined) expect(figures, `row ${rowId}`).toHaveLength(section.columnIds.length);
      section.columnIds.forEach((columnId, index) => {
        const id = `${report.templateId}.${rowId}.${columnId}`;
        actual[id] = report.cells[id]?.value ?? Number.NaN;
        wanted[id] = figures?.[index] ?? 0;
      });
    }
  }
  for (const rowId of Object.keys(expected)) expect(known, `expected row ${rowId} exists`).toContain(rowId);
  expect(actual).toEqual(wanted);
}

/** A deep copy, to break a report on purpose without touching the original. */
export function copy(report: Report): Report {
  return structuredClone(report);
}

export function bump(report: Report, cellId: string, by: number): void {
  const cell = report.cells[cellId];
  if (cell === undefined) throw new Error(`no cell ${cellId}`);
  cell.value += by;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2016, 0, 1);

/** Civil date `days` after 2016-01-01 (test arithmetic only; dates are Beijing civil dates as strings). */
export function dayToDate(days: number): string {
  return new Date(EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from 2016-01-01 to the end of 2027. */
const SPAN = Math.round((Date.UTC(2027, 11, 31) - EPOCH) / DAY_MS);

/** Any day of the span, often one of the days around a New Year (where the counting rules meet). */
const day: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: SPAN }),
  fc.tuple(fc.integer({ min: 2016, max: 2027 }), fc.integer({ min: -3, max: 2 })).map(([year, offset]) =>
    Math.min(SPAN, Math.max(0, Math.round((Date.UTC(year, 0, 1) - EPOCH) / DAY_MS) + offset)),
  ),
);

const applicantColumns: ApplicantColumn[] = ['natural_person', ...ORGANIZATION_TYPES];
const result = fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const);

/** A decision some days after filing, or none yet. */
function decisionAfter(filed: number): fc.Arbitrary<Pick<ReportComplaint, 'decidedDate' | 'result'>> {
  return fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), result), { nil: undefined }).map((decision) =>
    decision === undefined ? {} : { decidedDate: dayToDate(filed + decision[0]), result: decision[1] },
  );
}

const appeal: fc.Arbitrary<ReportAppeal> = fc
  .record({
    kind: fc.constantFrom('reconsideration' as const, 'lawsuit' as const),
    after: fc.boolean(),
    filed: day,
  })
  .chain(({ kind, after, filed }) =>
    decisionAfter(filed).map(
      (decision): ReportAppeal => ({
        kind,
        ...(kind === 'lawsuit' ? { afterReconsideration: after } : {}),
        filedDate: dayToDate(filed),
        ...decision,
      }),
    ),
  );

const complaint: fc.Arbitrary<ReportComplaint> = day.chain((filed) => decisionAfter(filed).map((decision): ReportComplaint => ({ filedDate: dayToDate(filed), ...decision })));

const closing = fc.oneof(
  fc.constantFrom(...OUTCOME_CODE_LIST).map((outcome) => ({ closingAction: 'reply' as const, outcome })),
  fc.constant({ closingAction: 'withdraw' as const }),
  fc.constant({ closingAction: 'close_no_correction' as const }),
  fc.constant({ closingAction: 'close_no_correction' as const, outcome: 'other.no_correction' as const }),
);

/**
 * A random valid case of `agencyId` received between 2016 and 2027 (or never), open or closed up to two
 * years later (closed cases carry a timing), with up to three appeals and two complaints; dates fall
 * often around a New Year.
 */
export function arbitraryCase(agencyId: fc.Arbitrary<string> = fc.constant('A')): fc.Arbitrary<Omit<ReportCase, 'id'>> {
  return fc
    .record({
      agencyId,
      applicantColumn: fc.constantFrom(...applicantColumns),
      channel: fc.constantFrom(...CHANNELS),
      received: fc.option(day, { nil: undefined, freq: 8 }),
      closeAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 730 })), { nil: undefined, freq: 3 }),
      closing,
      timing: fc.constantFrom('on_time' as const, 'extended' as const, 'overdue' as const),
      appeals: fc.array(appeal, { maxLength: 3 }),
      complaints: fc.array(complaint, { maxLength: 2 }),
    })
    .map(({ agencyId: agency, applicantColumn, channel, received, closeAfter, closing: close, timing, appeals, complaints }) => ({
      agencyId: agency,
      applicantColumn,
      channel,
      appeals,
      complaints,
      ...(received === undefined ? {} : { receivedDate: dayToDate(received) }),
      ...(received === undefined || closeAfter === undefined
        ? {}
        : { closedDate: dayToDate(received + closeAfter), ...close, timing }),
    }));
}

/** Random case histories with unique ids. */
export function arbitraryCases(agencyId?: fc.Arbitrary<string>, maxLength = 60): fc.Arbitrary<ReportCase[]> {
  return fc
    .array(arbitraryCase(agencyId), { minLength: Math.min(20, maxLength), maxLength, size: 'max' })
    .map((cases) => cases.map((c, index): ReportCase => ({ id: `case-${index}`, ...c })));
}

export const arbitraryYear = fc.integer({ min: 2017, max: 2026 });
