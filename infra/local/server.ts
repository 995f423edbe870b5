/**
 * The local HTTP server: serves the route table with the *same* handler modules Lambda loads. Each
 * request becomes an API Gateway HTTP API (payload 2.0) event; the server plays API Gateway's part —
 * route matching (unknown routes 404), the body-size limit (64 KiB, 413) and the JWT authorizer
 * (a verifier supplied by the caller) — and every error it produces itself is problem+json.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, Handler } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../../shared/http/handler.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../shared/http/problem.js';
import type { RouteDefinition } from '../../shared/http/routes.js';
import { contentLanguage, negotiateLocale } from '../../shared/i18n/locale.js';
import { translate } from '../../shared/i18n/messages.js';
import { pageSecurityHeaders } from '../web/security-headers.js';

/** Verifies a bearer token and returns its claims, or undefined when it is not valid. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown> | undefined>;

export interface LocalServerOptions {
  routes: RouteDefinition[];
  /** The repository root that route entries are relative to. */
  root: string;
  verifyToken?: TokenVerifier;
  /**
   * The built pages (web/build.ts): GET and HEAD of a path no route claims are served from this folder
   * (`/` is index.html), with the pages' security headers, as CloudFront serves them from S3 in AWS.
   */
  pagesDir?: string;
  /**
   * Local sign-in for the officers' console: /auth/config.json lists these users and
   * POST /auth/local/token {user} mints a token for one of them (never in AWS, where the config names
   * the identity provider).
   */
  localSignIn?: { users: LocalSignInUser[]; mint(user: LocalSignInUser): Promise<string> };
  /** Called for every finished request (metrics in tests and benchmarks). */
  onResponse?: (info: { method: string; path: string; status: number; ms: number }) => void;
  /** Called with every finished request and its whole answer (the tests check each against the OpenAPI document). */
  onExchange?: (exchange: Exchange) => void;
}

/** A request and its answer as sent: status, headers (lower-case names) and body. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Records what `res` sends (every answer here is one writeHead and one end). */
function recordExchange(req: IncomingMessage, res: ServerResponse, observe: (exchange: Exchange) => void): void {
  const headers: Record<string, string> = {};
  const chunks: Buffer[] = [];
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (status: number, ...rest: unknown[]) => {
    const given = rest.find((r) => typeof r === 'object' && r !== null) as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(given ?? {})) headers[name.toLowerCase()] = String(value);
    return writeHead(status, ...rest);
  };
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const chunk = args[0];
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    return end(...args);
  }) as typeof res.end;
  res.on('finish', () => {
    for (const [name, value] of Object.entries(res.getHeaders())) headers[name.toLowerCase()] ??= String(value);
    observe({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') });
  });
}

export interface LocalSignInUser {
  id: string;
  name: string;
  role: 'officer' | 'supervisor' | 'admin';
  agencyId: string;
  agencyName: string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** A file of the pages folder, or undefined (never a path outside it). */
async function pageFile(dir: string, pathname: string): Promise<{ body: Buffer; type: string } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = resolve(dir);
  const file = normalize(join(root, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(root + sep)) return undefined;
  const type = MEDIA_TYPES[extname(file)];
  if (!type) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return { body: await readFile(file), type };
  } catch {
    return undefined;
  }
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        names.push(param[1]!);
        return '([^/]+)';
      }
      return segment.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function sendProblem(res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) {
  // In the language the request asked for, like the handlers' own problems (shared/i18n).
  const locale = negotiateLocale(res.req?.headers['accept-language']);
  const problem: Problem = {
    type: `https://gongkai.dev/problems/${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`,
    title: translate(locale, title),
    status,
    detail: translate(locale, detail),
  };
  res.writeHead(status, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-language': contentLanguage(locale),
    'x-request-id': randomUUID(),
    ...headers,
  });
  res.end(JSON.stringify(problem));
}

