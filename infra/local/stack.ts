/**
 * The whole local stack in one call: the database (DynamoDB Local, or DYNAMODB_ENDPOINT), the table with
 * its seed data, the token key, and the HTTP server over the route table. `npm start` and the end-to-end
 * tests both use it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localMasterKey } from '../../shared/crypto/field-encryption.js';
import { localSecretStore } from '../../shared/crypto/secret-store.js';
import { routeList } from '../../shared/http/routes.js';
import { createDb, SETUP_DEADLINE_MS, type Db } from '../../shared/store/client.js';
import { buildWeb, type PageSize } from '../../web/build.js';
import { bootstrap, type BootstrapReport } from './bootstrap.js';
import { DEMO_USERS } from './demo-data.js';
import { ensurePrivateDir, localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { startOutboxPoller, type OutboxPoller } from './outbox-poller.js';
import { createLocalServer, listen, type LocalServerOptions } from './server.js';
import { ephemeralKey, loadOrCreateLocalKey, localVerifier, mintToken, type LocalKey } from './tokens.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where `npm start` and the local CLIs keep the database, the token key and the endpoint file (mode 0700). */
export const DATA_DIR = resolve(process.env.DATA_DIR ?? join(REPO_ROOT, '.data'));

export interface LocalEnvironmentOptions {
  port: number;
  tableName: string;
  /** Use this endpoint instead of starting DynamoDB Local. */
  endpoint?: string | undefined;
  /** Where DynamoDB Local keeps its files and the token key lives; absent = in memory, ephemeral key. */
  dataDir?: string;
  demoAgencies: boolean;
  onResponse?: LocalServerOptions['onResponse'];
  onExchange?: LocalServerOptions['onExchange'];
  /**
   * Build and serve the pages at `/` (web/build.ts) with the local "sign in as" of the demo users: into
   * `dataDir`/web, or a temporary folder removed on stop.
   */
  pages?: boolean;
  /** Where the documents and the sent notifications go (default: under dataDir, or a temporary folder). */
  documentsDir?: string;
  outboxDir?: string;
  /**
   * Whether the outbox is polled (default true). Tests that count the table's items around a refused
   * request turn it off, so the poller's bookkeeping does not move the count; `outbox.drain()` still works.
   */
  pollOutbox?: boolean;
}

export interface LocalEnvironment {
  url: string;
  port: number;
  endpoint: string;
  db: Db;
  key: LocalKey;
  setup: BootstrapReport;
  server: Server;
  /** The pages' script sizes when `pages` was asked for. */
  pages?: PageSize[];
  /** The local stand-in for the table's stream: renders documents, writes notifications (infra/local/outbox-poller.ts). */
  outbox: OutboxPoller;
  stop(): Promise<void>;
}

