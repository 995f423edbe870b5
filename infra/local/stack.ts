/**
 * The whole local stack in one call: the database (DynamoDB Local, or DYNAMODB_ENDPOINT), the table with
 * its seed data, the token key, and the HTTP server over the route table. `npm start` and the end-to-end
 * tests both use it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localMasterKey } from '../../shared/crypto/field-encryption.js';
import { localSecretStore } from '../../shared/crypto/secret-store.js';
import { routeList } from '../../shared/http/routes.js';
import { createDb, type Db } from '../../shared/store/client.js';
import { bootstrap, type BootstrapReport } from './bootstrap.js';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { createLocalServer, listen, type LocalServerOptions } from './server.js';
import { ephemeralKey, loadOrCreateLocalKey, localVerifier, type LocalKey } from './tokens.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LocalStackOptions {
  port: number;
  tableName: string;
  /** Use this endpoint instead of starting DynamoDB Local. */
  endpoint?: string | undefined;
  /** Where DynamoDB Local keeps its files and the token key lives; absent = in memory, ephemeral key. */
  dataDir?: string;
  demoAgencies: boolean;
  onResponse?: LocalServerOptions['onResponse'];
}

export interface LocalStack {
  url: string;
  port: number;
  endpoint: string;
  db: Db;
  key: LocalKey;
  setup: BootstrapReport;
  server: Server;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let database: DynamoDbLocal | undefined;
  const endpoint =
    options.endpoint ??
    (database = await startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, 'dynamodb') } : {})).endpoint;
  const client = localClient(endpoint);
  try {
    // The handlers read their table from the environment, exactly as in Lambda.
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.TABLE_NAME = options.tableName;
    // The local keys (applicant-field master key, query-code and blind-index secrets), mode 0600, under
    // the data folder: the same code path as KMS and Secrets Manager in AWS (shared/crypto/).
    if (options.dataDir && !process.env.LOCAL_KEY_DIR) process.env.LOCAL_KEY_DIR = join(options.dataDir, 'keys');
    localMasterKey();
    await Promise.all([localSecretStore().current('query-code'), localSecretStore().current('blind-index')]);
    const db = createDb({ endpoint, tableName: options.tableName });
    const setup = await bootstrap(client, db, { demoAgencies: options.demoAgencies });
    const key = options.dataDir ? await loadOrCreateLocalKey(join(options.dataDir, 'jwt-key.json')) : await ephemeralKey();
    const server = createLocalServer({
      routes: routeList,
      root: REPO_ROOT,
      verifyToken: localVerifier(key),
      ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    });
    const port = await listen(server, options.port);
    return {
      url: `http://localhost:${port}`,
      port,
      endpoint,
      db,
      key,
      setup,
      server,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        db.doc.destroy();
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

const ENDPOINT_FILE = join(REPO_ROOT, '.data', 'endpoint.json');

/** `npm start` records where its database listens, so the CLIs can use it while it runs. */
export function recordRunningEndpoint(endpoint: string): void {
  mkdirSync(dirname(ENDPOINT_FILE), { recursive: true });
  writeFileSync(ENDPOINT_FILE, JSON.stringify({ endpoint, pid: process.pid }));
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
  const database = await startDynamoDbLocal({ dbPath: join(REPO_ROOT, '.data', 'dynamodb') });
  return { endpoint: database.endpoint, tableName, stop: () => database.stop() };
}
