/**
 * The layers of docs/architecture.md "Layers", enforced: this test reads every import of `shared/` and
 * `functions/` and fails on an arrow the table forbids (domain → anything but calendar; store → http or
 * services, or domain values; reports → http, store or services; services → http except type imports of
 * the request schemas; neutral modules → http, services or store).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/constructs/node-function.js';

type Layer = 'domain' | 'calendar' | 'reports' | 'store' | 'services' | 'http' | 'neutral' | 'functions' | 'other';

interface ImportEdge {
  from: string;
  to: string;
  /** `import type`, or every named specifier marked `type`: erased by the bundler. */
  typeOnly: boolean;
}

const NEUTRAL = new Set(['shared/errors.ts', 'shared/caller.ts', 'shared/log.ts', 'shared/metrics.ts', 'shared/config.ts', 'shared/jobs.ts']);

function layerOf(path: string): Layer {
  if (NEUTRAL.has(path)) return 'neutral';
  const match = /^shared\/(domain|calendar|reports|store|services|http)\//.exec(path);
  if (match) return match[1] as Layer;
  if (path.startsWith('functions/')) return 'functions';
  return 'other';
}

/** The imports of one source file (static imports and re-exports; relative ones resolved to repo paths). */
export function importsOf(path: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statement)) {
    const specifiers = m[3] ?? '';
    const named = /\{([^}]*)\}/.exec(specifiers)?.[1];
    const inlineTypes =
      named !== undefined &&
      !/^\s*[\w$]+\s*,/.test(specifiers) &&
      named.split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
    edges.push({ from: path, to: resolveSpecifier(path, m[4]!), typeOnly: m[2] !== undefined || inlineTypes });
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) edges.push({ from: path, to: resolveSpecifier(path, m[1]!), typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) edges.push({ from: path, to: resolveSpecifier(path, m[1]!), typeOnly: false });
  return edges;
}

function resolveSpecifier(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier; // a package
  return normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** Why an import is forbidden, or undefined when the layers allow it. */
export function violation(edge: ImportEdge): string | undefined {
  const from = layerOf(edge.from);
  const isPackage = !edge.to.startsWith('shared/') && !edge.to.startsWith('functions/') && !edge.to.startsWith('infra/');
  const to = isPackage ? 'package' : layerOf(edge.to);
  if (to === 'functions' && from !== 'functions') return 'nothing imports an entry file';
  switch (from) {
    case 'domain':
      if (to === 'package') return 'the domain is pure: no packages';
      return to === 'domain' || to === 'calendar' ? undefined : 'the domain imports only itself and the calendar';
    case 'calendar':
      return to === 'calendar' || to === 'domain' || to === 'package' ? undefined : 'the calendar imports only itself and the domain';
    case 'reports':
      return ['reports', 'domain', 'calendar', 'package'].includes(to) ? undefined : 'reports are pure: no http, store or services';
    case 'store':
      if (to === 'http' || to === 'services') return 'the store never imports the http edge or the services';
      if (to === 'domain' && !edge.typeOnly) return 'the store imports only types from the domain';
      return undefined;
    case 'services':
      if (to !== 'http') return undefined;
      return edge.typeOnly && edge.to === 'shared/http/schemas.ts' ? undefined : 'services import from http only types of the request schemas';
    case 'neutral':
      if (to === 'http' || to === 'services' || to === 'store' || to === 'reports') return 'neutral modules import no layer above the domain';
      if (to === 'domain' && !edge.typeOnly) return 'neutral modules import only types from the domain';
      return undefined;
    default:
      return undefined;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)));
}

describe('the layers of docs/architecture.md', () => {
  const files = [...sourceFiles('shared'), ...sourceFiles('functions')];
  const edges = files.flatMap((path) => importsOf(path, readFileSync(join(REPO_ROOT, path), 'utf8')));

  it('reads the imports of every file of shared/ and functions/', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(edges.length).toBeGreaterThan(300);
    for (const layer of ['domain', 'calendar', 'reports', 'store', 'services', 'http', 'neutral', 'functions'] as const) {
      expect(files.some((path) => layerOf(path) === layer), layer).toBe(true);
    }
  });

  it('has no forbidden arrow', () => {
    const broken = edges.flatMap((edge) => {
      const why = violation(edge);
      return why ? [`${edge.from} → ${edge.to}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('refuses each kind of forbidden arrow', () => {
    const cases: [string, string, boolean][] = [
      ['shared/domain/clock.ts', "import { x } from '../store/keys.js';", false],
      ['shared/domain/clock.ts', "import { x } from '@aws-sdk/lib-dynamodb';", false],
      ['shared/store/cases.ts', "import { ServiceUnavailableError } from '../http/problem.js';", false],
      ['shared/store/cases.ts', "import type { X } from '../services/visibility.js';", false],
      ['shared/store/cases.ts', "import { replay } from '../domain/lifecycle.js';", false],
      ['shared/reports/aggregate.ts', "import type { Db } from '../store/client.js';", false],
      ['shared/reports/aggregate.ts', "import { x } from '../http/routes.js';", false],
      ['shared/services/cases.ts', "import { decodeCursor } from '../http/cursor.js';", false],
      ['shared/services/cases.ts', "import { parseOrThrow } from '../http/problem.js';", false],
      ['shared/services/cases.ts', "import { SubmitApplicationBody } from '../http/schemas.js';", false],
      ['shared/log.ts', "import { x } from './store/client.js';", false],
      ['shared/http/handler.ts', "export { x } from '../../functions/http/get-case.js';", false],
      // What the table allows:
      ['shared/domain/clock.ts', "import { WorkingCalendar } from '../calendar/working-calendar.js';", true],
      ['shared/store/cases.ts', "import type { CaseState } from '../domain/case-state.js';", true],
      ['shared/store/cases.ts', "import { type CaseState, type Other } from '../domain/case-state.js';", true],
      ['shared/services/cases.ts', "import type { CaseActionBody } from '../http/schemas.js';", true],
      ['shared/http/handler.ts', "import { log } from '../log.js';", true],
    ];
    for (const [path, source, allowed] of cases) {
      const [edge] = importsOf(path, source);
      expect(edge, source).toBeDefined();
      expect(violation(edge!) === undefined, `${path}: ${source}`).toBe(allowed);
    }
  });
});
