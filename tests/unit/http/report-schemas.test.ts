/** The report routes' request schemas (shared/http/schemas.ts) against the report core they feed. */
import { describe, expect, it } from 'vitest';
import { CellCasesQuery, CellIdParam, GenerateReportBody, ReportQuery, TemplateIdSchema } from '../../../shared/http/schemas.js';
import { templateCells } from '../../../shared/reports/templates/layout.js';
import { TEMPLATE_IDS, TEMPLATES } from '../../../shared/reports/templates/registry.js';

describe('report schemas', () => {
  it('accept exactly the templates of the registry', () => {
    expect([...TemplateIdSchema.options].sort()).toEqual([...TEMPLATE_IDS].sort());
  });

  it('accept every cell id of every template as {cellId}, and refuse other shapes', () => {
    for (const template of Object.values(TEMPLATES)) {
      for (const cell of templateCells(template)) expect(CellIdParam.safeParse(cell.id).success, cell.id).toBe(true);
    }
    for (const bad of ['cn-2021.new', 'new.total', 'cn-2021.new.total.x', 'cn-2021.NEW.total', '../etc']) {
      expect(CellIdParam.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('default to the caller’s own report as JSON, and bound the drill-down page', () => {
    expect(ReportQuery.parse({})).toEqual({ scope: 'self', format: 'json' });
    expect(GenerateReportBody.parse({})).toEqual({ scope: 'self' });
    expect(CellCasesQuery.parse({})).toEqual({ scope: 'self', limit: 1000 });
    expect(CellCasesQuery.parse({ limit: '10000' }).limit).toBe(10_000);
    for (const limit of ['0', '10001', '-1', 'x']) expect(CellCasesQuery.safeParse({ limit }).success, limit).toBe(false);
    expect(ReportQuery.safeParse({ scope: 'all' }).success).toBe(false);
    expect(GenerateReportBody.safeParse({ format: 'csv' }).success).toBe(false);
  });
});
