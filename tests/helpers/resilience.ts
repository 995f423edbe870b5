/**
 * Shared machinery of the resilience suites (tests/resilience): the size of a run (short in `npm test`,
 * full with STRESS=full), a bounded worker pool, a recorder of statuses and latencies that prints the
 * figures, problem+json checks, and a look into the table that checks every case is whole.
 *
 * Every loop here is bounded in count and in time; all traffic goes to 127.0.0.1.
 */
import { request as httpRequest } from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { Db } from '../../shared/store/client.js';

/** `STRESS=full` (npm run stress): the full forms; otherwise the short forms that `npm test` runs. */
export const FULL = process.env.STRESS === 'full';

export function size<T>(short: T, full: T): T {
  return FULL ? full : short;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time; stops starting new tasks after `deadline`. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>, deadline = Infinity): Promise<number> {
  let next = 0;
  let started = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count || Date.now() > deadline) return;
      started++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return started;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Sample {
  label: string;
  status: number;
  ms: number;
}

/** Statuses and latencies of every request a suite makes (0 = no HTTP answer at all). */
export class Recorder {
  readonly samples: Sample[] = [];
  private started = performance.now();

  restart(): void {
    this.samples.length = 0;
    this.started = performance.now();
  }

  add(label: string, status: number, ms: number): void {
    this.samples.push({ label, status, ms });
  }

  count(predicate: (s: Sample) => boolean = () => true): number {
    return this.samples.filter(predicate).length;
  }

  byStatus(label?: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.samples) if (label === undefined || s.label === label) out[s.status] = (out[s.status] ?? 0) + 1;
    return out;
  }

  byLabel(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const s of this.samples) {
      const row = (out[s.label] ??= {});
      row[s.status] = (row[s.status] ?? 0) + 1;
    }
    return out;
  }

  figures(): { requests: number; seconds: number; rps: number; p50: number; p99: number; s2xx: number; s4xx: number; s5xx: number; none: number } {
    const seconds = (performance.now() - this.started) / 1000;
    const ms = this.samples.map((s) => s.ms);
    return {
      requests: this.samples.length,
      seconds,
      rps: this.samples.length / Math.max(seconds, 0.001),
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      s2xx: this.count((s) => s.status >= 200 && s.status < 300),
      s4xx: this.count((s) => s.status >= 400 && s.status < 500),
      s5xx: this.count((s) => s.status >= 500),
      none: this.count((s) => s.status === 0),
    };
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
  ms: number;
}

/**
 * One HTTP call with a hard time limit (a hang fails the test instead of blocking it); never throws:
 * a call that gets no HTTP answer has status 0 and the error in `text`.
 */
export async function send(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, headers: new Headers(), text: String(error), json: undefined, ms: performance.now() - started };
  }
}

/** What is wrong with an error answer (RFC 9457 problem+json whose `status` is the HTTP status), or undefined. */
export function problemDefect(answer: Pick<Answer, 'status' | 'headers' | 'json' | 'text'>): string | undefined {
  if (answer.headers.get('content-type') !== 'application/problem+json') {
    return `content-type ${answer.headers.get('content-type')} (body ${answer.text.slice(0, 200)})`;
  }
  const p = answer.json as { type?: unknown; title?: unknown; status?: unknown } | undefined;
  if (!p || typeof p !== 'object') return `body is not a JSON object: ${answer.text.slice(0, 200)}`;
  if (p.status !== answer.status) return `body status ${String(p.status)} ≠ HTTP ${answer.status}`;
  if (typeof p.type !== 'string' || typeof p.title !== 'string') return `type/title missing: ${answer.text.slice(0, 200)}`;
  return undefined;
}

export function expectProblem(answer: Answer, status?: number): void {
  if (status !== undefined) expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(problemDefect(answer)).toBeUndefined();
}

/** A 503 as the contract has it: problem+json and a Retry-After of a whole positive number of seconds. */
export function unavailableDefect(answer: Answer): string | undefined {
  const defect = problemDefect(answer);
  if (defect) return defect;
  const retryAfter = answer.headers.get('retry-after');
  if (!retryAfter || !/^[1-9]\d*$/.test(retryAfter)) return `Retry-After ${retryAfter}`;
  return undefined;
}

// ---- The table, seen from the side ---------------------------------------------------------------

export interface StoredCase {
  id: string;
  agencyId: string;
  version: number;
  status: string;
  description: string;
}

