/**
 * A typed client generated from the OpenAPI document (issue 10 item 3): openapi-typescript's types of
 * the document GET /openapi.json serves are the committed tests/client/gongkai-api.d.ts (a change of the
 * contract without `npm run openapi:types` fails here), and the small client tests/client/submit-and-track.ts
 * (openapi-fetch: submit an application, track it) type-checks against freshly generated types.
 * tests/e2e/contract.test.ts runs that client against the local stack.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clientTypes } from '../../../scripts/openapi.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

describe('the typed client', () => {
  it('the committed types are what openapi-typescript makes of the document now', async () => {
    const fresh = await clientTypes();
    expect(fresh).toContain('"/applications/{id}"');
    expect(readFileSync(join(ROOT, 'tests/client/gongkai-api.d.ts'), 'utf8')).toBe(fresh);
  });

  it('the client script type-checks against freshly generated types, and a wrong use of them does not', async () => {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'gongkai-client-'));
    try {
      writeFileSync(join(dir, 'gongkai-api.d.ts'), await clientTypes());
      copyFileSync(join(ROOT, 'tests/client/submit-and-track.ts'), join(dir, 'submit-and-track.ts'));
      // The same call with a field the document does not have; and without a required one.
      const script = readFileSync(join(dir, 'submit-and-track.ts'), 'utf8');
      const delivery = "delivery: { form: 'electronic', method: 'online' },";
      const idDocument = "idDocument: { type: 'resident_id', number: '110101199003077774' },";
      expect(script).toContain(delivery);
      expect(script).toContain(idDocument);
      writeFileSync(join(dir, 'extra.ts'), script.replace(delivery, `${delivery} priority: 'high',`));
      writeFileSync(join(dir, 'missing.ts'), script.replace(idDocument, ''));
      const tsconfig = {
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2023', 'DOM'], types: [] },
      };
      const check = (file: string) => {
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, files: [file] }));
        return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      };
      const good = check('submit-and-track.ts');
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      const extra = check('extra.ts');
      expect(extra.status).not.toBe(0);
      expect(extra.stdout).toMatch(/'priority' does not exist/);
      const missing = check('missing.ts');
      expect(missing.status).not.toBe(0);
      expect(missing.stdout).toMatch(/'idDocument' is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