/** Reads the body, refusing (and not buffering) anything past the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  compiled: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // Own properties only, as in the JSON event API Gateway sends: `__proto__` or `constructor` is a plain
  // (unknown) parameter name that the route's strict query schema refuses, not an inherited property.
  const query = Object.create(null) as Record<string, string>;
  for (const [name, value] of url.searchParams) {
    query[name] = Object.hasOwn(query, name) ? `${query[name]},${value}` : value;
  }
  let text: string | undefined;
  let isBase64Encoded = false;
  if (body.length > 0) {
    const decoded = body.toString('utf8');
    if (Buffer.from(decoded, 'utf8').equals(body)) text = decoded;
    else {
      text = body.toString('base64');
      isBase64Encoded = true;
    }
  }
  const now = Date.now();
  const requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: unknown } = {
    accountId: 'local',
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'localhost',
    http: {
      method: req.method ?? 'GET',
      path: url.pathname,
      protocol: `HTTP/${req.httpVersion}`,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: `${compiled.route.method} ${compiled.route.path}`,
    stage: '$default',
    time: new Date(now).toUTCString(),
    timeEpoch: now,
  };
  if (claims) requestContext.authorizer = { jwt: { claims, scopes: [] } };
  return {
    version: '2.0',
    routeKey: `${compiled.route.method} ${compiled.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(compiled.names.length > 0 ? { pathParameters: params } : {}),
    requestContext,
    ...(text !== undefined ? { body: text } : {}),
    isBase64Encoded,
  };
}

function lambdaContext(route: RouteDefinition, requestId: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `gongkai-${route.id}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:gongkai-${route.id}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/gongkai-${route.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Requests that Node's HTTP parser refuses before any handler runs (a request line with raw non-ASCII
 * bytes, headers past 16 KiB, a malformed request): answered here, as problem+json like every other
 * error of the server, instead of Node's bare `400 Bad Request` without a body. The connection is closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, title, detail]: [number, string, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request header fields too large', 'The request line and headers may be at most 16 KiB.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request timeout', 'The request did not arrive in time.']
        : [400, 'Bad request', 'The request is not valid HTTP (for instance a path with raw non-ASCII bytes: percent-encode them).'];
  const problem: Problem = { type: `https://gongkai.dev/problems/${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`, title, status, detail };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = options.routes.map(compile);
  const handlers = new Map<string, Promise<Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>>>();
  const handlerFor = (route: RouteDefinition) => {
    let loaded = handlers.get(route.id);
    if (!loaded) {
      loaded = import(pathToFileURL(resolve(options.root, route.entry)).href).then((m: { handler: Handler }) => m.handler);
      handlers.set(route.id, loaded);
    }
    return loaded;
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    if (options.onExchange) recordExchange(req, res, options.onExchange);
    res.on('finish', () =>
      options.onResponse?.({ method: req.method ?? '', path: req.url ?? '', status: res.statusCode, ms: performance.now() - started }),
    );
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (options.localSignIn && url.pathname === '/auth/config.json' && req.method === 'GET') {
        const { users } = options.localSignIn;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ mode: 'local', users }));
        return;
      }
      if (options.localSignIn && url.pathname === '/auth/local/token' && req.method === 'POST') {
        const body = await readBody(req);
        let userId: unknown;
        try {
          userId = body === 'too_large' ? undefined : (JSON.parse(body.toString('utf8')) as { user?: unknown }).user;
        } catch {
          userId = undefined;
        }
        const user = options.localSignIn.users.find((u) => u.id === userId);
        if (!user) {
          sendProblem(res, 422, 'Unknown user', 'Choose one of the users that /auth/config.json lists.');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token: await options.localSignIn.mint(user) }));
        return;
      }
      const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
      const match = candidates.find((c) => c.route.method === req.method);
      if (!match) {
        req.resume();
        const page = candidates.length === 0 && options.pagesDir && (req.method === 'GET' || req.method === 'HEAD') ? await pageFile(options.pagesDir, url.pathname) : undefined;
        if (page) {
          res.writeHead(200, {
            'content-type': page.type,
            'content-length': String(page.body.length),
            'cache-control': page.type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300',
            ...pageSecurityHeaders(),
          });
          res.end(req.method === 'HEAD' ? undefined : page.body);
          return;
        }
        if (candidates.length > 0) {
          const allow = candidates.map((c) => c.route.method).join(', ');
          sendProblem(res, 405, 'Method not allowed', `${req.method} is not allowed here; allowed: ${allow}.`, { allow });
        } else {
          sendProblem(res, 404, 'Not found', `No route for ${req.method} ${url.pathname}.`);
        }
        return;
      }
      const params: Record<string, string> = {};
      const values = match.pattern.exec(url.pathname)!;
      match.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(values[i + 1]!);
        } catch {
          params[name] = values[i + 1]!;
        }
      });
      const body = await readBody(req);
      if (body === 'too_large') {
        sendProblem(res, 413, 'Payload too large', `The request body may be at most ${MAX_BODY_BYTES} bytes.`, { connection: 'close' });
        req.destroy();
        return;
      }
      let claims: Record<string, unknown> | undefined;
      if (match.route.auth !== 'public') {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        claims = token && options.verifyToken ? await options.verifyToken(token) : undefined;
        if (!claims) {
          // API Gateway's JWT authorizer refuses before the function runs.
          sendProblem(res, 401, 'Unauthorized', 'A valid Bearer token is required.', { 'www-authenticate': 'Bearer' });
          return;
        }
      }
      const event = toEvent(req, url, match, params, body, claims);
      const handler = await handlerFor(match.route);
      const result = (await handler(event, lambdaContext(match.route, event.requestContext.requestId), () => undefined)) as APIGatewayProxyStructuredResultV2;
      const headers: Record<string, string> = { 'x-request-id': event.requestContext.requestId };
      for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
    })().catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'local server failure', error: String(error) }));
      if (!res.headersSent) sendProblem(res, 500, 'Internal error', 'Something went wrong on our side.');
      else res.end();
    });
  });
  server.on('clientError', answerClientError);
  return server;
}

/** Listens on `port` (0 = a free one) on loopback and resolves with the bound port. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return address.port;
}
