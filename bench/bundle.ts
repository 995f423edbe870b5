/**
 * Bundle size and import time of every function (docs/architecture.md budgets: ≤ 400 KB minified; importing it
 * ≤ 1.5x the import time of a bare handler that holds only the DynamoDB client, measured in the same run).
 * Each import is timed in a fresh Node process, so it is a cold import, as on a Lambda cold start. Every
 * bundle, the baseline included, is built with the Lambda bundling options of infra/bundling.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_BUDGET_BYTES, BUNDLE_CHARSET, BUNDLE_TARGET, ESM_REQUIRE_BANNER, LAMBDA_ALIASES, MAIN_FIELDS } from '../infra/bundling.js';
import { REPO_ROOT } from '../infra/local/stack.js';
import { routeList } from '../shared/http/routes.js';
import { median } from './median.js';

const OUT = join(REPO_ROOT, '.bench', 'bundles');

export async function bundle(entry: string, name: string): Promise<string> {
  const outfile = join(OUT, `${name}.mjs`);
  await build({
    entryPoints: [join(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    minify: true,
    charset: BUNDLE_CHARSET,
    format: 'esm',
    platform: 'node',
    target: BUNDLE_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    alias: Object.fromEntries(Object.entries(LAMBDA_ALIASES).map(([from, to]) => [from, join(REPO_ROOT, to)])),
    sourcemap: false,
    logLevel: 'error',
  });
  return outfile;
}

function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      AWS_REGION: 'cn-north-1',
      TABLE_NAME: 'bench',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  if (result.status !== 0) throw new Error(`import of ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}

export async function benchBundles(runs = 15): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const baseline = await bundle('bench/fixtures/bare-handler.ts', 'bare-handler');
  const entries = [...new Map(routeList.map((r) => [r.entry, r.id])).entries()];
  const files = await Promise.all(entries.map(([entry, id]) => bundle(entry, id)));
  // Interleave the runs so drift on the machine hits every bundle alike.
  const times = new Map<string, number[]>([[baseline, []], ...files.map((f) => [f, []] as [string, number[]])]);
  for (let i = 0; i < runs; i++) for (const [file, list] of times) list.push(importMs(file));
  const base = median(times.get(baseline)!);
  const lines = [
    `bundles: size (budget ${(BUNDLE_BUDGET_BYTES / 1024).toFixed(0)} KB) and cold import time, median of ${runs} fresh processes`,
    `  baseline bare handler (DynamoDB client only): ${(statSync(baseline).size / 1024).toFixed(1)} KB, import ${base.toFixed(1)} ms`,
  ];
  entries.forEach(([, id], i) => {
    const file = files[i]!;
    const size = statSync(file).size;
    const ms = median(times.get(file)!);
    const ratio = ms / base;
    lines.push(
      `  ${id.padEnd(22)} ${(size / 1024).toFixed(1).padStart(6)} KB ${size <= BUNDLE_BUDGET_BYTES ? 'ok ' : 'OVER'}  import ${ms.toFixed(1).padStart(6)} ms = ${ratio.toFixed(2)}x baseline ${ratio <= 1.5 ? 'ok' : 'OVER (budget 1.5x)'}`,
    );
  });
  return lines;
}
