/**
 * A developer's shell holds AWS settings (issue 10): AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE and a pair
 * of access keys. `npm start` and the tests must work exactly as without them: the bootstrap, the handlers
 * and the CLIs all see one database (the local client pins its region and credentials, DynamoDB Local runs
 * with -sharedDb). DynamoDB Local listens on 127.0.0.1 only and the data folder is its owner's alone.
 *
 * Two ways: `npm start` itself in a child process with those variables (and once more without them, on the
 * same data: what the first run stored is still there), and the in-process local stack of the tests with
 * the variables set in this worker before any module reads them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, type LocalEnvironment } from '../../infra/local/stack.js';
import { naturalPersonApplication } from '../fixtures/applications.js';
import { call, tokenFor } from '../helpers/api.js';
import { startTestStack } from '../helpers/stack.js';

const AWS_SHELL = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'cn-north-1',
  AWS_PROFILE: 'gongkai-test-profile-that-does-not-exist',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

// This worker's own modules (config, the shared client) read the environment as a shell with AWS settings has it.
vi.hoisted(() => {
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'cn-north-1',
    AWS_PROFILE: 'gongkai-test-profile-that-does-not-exist',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });
});

/** The TCP sockets listening on `port`, with their local address (from /proc/net/tcp and tcp6). */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.trim().split('\n').slice(1)) {
      const [, local, , state] = row.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [hexAddress, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) !== port) continue;
      found.push(decodeAddress(hexAddress!));
    }
  }
  return found;
}

/** /proc/net addresses are 32-bit words in host (little-endian) order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (words.length === 1) return words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join('.');
  const all = words.join('');
  if (all.startsWith('00000000000000000000ffff') || all.startsWith('00000000000000000000FFFF')) {
    return `::ffff:${all.slice(24).match(/../g)!.map((b) => parseInt(b, 16)).join('.')}`;
  }
  return all.match(/.{4}/g)!.join(':').toLowerCase();
}

interface Started {
  child: ChildProcess;
  url: string;
  dynamoPort: number;
  adminToken: string;
  output: () => string;
}

/** `npm start` in its own process group, with `env`; resolves once it printed its tokens. */
async function npmStart(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const deadline = Date.now() + 150_000;
  while (!/Ctrl-C stops/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = /running at (http:\/\/localhost:\d+)/.exec(output)?.[1];
  const dynamoPort = Number(/DynamoDB: http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  const adminToken = /admin of [^\n]+:\n\s+(\S+)/.exec(output)?.[1];
  if (!url || !dynamoPort || !adminToken) throw new Error(`unexpected npm start output:\n${output}`);
  return { child, url, dynamoPort, adminToken, output: () => output };
}

async function stopGroup(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => started.child.once('exit', () => r()));
  process.kill(-started.child.pid!, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-started.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('npm start in a shell with AWS settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-aws-shell-'));
  let running: Started | undefined;
  afterAll(async () => {
    await stopGroup(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the first path, binds DynamoDB Local to 127.0.0.1, keeps .data private, and a shell without them sees the same data', async () => {
    const base: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'WARN' };
    for (const name of ['DYNAMODB_ENDPOINT', 'TABLE_NAME', ...Object.keys(AWS_SHELL)]) delete base[name];

    running = await npmStart({ ...base, ...AWS_SHELL });
    const created = await json(`${running.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(naturalPersonApplication()),
    });
    expect(created.status, running.output()).toBe(201);
    const view = await json(`${running.url}/applications/${created.body.id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(view.status).toBe(200);
    const calendar = await json(`${running.url}/calendar/2026`, { headers: { authorization: `Bearer ${running.adminToken}` } });
    expect(calendar.status).toBe(200);

    const addresses = listeners(running.dynamoPort);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(address);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'dynamodb')).mode & 0o777).toBe(0o700);
    await stopGroup(running);

    running = await npmStart(base);
    const again = await json(`${running.url}/applications/${created.body.id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(again.status, running.output()).toBe(200);
    expect(again.body.id).toBe(created.body.id);
  }, 400_000);
});

describe('the tests’ local stack in a shell with AWS settings', () => {
  let stack: LocalEnvironment;
  afterAll(async () => stack?.stop());

  it('answers public and officer routes as without them', async () => {
    expect(process.env.AWS_REGION).toBe('eu-west-1');
    stack = await startTestStack();
    const created = await call(stack, 'POST', '/applications', { body: naturalPersonApplication() });
    expect(created.status).toBe(201);
    const view = await call(stack, 'GET', `/applications/${created.body.id}`, { headers: { 'x-query-code': created.body.queryCode } });
    expect(view.status).toBe(200);
    const officer = await tokenFor(stack, 'jz-zjj', 'officer');
    const list = await call(stack, 'GET', '/cases?status=all', { token: officer });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const calendar = await call(stack, 'GET', '/calendar/2026', { token: officer });
    expect(calendar.status).toBe(200);
  });
});
