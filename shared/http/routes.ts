/**
 * The one route table (docs/architecture.md "The request path"): every route with its method, path, entry file,
 * auth rule and request schemas. The CDK stack, the local server and the OpenAPI document are generated
 * from it, so they cannot drift. It imports no handler code.
 */
import type { ZodMiniType } from 'zod/mini';
import type { Role } from '../caller.js';
import { WRITABLE_KEYS } from '../store/keys.js';
import type { ResponseName } from './responses.js';
import * as s from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface RouteDefinition {
  /** Stable id: the Lambda function's logical name and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/cases/{id}`. */
  path: string;
  /** The entry file, relative to the repo root (one Lambda per route). */
  entry: string;
  /** `public`: no token. Otherwise a Bearer JWT with one of these groups. */
  auth: 'public' | { roles: readonly Role[] };
  summary: string;
  /** Path parameters, each with its schema. */
  params?: Record<string, ZodMiniType>;
  query?: ZodMiniType;
  body?: ZodMiniType;
  /** Request headers the route reads (lower-case names), each with its schema (optional headers). */
  headers?: Record<string, ZodMiniType>;
  /**
   * Success status and what it returns: the body's schema (shared/http/responses.ts; the handler's result
   * is typed from it), the response headers it sets besides those of every answer, and the media types
   * other than JSON it can answer (by the `format` query parameter).
   */
  success: JsonSuccess | FileSuccess;
  /**
   * The error statuses this route answers besides those every route of its kind can (openapi.ts
   * `errorStatuses`: 422 for any input, 400/415 for a body, 401 with a token, 403, 413, 429, 500, 503).
   */
  errors?: readonly (404 | 409)[];
  /** Least privilege: no table access, read-only, or read and write. */
  tableAccess: 'none' | 'read' | 'readwrite';
  /**
   * Least privilege for the report bucket (REPORT_BUCKET, shared/store/report-storage.ts): absent = no
   * access; `read` = object reads; `readwrite` = object reads and writes (publishing a report's files).
   */
  reportBucket?: 'read' | 'readwrite';
  /**
   * The time all the store calls of one request may take together, when the route does much more than
   * the usual few (default: requestStoreBudgetMs(), shared/store/client.ts). Well within API Gateway's 29 s.
   */
  storeBudgetMs?: number;
  /** Least privilege for the document bucket (DOCUMENT_BUCKET, shared/store/document-storage.ts): object reads. */
  documentBucket?: 'read';
  /** Public routes are throttled per route in AWS (requests per second, burst). */
  throttle?: { rate: number; burst: number };
  /**
   * The applicant's sealed identity fields (shared/crypto/field-encryption.ts): `read` = the route reads
   * case items (kms:Decrypt), `readwrite` = it also writes them (kms:GenerateDataKey, the blind-index key).
   * Any route that reads or writes a case item through shared/store/cases.ts needs it.
   */
  applicantFields?: 'read' | 'readwrite';
  /** The route opens cases with an Idempotency-Key: it reads the query-code secret (shared/crypto/secret-store.ts). */
  queryCodeSecret?: true;
  /**
   * The only items the route may write, as `dynamodb:LeadingKeys` patterns (shared/store/keys.ts
   * WRITABLE_KEYS). Required for public routes; absent on officers' routes (docs/deployment.md says why).
   */
  writableKeys?: readonly string[];
}

/** Response headers a route sets on success (their schemas and meanings: openapi.ts). */
export type SuccessHeader = 'location' | 'content-disposition' | 'x-report-published' | 'x-content-sha256';

/** A route that answers JSON (and, by its `format` query parameter, the text media types it lists). */
export interface JsonSuccess {
  status: 200 | 201;
  description: string;
  /** The answer's schema, by its component name (shared/http/responses.ts RESPONSES). */
  body: ResponseName;
  headers?: readonly SuccessHeader[];
  textMediaTypes?: readonly ('text/csv' | 'text/html')[];
}

/** The media types of a written notice's files (shared/services/case-documents.ts). */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type FileMediaType = typeof DOCX_MEDIA_TYPE | 'text/html';