export interface TableView {
  cases: Map<string, StoredCase>;
  /** Event seqs and types per case id (including events whose case item is missing). */
  events: Map<string, { seq: number; type: string }[]>;
  /** Items of each entity. */
  entities: Record<string, number>;
}

/** Every item of the table, read with a consistent Scan (tests may Scan; the product never does). */
export async function readTable(db: Db): Promise<TableView> {
  const cases = new Map<string, StoredCase>();
  const events = new Map<string, { seq: number; type: string }[]>();
  const entities: Record<string, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const entity = String(item.entity);
      entities[entity] = (entities[entity] ?? 0) + 1;
      if (entity === 'case') {
        cases.set(item.id, { id: item.id, agencyId: item.agencyId, version: item.version, status: item.state?.status, description: item.request?.description });
      } else if (entity === 'event') {
        const list = events.get(item.caseId) ?? [];
        list.push({ seq: item.seq, type: item.type });
        events.set(item.caseId, list);
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (const list of events.values()) list.sort((a, b) => a.seq - b.seq);
  return { cases, events, entities };
}

/**
 * The cases that are not whole: a case item whose version is not its number of events, events not
 * numbered 1..version, or events without their case item.
 */
export function brokenCases(view: TableView): string[] {
  const broken: string[] = [];
  for (const c of view.cases.values()) {
    const seqs = (view.events.get(c.id) ?? []).map((e) => e.seq);
    const expected = Array.from({ length: c.version }, (_, i) => i + 1);
    if (seqs.join(',') !== expected.join(',')) broken.push(`${c.id}: version ${c.version}, events [${seqs.join(',')}]`);
  }
  for (const id of view.events.keys()) if (!view.cases.has(id)) broken.push(`${id}: events without a case item`);
  return broken;
}

/** The number of items that are not failed-attempt counters (which a refused query-code look-up rightly writes). */
export async function countStoredItems(db: Db): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        ConsistentRead: true,
        Select: 'COUNT',
        FilterExpression: 'entity <> :rate',
        ExpressionAttributeValues: { ':rate': 'rate_limit' },
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

export function formatStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
}

/** A JSON call to the local stack through `send` (never throws; status 0 when there is no answer). */
export function callJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  return send(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/**
 * The next legal action, dated today, that keeps a case open: none for a closed case, nor for one received
 * after today (an online application sent on a day off is received on the next working day, and nothing
 * happens to it before then).
 */
export function nextOpenAction(c: { status: string; receivedDate?: string | null }, today: string): Record<string, unknown> | undefined {
  if (c.receivedDate && c.receivedDate > today) return undefined;
  switch (c.status) {
    case 'submitted':
      return { type: 'confirm_receipt', receivedDate: today };
    case 'received':
      return { type: 'start_consultation', party: 'third_party', name: '江州市示例建材有限公司' };
    case 'consulting':
      return { type: 'end_consultation', result: 'agreed' };
    default:
      return undefined;
  }
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: any;
  ms: number;
  /** Why there is no status (a hang past the time limit, a reset before any answer). */
  error?: string;
}

/**
 * One request with full control over the bytes (node:http: any method, body on GET, raw Buffers, any
 * content type), on a fresh connection, with a hard time limit. Never throws; a request that gets no
 * answer has status 0 and `error`.
 */
export function sendRaw(
  baseUrl: string,
  request: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
  timeoutMs = 20_000,
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let answer: Omit<RawAnswer, 'text' | 'json' | 'ms'> | undefined;
    const chunks: Buffer[] = [];
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const ms = performance.now() - started;
      if (answer) resolve({ ...answer, body, text, json, ms });
      else resolve({ status: 0, headers: {}, body, text, json, ms, error: error ?? 'no answer' });
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish(`no answer within ${timeoutMs} ms (a hang)`);
    }, timeoutMs);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
        agent: false,
      },
      (res) => {
        answer = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) };
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => finish());
        res.on('error', () => finish());
        res.on('close', () => finish());
      },
    );
    // An answer already read counts even if the connection is then reset (a 413 closes it mid-upload).
    req.on('error', (error) => finish(String(error)));
    if (request.body && request.body.length > 0) req.end(request.body);
    else req.end();
  });
}

/** What is wrong with a raw error answer (problem+json whose `status` is the HTTP status), or undefined. */
export function rawProblemDefect(answer: RawAnswer): string | undefined {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') headers.set(name, value);
  return problemDefect({ status: answer.status, headers, json: answer.json, text: answer.text });
}
