/**
 * Builds the pages: one esbuild bundle per page (minified ES2020 modules, no source of the server: the
 * pages import its types only), the HTML files and the stylesheet, into `outDir`:
 *   index.html (apply), track.html, officer.html, assets/{apply,track,officer}.js, assets/styles.css.
 * `npm start` and the tests build into .data/web; the CDK app builds into cdk.out/web and deploys that
 * folder to the pages bucket. `npx tsx web/build.ts [outDir]` builds and prints each page's size.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, buildSync, type BuildOptions } from 'esbuild';

export const WEB_ROOT = dirname(fileURLToPath(import.meta.url));
export const PAGES = { apply: 'index.html', track: 'track.html', officer: 'officer.html' } as const;

export interface PageSize {
  page: keyof typeof PAGES;
  /** The page's script, minified. */
  bytes: number;
  /** The same, gzipped (level 9): what travels over the wire. */
  gzipBytes: number;
}

function options(assets: string): BuildOptions {
  return {
    entryPoints: Object.keys(PAGES).map((page) => join(WEB_ROOT, 'src', `${page}.ts`)),
    outdir: assets,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

function finish(outDir: string, assets: string): PageSize[] {
  for (const file of readdirSync(join(WEB_ROOT, 'pages'))) copyFileSync(join(WEB_ROOT, 'pages', file), join(outDir, file));
  copyFileSync(join(WEB_ROOT, 'styles.css'), join(assets, 'styles.css'));
  return (Object.keys(PAGES) as (keyof typeof PAGES)[]).map((page) => {
    const code = readFileSync(join(assets, `${page}.js`));
    return { page, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  });
}

export async function buildWeb(outDir: string): Promise<PageSize[]> {
  const assets = join(outDir, 'assets');
  mkdirSync(assets, { recursive: true });
  await build(options(assets));
  return finish(outDir, assets);
}

/** The same, synchronously: the CDK app (whose synthesis is synchronous) builds the pages it deploys. */
export function buildWebSync(outDir: string): PageSize[] {
  const assets = join(outDir, 'assets');
  mkdirSync(assets, { recursive: true });
  buildSync(options(assets));
  return finish(outDir, assets);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(WEB_ROOT, '..', '.data', 'web'));
  const sizes = await buildWeb(outDir);
  for (const s of sizes) console.log(`${s.page.padEnd(8)} ${String(s.bytes).padStart(7)} B  ${String(s.gzipBytes).padStart(6)} B gzipped`);
  console.log(`built into ${outDir}`);
}
