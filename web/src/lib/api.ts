/**
 * The API client of the pages, typed from the contract's own source: request bodies are the types the
 * route schemas infer (shared/http/schemas.ts), responses the services' result types. Type-only imports:
 * nothing of the server enters the bundle. Every call sends Accept-Language, so problems, deadline
 * explanations and timeline labels come back in the page's language.
 */
import type { ApplicationView, SubmitResult } from '../../../shared/services/applications.js';
import type { PublicAgency } from '../../../shared/services/admin.js';
import type { CaseSummary, CaseView } from '../../../shared/services/cases.js';
import type { DayExplanation } from '../../../shared/domain/explanation.js';
import type { Agency } from '../../../shared/store/agencies.js';
import type { CaseActionBody, PutAgencyBody, RegisterCaseBody, SubmitApplicationBody } from '../../../shared/http/schemas.js';
import { acceptLanguage } from './i18n.js';

export type { ApplicationView, SubmitResult, PublicAgency, CaseSummary, CaseView, DayExplanation, Agency };
export type { CaseActionBody, PutAgencyBody, RegisterCaseBody, SubmitApplicationBody };

export interface ProblemDetail {
  path: (string | number)[];
  message: string;
}

/** RFC 9457 problem+json as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  problems?: ProblemDetail[];
  rule?: string;
  citation?: string;
  currentVersion?: number;
  [extension: string]: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem } | { ok: false; status: 0; problem: null };

let bearer: (() => string | undefined) | undefined;

/** The officer console sets where its token comes from. */
export function useBearer(source: () => string | undefined): void {
  bearer = source;
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': acceptLanguage(), ...options.headers };
  const token = bearer?.();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}), credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, problem: null };
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const problem = (parsed && typeof parsed === 'object' ? parsed : { type: 'about:blank', title: response.statusText, status: response.status }) as Problem;
  return { ok: false, status: response.status, problem };
}

/** A text response (a report as CSV or HTML). */
export async function fetchText(path: string): Promise<{ ok: boolean; status: number; text: string; contentType: string }> {
  const headers: Record<string, string> = { 'accept-language': acceptLanguage() };
  const token = bearer?.();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  return { ok: response.ok, status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? 'text/plain' };
}

export const api = {
  publicAgencies: () => call<{ items: PublicAgency[] }>('GET', '/public/agencies'),
  submit: (body: SubmitApplicationBody, idempotencyKey: string) => call<SubmitResult>('POST', '/applications', { body, headers: { 'idempotency-key': idempotencyKey } }),
  track: (id: string, queryCode: string) => call<ApplicationView>('GET', `/applications/${encodeURIComponent(id)}`, { headers: { 'x-query-code': queryCode } }),
  cases: (query: Record<string, string>) => call<{ items: CaseSummary[]; cursor?: string }>('GET', `/cases?${new URLSearchParams(query).toString()}`),
  case: (id: string) => call<CaseView & { deadlineDays: DayExplanation[] }>('GET', `/cases/${encodeURIComponent(id)}`),
  act: (id: string, body: CaseActionBody) => call<CaseView>('POST', `/cases/${encodeURIComponent(id)}/actions`, { body }),
  register: (body: RegisterCaseBody, idempotencyKey: string) => call<CaseView & { queryCode: string }>('POST', '/cases', { body, headers: { 'idempotency-key': idempotencyKey } }),
  agencies: () => call<{ items: Agency[] }>('GET', '/agencies'),
  putAgency: (id: string, body: PutAgencyBody) => call<Agency>('PUT', `/agencies/${encodeURIComponent(id)}`, { body }),
  calendar: (year: number) => call<{ year: number; national: { holidays: { date: string; name: string }[]; workdays: { date: string; name: string }[]; source: string } | null; regions: unknown[] }>('GET', `/calendar/${year}`),
  report: (year: number, query: Record<string, string>) => call<ReportViewLike>('GET', `/reports/${year}?${new URLSearchParams(query).toString()}`),
  generateReport: (year: number, body: { agencyId?: string; scope?: 'self' | 'subtree' }) => call<ReportViewLike>('POST', `/reports/${year}/generate`, { body }),
  cellCases: (year: number, cellId: string, query: Record<string, string>) =>
    call<{ caseIds: string[]; cursor?: string }>('GET', `/reports/${year}/cells/${encodeURIComponent(cellId)}?${new URLSearchParams(query).toString()}`),
};

/** The parts of a report the console reads (the JSON rendering's sections of rows of cells). */
export interface ReportViewLike {
  published: boolean;
  report: unknown;
  [key: string]: unknown;
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  return crypto.randomUUID();
}
