/**
 * The module replacements of the Lambda bundles (infra/bundling.ts LAMBDA_ALIASES), run as bundled: a
 * script built with the same esbuild options and aliases creates the DynamoDB client the functions use,
 * exercises its endpoint-discovery cache (which the LRU replacement serves) and asks for event-stream
 * support (which the replacement refuses, saying why).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import LRUCache from '../../infra/lambda/lru-cache.js';
import { BUNDLE_TARGET, LAMBDA_ALIASES, MAIN_FIELDS } from '../../infra/bundling.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-aliases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Lambda bundles\' module replacements', () => {
  it('keep the DynamoDB client working: its endpoint cache on the LRU replacement, event streams refused by name', () => {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(
      entry,
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
       import { EndpointCache } from '@aws-sdk/endpoint-cache';
       const client = new DynamoDBClient({ region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
       const cache = new EndpointCache(2);
       cache.set('a', [{ Address: 'x.example', CachePeriodInMinutes: 1 }]);
       cache.set('b', [{ Address: 'y.example', CachePeriodInMinutes: 1 }]);
       const first = cache.getEndpoint('a');
       cache.set('c', [{ Address: 'z.example', CachePeriodInMinutes: 1 }]);
       let streams = 'loaded';
       try { const m = await import('@smithy/core/event-streams'); new m.EventStreamSerde({}); } catch (e) { streams = e.message; }
       console.log(JSON.stringify({ client: typeof client.send, first, b: cache.getEndpoint('b') ?? null, c: cache.getEndpoint('c'), streams }));`,
    );
    const out = join(dir, 'out.mjs');
    buildSync({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLE_TARGET,
      mainFields: MAIN_FIELDS,
      alias: Object.fromEntries(Object.entries(LAMBDA_ALIASES).map(([from, to]) => [from, resolve(to)])),
      nodePaths: [resolve('node_modules')],
      logLevel: 'error',
    });
    const result = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as Record<string, string | null>;
    // 'a' was read after 'b', so adding 'c' beyond the capacity of 2 dropped 'b', the least recently used.
    expect(result).toEqual({ client: 'function', first: 'x.example', b: null, c: 'z.example', streams: expect.stringContaining('Event streams are not bundled') });
  });

  it('LRU replacement: get refreshes a key, peek does not, and the capacity drops the least recent', () => {
    const cache = new LRUCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    expect(cache.peek('a')).toBe(1);
    cache.set('c', 3); // 'a' was only peeked: it is the least recent
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, true, true]);
    expect(cache.get('b')).toBe(2);
    cache.set('d', 4); // 'c' is now the least recent
    expect([cache.has('b'), cache.has('c'), cache.has('d'), cache.size]).toEqual([true, false, true, 2]);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(() => new LRUCache(0)).toThrow(RangeError);
  });
});