/** A route that answers a file (a written notice as DOCX or printable HTML), never JSON on success. */
export interface FileSuccess {
  status: 200;
  description: string;
  files: readonly FileMediaType[];
  headers?: readonly SuccessHeader[];
}

// Each route is its own constant, so a function's bundle holds its own route only (esbuild drops the others:
// docs/architecture.md "Budgets"); `routes` and `routeList` gather them for the stack, the local server and
// the OpenAPI document.
export const submitApplication = {
  id: 'SubmitApplication',
  method: 'POST',
  path: '/applications',
  entry: 'functions/http/post-applications.ts',
  auth: 'public',
  summary: 'Submit an application for government information disclosure (the online form).',
  body: s.SubmitApplicationBody,
  headers: { 'idempotency-key': s.IdempotencyKeyHeader },
  success: { status: 201, description: 'The application number, the query code (shown once) and the status.', body: 'SubmitResult', headers: ['location'] },
  tableAccess: 'readwrite',
  throttle: { rate: 20, burst: 50 },
  applicantFields: 'readwrite',
  queryCodeSecret: true,
  // The new case, its events and receipt, its public idempotency record, the per-client counters, and with
  // the receipt (an agency that confirms online receipt) its number counter and outbox work: nothing else.
  writableKeys: [
    WRITABLE_KEYS.case,
    WRITABLE_KEYS.publicIdempotency,
    WRITABLE_KEYS.publicContentIdempotency,
    WRITABLE_KEYS.rateCounter,
    WRITABLE_KEYS.documentCounter,
    WRITABLE_KEYS.outbox,
  ],
} as const satisfies RouteDefinition;

export const getApplication = {
  id: 'GetApplication',
  method: 'GET',
  path: '/applications/{id}',
  entry: 'functions/http/get-application.ts',
  auth: 'public',
  summary: "The applicant's view of an application: status, dates, deadline, outcome and a public timeline.",
  params: { id: s.PublicIdParam },
  headers: { 'x-query-code': s.QueryCodeHeader },
  success: { status: 200, description: 'The public status view (no personal data).', body: 'ApplicationView' },
  errors: [404],
  // Not read-only: a wrong id or code counts a failed attempt (UpdateItem on the rate counters,
  // shared/store/rate-limit.ts); with read access only, every failed look-up would be a 500 in AWS.
  tableAccess: 'readwrite',
  throttle: { rate: 50, burst: 100 },
  applicantFields: 'read',
  // Only the failed-attempt counters.
  writableKeys: [WRITABLE_KEYS.rateCounter],
} as const satisfies RouteDefinition;

export const getApplicationDocument = {
  id: 'GetApplicationDocument',
  method: 'GET',
  path: '/applications/{id}/documents/{documentId}',
  entry: 'functions/http/get-application-document.ts',
  auth: 'public',
  summary: "The applicant's download of a document addressed to them (electronic delivery), with X-Query-Code.",
  params: { id: s.PublicIdParam, documentId: s.DocumentIdParam },
  query: s.DocumentFileQuery,
  headers: { 'x-query-code': s.QueryCodeHeader },
  success: {
    status: 200,
    description: 'The file (404 alike for a wrong id, code or document).',
    files: [DOCX_MEDIA_TYPE, 'text/html'],
    headers: ['content-disposition', 'x-content-sha256'],
  },
  errors: [404],
  // Counts failed attempts like the view (shared/store/rate-limit.ts).
  tableAccess: 'readwrite',
  documentBucket: 'read',
  throttle: { rate: 20, burst: 50 },
  applicantFields: 'read',
  // Only the failed-attempt counters.
  writableKeys: [WRITABLE_KEYS.rateCounter],
} as const satisfies RouteDefinition;

export const registerCase = {
  id: 'RegisterCase',
  method: 'POST',
  path: '/cases',
  entry: 'functions/http/post-cases.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Register an application that arrived in person, by mail, fax, e-mail or otherwise.',
  body: s.RegisterCaseBody,
  headers: { 'idempotency-key': s.IdempotencyKeyHeader },
  success: { status: 201, description: 'The case, with its application number and the query code for the applicant (shown once).', body: 'RegisteredCase', headers: ['location'] },
  tableAccess: 'readwrite',
  applicantFields: 'readwrite',
  queryCodeSecret: true,
} as const satisfies RouteDefinition;

