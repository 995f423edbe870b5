/**
 * The OpenAPI document under outside linters (issue 10 item 3), offline from node_modules: Redocly CLI
 * with its recommended rules (redocly.yaml) is clean; Spectral with the OWASP API Security ruleset
 * (.spectral.mjs) finds exactly what docs/api.md "Lint" lists, rule by rule with its reason — a new finding
 * must be fixed or listed there.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../scripts/openapi.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where a finding is: in a request (body, parameters), in an answer (components, a response), or on an operation. */
function whereOf(path: string[]): 'requests' | 'responses' | 'operations' {
  if (path.includes('requestBody') || path.includes('parameters')) return 'requests';
  if (path[0] === 'components' || (path.length > 4 && path[3] === 'responses')) return 'responses';
  return 'operations';
}

/** The table of docs/api.md after its `spectral-owasp` marker: `rule where` → findings (a number, or `all`). */
function documentedFindings(): Map<string, number | 'all'> {
  const docs = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
  const table = docs.slice(docs.indexOf('<!-- spectral-owasp:')).split('\n\n')[0]!;
  const listed = new Map<string, number | 'all'>();
  for (const row of table.matchAll(/^\| `([^`]+)` \| (\w+) \| (\d+|all) \|/gm)) {
    listed.set(`${row[1]} ${row[2]}`, row[3] === 'all' ? 'all' : Number(row[3]));
  }
  return listed;
}

describe('the OpenAPI document under Redocly and Spectral', () => {
  const result = lint();

  it('Redocly (recommended rules): valid, no error and no warning', () => {
    expect(result.redocly.output).toMatch(/Your API description is valid/);
    // Stylish findings are `line:column  error|warning  rule  message`; the summary counts them.
    expect(result.redocly.output).not.toMatch(/^\s*\d+:\d+\s+(error|warning)\b/m);
    expect(result.redocly.output).not.toMatch(/You have \d+ warning|Validation failed/);
    expect(result.redocly.status).toBe(0);
  });

  it('Spectral (OWASP ruleset): every finding is one docs/api.md lists, with the same count', () => {
    const found = new Map<string, number>();
    for (const finding of result.spectralJson) {
      const key = `${finding.code} ${whereOf(finding.path)}`;
      found.set(key, (found.get(key) ?? 0) + 1);
    }
    expect(result.spectralJson.length).toBeGreaterThan(0);
    const listed = documentedFindings();
    // `all` (answers' schemas only): the tool's count, whatever it is; every other row: exactly its count.
    const expected = Object.fromEntries([...listed].map(([key, count]) => [key, count === 'all' ? found.get(key) : count]));
    expect([...listed].filter(([key, count]) => count === 'all' && !key.endsWith(' responses'))).toEqual([]);
    expect(Object.fromEntries([...found].sort())).toEqual(expected);
  });

  it('Spectral finds what the document lacks (the rules run)', () => {
    // The public routes are listed as public by design: the ruleset did look at the operations' security.
    expect(result.spectralJson.some((f) => f.code === 'owasp:api2:2023-write-restricted' && f.path.join('/') === 'paths//applications/post/security')).toBe(true);
  });
});