export async function startLocalEnvironment(options: LocalEnvironmentOptions): Promise<LocalEnvironment> {
  let database: DynamoDbLocal | undefined;
  if (options.dataDir) ensurePrivateDir(options.dataDir);
  const endpoint =
    options.endpoint ??
    (database = await startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, 'dynamodb') } : {})).endpoint;
  const client = localClient(endpoint);
  try {
    // The handlers read their table from the environment, exactly as in Lambda.
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.TABLE_NAME = options.tableName;
    const scratch = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gongkai-'));
    const documentsDir = options.documentsDir ?? process.env.DOCUMENTS_DIR ?? join(scratch, 'documents');
    const outboxDir = options.outboxDir ?? process.env.OUTBOX_DIR ?? join(scratch, 'outbox');
    // The download routes read the documents folder from the environment, as they read the bucket in AWS.
    process.env.DOCUMENTS_DIR = documentsDir;
    process.env.OUTBOX_DIR = outboxDir;
    // The local keys (applicant-field master key, query-code and blind-index secrets), mode 0600, under
    // the data folder: the same code path as KMS and Secrets Manager in AWS (shared/crypto/).
    if (options.dataDir && !process.env.LOCAL_KEY_DIR) process.env.LOCAL_KEY_DIR = join(options.dataDir, 'keys');
    localMasterKey();
    await Promise.all([localSecretStore().current('query-code'), localSecretStore().current('blind-index')]);
    // The stack's own client, for its set-up and for tests that look into the table: set-up is not a
    // request, so a slow machine gets the set-up deadline (the handlers use their own client, db()).
    const db = createDb({ endpoint, tableName: options.tableName, deadlineMs: SETUP_DEADLINE_MS });
    const setup = await bootstrap(client, db, { demoAgencies: options.demoAgencies });
    const key = options.dataDir ? await loadOrCreateLocalKey(join(options.dataDir, 'jwt-key.json')) : await ephemeralKey();
    let pagesDir: string | undefined;
    let pages: PageSize[] | undefined;
    let temporaryPages = false;
    if (options.pages) {
      if (options.dataDir) pagesDir = join(options.dataDir, 'web');
      else {
        pagesDir = mkdtempSync(join(tmpdir(), 'gongkai-web-'));
        temporaryPages = true;
      }
      pages = await buildWeb(pagesDir);
    }
    const server = createLocalServer({
      routes: routeList,
      root: REPO_ROOT,
      verifyToken: localVerifier(key),
      ...(pagesDir
        ? {
            pagesDir,
            localSignIn: {
              users: [...DEMO_USERS],
              mint: (user) => mintToken(key, { sub: user.id, name: user.name, agencyId: user.agencyId, roles: [user.role] }),
            },
          }
        : {}),
      ...(options.onResponse ? { onResponse: options.onResponse } : {}),
      ...(options.onExchange ? { onExchange: options.onExchange } : {}),
    });
    const port = await listen(server, options.port);
    const outbox = startOutboxPoller(db, { documentsDir, outboxDir, ...(options.pollOutbox === false ? { intervalMs: 0 } : {}) });
    return {
      outbox,
      url: `http://localhost:${port}`,
      port,
      endpoint,
      db,
      key,
      setup,
      server,
      ...(pages ? { pages } : {}),
      stop: async () => {
        await outbox.stop();
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        db.doc.destroy();
        if (temporaryPages && pagesDir) rmSync(pagesDir, { recursive: true, force: true });
        await database?.stop();
      },
    };
  } catch (error) {
    await database?.stop();
    throw error;
  } finally {
    client.destroy();
  }
}

const ENDPOINT_FILE = join(DATA_DIR, 'endpoint.json');

/** `npm start` records where its database listens, so the CLIs can use it while it runs. */
export function recordRunningEndpoint(endpoint: string): void {
  ensurePrivateDir(dirname(ENDPOINT_FILE));
  writeFileSync(ENDPOINT_FILE, JSON.stringify({ endpoint, pid: process.pid }), { mode: 0o600 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database a local CLI (`npm run sweep`, `npm run report`, `npm run seed`) should use:
 * DYNAMODB_ENDPOINT; else the one a running `npm start` recorded; else DynamoDB Local started on the
 * same data folder (stopped again by `stop`).
 */
export async function localDatabase(): Promise<{ endpoint: string; tableName: string; stop(): Promise<void> }> {
  const tableName = process.env.TABLE_NAME ?? 'gongkai';
  if (process.env.DYNAMODB_ENDPOINT) return { endpoint: process.env.DYNAMODB_ENDPOINT, tableName, stop: async () => undefined };
  if (existsSync(ENDPOINT_FILE)) {
    const running = JSON.parse(readFileSync(ENDPOINT_FILE, 'utf8')) as { endpoint: string; pid: number };
    if (isAlive(running.pid)) return { endpoint: running.endpoint, tableName, stop: async () => undefined };
  }
  ensurePrivateDir(DATA_DIR);
  const database = await startDynamoDbLocal({ dbPath: join(DATA_DIR, 'dynamodb') });
  return { endpoint: database.endpoint, tableName, stop: () => database.stop() };
}