export const listCases = {
  id: 'ListCases',
  method: 'GET',
  path: '/cases',
  entry: 'functions/http/get-cases.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: "An agency's cases: open ones by deadline, closed ones by closing date; paginated with an opaque cursor.",
  query: s.ListCasesQuery,
  success: { status: 200, description: 'A page of the worklist, and the cursor of the next one if there is more.', body: 'CaseList' },
  tableAccess: 'read',
  applicantFields: 'read',
} as const satisfies RouteDefinition;

export const getCase = {
  id: 'GetCase',
  method: 'GET',
  path: '/cases/{id}',
  entry: 'functions/http/get-case.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Everything about a case: state, the deadline explained, the event history.',
  params: { id: s.CaseIdParam },
  success: { status: 200, description: 'The case, its history and its deadline day by day.', body: 'CaseDetail' },
  errors: [404],
  tableAccess: 'read',
  applicantFields: 'read',
} as const satisfies RouteDefinition;

export const getCaseApplicant = {
  id: 'GetCaseApplicant',
  method: 'GET',
  path: '/cases/{id}/applicant',
  entry: 'functions/http/get-case-applicant.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary:
    "The applicant's full personal data (identity number, phone, e-mail, address), which every other view masks; each read is recorded (who, when, which case, the optional `reason`).",
  params: { id: s.CaseIdParam },
  query: s.CaseApplicantQuery,
  success: { status: 200, description: "The applicant's full personal data and the delivery asked for.", body: 'ApplicantView' },
  errors: [404],
  // Not read-only: the read is recorded in the audit before the data is answered.
  tableAccess: 'readwrite',
  applicantFields: 'read',
} as const satisfies RouteDefinition;

export const listPersonalDataReads = {
  id: 'ListPersonalDataReads',
  method: 'GET',
  path: '/audit/personal-data-reads',
  entry: 'functions/http/get-personal-data-reads.ts',
  auth: { roles: ['supervisor'] },
  summary:
    "Who read which applicant's full personal data, when and why: an agency of the supervisor's subtree, between two Beijing dates (default the last 30 days), newest first.",
  query: s.AuditReadsQuery,
  success: { status: 200, description: 'The reads of full personal data in the range, newest first, and the cursor of the next page if there is more.', body: 'PersonalDataReads' },
  tableAccess: 'read',
} as const satisfies RouteDefinition;

export const actOnCase = {
  id: 'ActOnCase',
  method: 'POST',
  path: '/cases/{id}/actions',
  entry: 'functions/http/post-case-actions.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Record one action on a case (409 on a stale expectedVersion, 422 naming the rule for an illegal action).',
  params: { id: s.CaseIdParam },
  body: s.CaseActionBody,
  success: { status: 200, description: 'The case after the action.', body: 'CaseView' },
  errors: [404, 409],
  tableAccess: 'readwrite',
  applicantFields: 'readwrite',
} as const satisfies RouteDefinition;

export const eraseCase = {
  id: 'EraseCase',
  method: 'POST',
  path: '/cases/{id}/erasure',
  entry: 'functions/http/post-case-erasure.ts',
  auth: { roles: ['admin'] },
  summary:
    "Erase the applicant's personal data of a closed case on a lawful deletion request (PIPL Art. 47): an admin of the case's agency tree, with the request's reference in `note`; recorded as an `anonymise` event; the statistics are unchanged; again: answered as it is.",
  params: { id: s.CaseIdParam },
  body: s.EraseCaseBody,
  success: { status: 200, description: 'The case erased: its version and when.', body: 'ErasureResult' },
  errors: [404, 409],
  tableAccess: 'readwrite',
  applicantFields: 'readwrite',
} as const satisfies RouteDefinition;

