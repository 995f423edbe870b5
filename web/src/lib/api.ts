/**
 * The API client of the pages, typed from the OpenAPI document itself: the types are openapi-typescript's
 * output for the document GET /openapi.json serves (tests/client/gongkai-api.d.ts, `npm run
 * openapi:types`; tests/unit/http/openapi-client.test.ts fails when it is stale), so a change of the
 * contract breaks the pages' typecheck (`npm run typecheck`: `tsc -p web`). Each call's body is its
 * operation's JSON request body, its answer the operation's 200/201 JSON response. Type-only imports:
 * nothing enters the bundle. Every call sends Accept-Language, so problems, deadline explanations and
 * timeline labels come back in the page's language.
 */
import type { components, operations } from '../../../tests/client/gongkai-api.js';
import { acceptLanguage } from './i18n.js';

type Schemas = components['schemas'];
/** The JSON request body of an operation (by its operationId, the route id). */
export type RequestBody<K extends keyof operations> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
/** The JSON body of an operation's success (200 or 201). */
export type Answer<K extends keyof operations> = {
  [S in keyof operations[K]['responses']]: S extends 200 | 201
    ? operations[K]['responses'][S] extends { content: { 'application/json': infer T } }
      ? T
      : never
    : never;
}[keyof operations[K]['responses']];

export type SubmitResult = Schemas['SubmitResult'];
export type ApplicationView = Schemas['ApplicationView'];
export type PublicAgency = Answer<'ListPublicAgencies'>['items'][number];
export type CaseSummary = Schemas['CaseList']['items'][number];
export type CaseView = Schemas['CaseView'];
export type CaseDetail = Schemas['CaseDetail'];
export type DayExplanation = CaseDetail['deadlineDays'][number];
export type Agency = Schemas['Agency'];
export type SubmitApplicationBody = RequestBody<'SubmitApplication'>;
export type RegisterCaseBody = RequestBody<'RegisterCase'>;
export type CaseActionBody = RequestBody<'ActOnCase'>;
export type PutAgencyBody = RequestBody<'PutAgency'>;

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
  publicAgencies: () => call<Answer<'ListPublicAgencies'>>('GET', '/public/agencies'),
  submit: (body: SubmitApplicationBody, idempotencyKey: string) =>
    call<Answer<'SubmitApplication'>>('POST', '/applications', { body, headers: { 'idempotency-key': idempotencyKey } }),
  track: (id: string, queryCode: string) => call<Answer<'GetApplication'>>('GET', `/applications/${encodeURIComponent(id)}`, { headers: { 'x-query-code': queryCode } }),
  cases: (query: Record<string, string>) => call<Answer<'ListCases'>>('GET', `/cases?${new URLSearchParams(query).toString()}`),
  case: (id: string) => call<Answer<'GetCase'>>('GET', `/cases/${encodeURIComponent(id)}`),
  act: (id: string, body: CaseActionBody) => call<Answer<'ActOnCase'>>('POST', `/cases/${encodeURIComponent(id)}/actions`, { body }),
  register: (body: RegisterCaseBody, idempotencyKey: string) =>
    call<Answer<'RegisterCase'>>('POST', '/cases', { body, headers: { 'idempotency-key': idempotencyKey } }),
  recordDelivery: (id: string, documentId: string, body: RequestBody<'RecordDelivery'>) =>
    call<Answer<'RecordDelivery'>>('POST', `/cases/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/delivery`, { body }),
  reissue: (id: string, documentId: string, body: RequestBody<'ReissueDocument'>) =>
    call<Answer<'ReissueDocument'>>('POST', `/cases/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/reissue`, { body }),
  agencies: () => call<Answer<'ListAgencies'>>('GET', '/agencies'),
  putAgency: (id: string, body: PutAgencyBody) => call<Answer<'PutAgency'>>('PUT', `/agencies/${encodeURIComponent(id)}`, { body }),
  calendar: (year: number) => call<Answer<'GetCalendar'>>('GET', `/calendar/${year}`),
  report: (year: number, query: Record<string, string>) => call<Answer<'GetReport'>>('GET', `/reports/${year}?${new URLSearchParams(query).toString()}`),
  generateReport: (year: number, body: RequestBody<'GenerateReport'>) => call<Answer<'GenerateReport'>>('POST', `/reports/${year}/generate`, { body }),
  cellCases: (year: number, cellId: string, query: Record<string, string>) =>
    call<Answer<'GetReportCell'>>('GET', `/reports/${year}/cells/${encodeURIComponent(cellId)}?${new URLSearchParams(query).toString()}`),
};

/**
 * Downloads a file (a document as DOCX or printable HTML) with the headers it needs (the query code or the
 * officer's token, which a plain link cannot send) and hands it to the browser as `filename`.
 */
export async function downloadFile(path: string, headers: Record<string, string>, filename: string): Promise<{ ok: boolean; status: number }> {
  const all: Record<string, string> = { 'accept-language': acceptLanguage(), ...headers };
  const token = bearer?.();
  if (token) all.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers: all, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0 };
  }
  if (!response.ok) return { ok: false, status: response.status };
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, status: response.status };
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  return crypto.randomUUID();
}
