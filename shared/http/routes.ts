/**
 * The one route table (DESIGN.md "One route table"): every route with its method, path, entry file,
 * auth rule and request schemas. The CDK stack, the local server and the OpenAPI document are generated
 * from it, so they cannot drift. It imports no handler code.
 */
import type { ZodMiniType } from 'zod/mini';
import type { ROLES } from '../domain/types.js';
import * as s from './schemas.js';

export type Role = (typeof ROLES)[number];
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
  /** Success status and what it returns. */
  success: { status: 200 | 201; description: string };
  /** Least privilege: whether the function only reads the table or also writes it. */
  tableAccess: 'read' | 'readwrite';
  /** Public routes are throttled per route in AWS (requests per second, burst). */
  throttle?: { rate: number; burst: number };
}

export const routes = {
  submitApplication: {
    id: 'SubmitApplication',
    method: 'POST',
    path: '/applications',
    entry: 'functions/http/post-applications.ts',
    auth: 'public',
    summary: 'Submit an application for government information disclosure (the online form).',
    body: s.SubmitApplicationBody,
    headers: { 'idempotency-key': s.IdempotencyKeyHeader },
    success: { status: 201, description: 'The application number, the query code (shown once) and the status.' },
    tableAccess: 'readwrite',
    throttle: { rate: 20, burst: 50 },
  },
  getApplication: {
    id: 'GetApplication',
    method: 'GET',
    path: '/applications/{id}',
    entry: 'functions/http/get-application.ts',
    auth: 'public',
    summary: "The applicant's view of an application: status, dates, deadline, outcome and a public timeline.",
    params: { id: s.CaseIdParam },
    headers: { 'x-query-code': s.QueryCodeHeader },
    success: { status: 200, description: 'The public status view (no personal data).' },
    tableAccess: 'read',
    throttle: { rate: 50, burst: 100 },
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const routeList: RouteDefinition[] = Object.values(routes);