export const getCaseDocument = {
  id: 'GetCaseDocument',
  method: 'GET',
  path: '/cases/{id}/documents/{documentId}',
  entry: 'functions/http/get-case-document.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: "A written notice's file: DOCX (to sign and seal) or printable HTML, zh or en.",
  params: { id: s.CaseIdParam, documentId: s.DocumentIdParam },
  query: s.DocumentFileQuery,
  success: {
    status: 200,
    description: 'The file, its SHA-256 in X-Content-SHA256 (503 until rendered).',
    files: [DOCX_MEDIA_TYPE, 'text/html'],
    headers: ['content-disposition', 'x-content-sha256'],
  },
  errors: [404],
  tableAccess: 'read',
  documentBucket: 'read',
  // Reads the case (to check who may see it), whose applicant fields are sealed.
  applicantFields: 'read',
} as const satisfies RouteDefinition;

export const recordDelivery = {
  id: 'RecordDelivery',
  method: 'POST',
  path: '/cases/{id}/documents/{documentId}/delivery',
  entry: 'functions/http/post-document-delivery.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Record once how and when a document reached its addressee (送达).',
  params: { id: s.CaseIdParam, documentId: s.DocumentIdParam },
  body: s.DeliveryBody,
  success: { status: 200, description: "The case's new version and the document with its delivery.", body: 'DeliveryRecorded' },
  errors: [404, 409],
  tableAccess: 'readwrite',
  // Reads and rewrites the case item, whose applicant fields are sealed.
  applicantFields: 'readwrite',
} as const satisfies RouteDefinition;

export const reissueDocument = {
  id: 'ReissueDocument',
  method: 'POST',
  path: '/cases/{id}/documents/{documentId}/reissue',
  entry: 'functions/http/post-document-reissue.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Correct an issued document: a new numbered one supersedes it (the original is kept).',
  params: { id: s.CaseIdParam, documentId: s.DocumentIdParam },
  body: s.ReissueBody,
  success: {
    status: 200,
    description: "The case's new version, the new document and the id of the one it supersedes.",
    body: 'DocumentReissued',
  },
  errors: [404, 409],
  tableAccess: 'readwrite',
  // Reads and rewrites the case item, whose applicant fields are sealed.
  applicantFields: 'readwrite',
} as const satisfies RouteDefinition;

export const getCalendar = {
  id: 'GetCalendar',
  method: 'GET',
  path: '/calendar/{year}',
  entry: 'functions/http/get-calendar.ts',
  auth: { roles: ['officer', 'supervisor', 'admin', 'platform'] },
  summary: "A year's working-day calendar: holidays and make-up working days, with their source.",
  params: { year: s.YearParam },
  success: { status: 200, description: 'The national year and any regional overrides.', body: 'Calendar' },
  errors: [404],
  tableAccess: 'read',
} as const satisfies RouteDefinition;

export const putCalendar = {
  id: 'PutCalendar',
  method: 'PUT',
  path: '/calendar/{year}',
  entry: 'functions/http/put-calendar.ts',
  auth: { roles: ['platform', 'admin'] },
  summary:
    "Load or correct a year's calendar: the national year by the platform administrator, a region's overrides also by an admin whose agencies use the region; recomputes the deadlines of the open cases and says how many of the caller's tree changed.",
  params: { year: s.YearParam },
  body: s.PutCalendarBody,
  success: { status: 200, description: 'The stored year and the recomputation summary.', body: 'CalendarLoaded' },
  tableAccess: 'readwrite',
  storeBudgetMs: 25_000,
  // Recomputing open cases rewrites their items.
  applicantFields: 'readwrite',
} as const satisfies RouteDefinition;

export const listAgencies = {
  id: 'ListAgencies',
  method: 'GET',
  path: '/agencies',
  entry: 'functions/http/get-agencies.ts',
  auth: { roles: ['officer', 'supervisor', 'admin', 'platform'] },
  summary:
    "The agencies the caller may see: an officer's own agency, a supervisor's or admin's subtree, every agency for the platform administrator.",
  success: { status: 200, description: 'The agencies the caller may see.', body: 'AgencyList' },
  tableAccess: 'read',
} as const satisfies RouteDefinition;

export const listPublicAgencies = {
  id: 'ListPublicAgencies',
  method: 'GET',
  path: '/public/agencies',
  entry: 'functions/http/get-public-agencies.ts',
  auth: 'public',
  summary:
    'The agencies that accept online applications, each with its tree path (root first), for the online form: a look-alike name shows which tree it belongs to.',
  success: { status: 200, description: 'The agencies that accept online applications, with their tree paths.', body: 'PublicAgencyList' },
  tableAccess: 'read',
  throttle: { rate: 20, burst: 50 },
} as const satisfies RouteDefinition;

