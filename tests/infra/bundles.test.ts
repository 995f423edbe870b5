/**
 * The one test that bundles for real, as `cdk synth` does (local esbuild, the construct's options): every
 * function's bundle stays within the budget of docs/architecture.md "Budgets" (infra/bundling.ts) and loads as an ES
 * module on Node with only the environment Lambda gives it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { BUNDLE_BUDGET_BYTES, ESM_REQUIRE_BANNER, RENDERER_BUNDLE_BUDGET_BYTES, RENDERER_LOGICAL_ID } from '../../infra/bundling.js';
import { REPO_ROOT } from '../../infra/constructs/node-function.js';

const run = promisify(execFile);
const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

interface Bundle {
  logicalId: string;
  file: string;
  bytes: number;
}

describe('function bundles (real esbuild bundling of the stateless stack)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'gongkai-bundles-'));
  const bundles: Bundle[] = [];
  let functionCount = 0;

  beforeAll(() => {
    // Bundling stays on (no aws:cdk:bundling-stacks override): every asset is built once, into outdir.
    const app = new App({ outdir, context: cdkJson.context });
    const { stateless } = buildApp(app);
    const assembly = app.synth();
    const template = assembly.getStackByName(stateless.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      // aws-cdk-lib's AwsCustomResource function (prebuilt, not ours: the officers' sign-in settings).
      if (logicalId.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) continue;
      functionCount++;
      const file = join(outdir, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
      bundles.push({ logicalId, file, bytes: statSync(file).size });
    }
    // ~25 functions bundled one after another: about 110 s alone on this 2-core machine, more under load.
  }, 300_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it(`keeps every function within ${String(BUNDLE_BUDGET_BYTES / 1024)} KB, the document renderer within ${String(RENDERER_BUNDLE_BUDGET_BYTES / 1024)} KB`, () => {
    expect(bundles).toHaveLength(functionCount);
    expect(functionCount).toBeGreaterThan(1);
    const report = bundles.map((b) => `${b.logicalId}: ${(b.bytes / 1024).toFixed(1)} KB`).join('\n');
    console.log(`bundle sizes:\n${report}`);
    const budgetOf = (b: Bundle) => (b.logicalId.startsWith(RENDERER_LOGICAL_ID) ? RENDERER_BUNDLE_BUDGET_BYTES : BUNDLE_BUDGET_BYTES);
    expect(bundles.filter((b) => b.logicalId.startsWith(RENDERER_LOGICAL_ID))).toHaveLength(1);
    const over = bundles.filter((b) => b.bytes > budgetOf(b)).map((b) => b.logicalId);
    expect(over, `bundle sizes:\n${report}`).toEqual([]);
  });

  it('keeps the docx library in the function that renders documents only', () => {
    // A string of the docx library itself (the run-fonts element it writes), not of this project's code.
    const marker = '"w:rFonts"';
    const withDocx = bundles.filter((b) => readFileSync(b.file, 'utf8').includes(marker)).map((b) => b.logicalId);
    expect(withDocx).toHaveLength(1);
    expect(withDocx[0]!.startsWith(RENDERER_LOGICAL_ID)).toBe(true);
  });

  it('emits minified ES modules with the SDK inside and a source map beside', () => {
    for (const bundle of bundles) {
      const code = readFileSync(bundle.file, 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(code).not.toMatch(/from\s*"@aws-sdk\//); // bundled, not left to the runtime's copy
      // Minified: a few dozen lines (template literals, legal comments) of thousands of characters.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
      expect(statSync(`${bundle.file}.map`).size).toBeGreaterThan(0);
    }
  });

  it('loads every bundle as an ES module exporting a handler', async () => {
    const script = 'const m = await import(process.argv[1]); if (typeof m.handler !== "function") process.exit(3);';
    const env = { PATH: process.env.PATH, AWS_REGION: 'cn-north-1', TABLE_NAME: 'gongkai-test', LOG_LEVEL: 'ERROR' };
    const results = await Promise.allSettled(
      bundles.map((b) => run(process.execPath, ['--input-type=module', '-e', script, b.file], { env, timeout: 30_000 })),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${bundles[i]!.logicalId}: ${String(r.reason)}`] : []));
    expect(failed).toEqual([]);
  });
});