export const putAgency = {
  id: 'PutAgency',
  method: 'PUT',
  path: '/agencies/{id}',
  entry: 'functions/http/put-agency.ts',
  auth: { roles: ['platform', 'admin'] },
  summary:
    "Create or change an agency: a tenant's root by the platform administrator only, the agencies of a tree by its admin (cycles refused).",
  params: { id: s.AgencyId },
  body: s.PutAgencyBody,
  success: { status: 200, description: 'The agency.', body: 'Agency' },
  errors: [404],
  tableAccess: 'readwrite',
} as const satisfies RouteDefinition;

export const getReport = {
  id: 'GetReport',
  method: 'GET',
  path: '/reports/{year}',
  entry: 'functions/http/get-report.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary:
    "The year-end statistics (docs/domain.md §7) of an agency, own or consolidated, as JSON, CSV or HTML: the published report, or one generated now and not stored (published: false, header x-report-published). An officer sees their own agency's own report.",
  params: { year: s.YearParam },
  query: s.ReportQuery,
  success: {
    status: 200,
    description: 'The report (JSON with identityCheck and published; CSV with a BOM; or HTML), as `format` asks.',
    body: 'ReportDocument',
    headers: ['x-report-published', 'content-disposition'],
    textMediaTypes: ['text/csv', 'text/html'],
  },
  errors: [404],
  tableAccess: 'read',
} as const satisfies RouteDefinition;

export const generateReport = {
  id: 'GenerateReport',
  method: 'POST',
  path: '/reports/{year}/generate',
  entry: 'functions/http/post-report-generate.ts',
  auth: { roles: ['supervisor'] },
  summary:
    "Generate, check (docs/domain.md §7 identities) and publish a year's report once the year is over; 422 naming the broken identities and cells, and nothing published.",
  params: { year: s.YearParam },
  body: s.GenerateReportBody,
  success: {
    status: 201,
    description: 'The published report and where its JSON, CSV and HTML files are stored.',
    body: 'ReportDocument',
    headers: ['location', 'x-report-published'],
  },
  errors: [404],
  tableAccess: 'readwrite',
  reportBucket: 'readwrite',
  storeBudgetMs: 25_000,
} as const satisfies RouteDefinition;

export const getReportCell = {
  id: 'GetReportCell',
  method: 'GET',
  path: '/reports/{year}/cells/{cellId}',
  entry: 'functions/http/get-report-cell.ts',
  auth: { roles: ['officer', 'supervisor'] },
  summary: 'Drill-down: the ids of the cases behind one figure of the report, paginated with an opaque cursor.',
  params: { year: s.YearParam, cellId: s.CellIdParam },
  query: s.CellCasesQuery,
  success: { status: 200, description: 'A page of the ids of the cases behind the figure, and the cursor of the next one if there is more.', body: 'CellCases' },
  errors: [404],
  tableAccess: 'read',
} as const satisfies RouteDefinition;

export const openApi = {
  id: 'OpenApi',
  method: 'GET',
  path: '/openapi.json',
  entry: 'functions/http/get-openapi.ts',
  auth: 'public',
  summary: 'The API contract, generated from the route table and its schemas.',
  success: { status: 200, description: 'OpenAPI 3.1 document.', body: 'OpenApiDocument' },
  tableAccess: 'none',
  throttle: { rate: 10, burst: 20 },
} as const satisfies RouteDefinition;

export const routes = {
  submitApplication,
  getApplication,
  getApplicationDocument,
  registerCase,
  listCases,
  getCase,
  getCaseApplicant,
  listPersonalDataReads,
  actOnCase,
  eraseCase,
  getCaseDocument,
  recordDelivery,
  reissueDocument,
  getCalendar,
  putCalendar,
  listAgencies,
  listPublicAgencies,
  putAgency,
  getReport,
  generateReport,
  getReportCell,
  openApi,
} as const;

export type RouteId = keyof typeof routes;
export const routeList: RouteDefinition[] = /* @__PURE__ */ Object.values(routes);
