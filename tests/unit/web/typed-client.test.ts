/**
 * The pages' API client is typed from the OpenAPI document (web/src/lib/api.ts imports openapi-typescript's
 * tests/client/gongkai-api.d.ts): a change of the contract breaks the pages' typecheck. Here the pages are
 * type-checked (`tsc -p web`'s options) against a copy of the types in which the submission's answer no
 * longer has `queryCode`: the application form, which shows it, must fail to compile — and with the
 * committed types it compiles.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

describe("the pages' typed API client", () => {
  it('compiles against the committed contract and fails when the contract drops a field a page reads', () => {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'gongkai-web-'));
    try {
      cpSync(join(ROOT, 'web', 'src'), join(dir, 'web', 'src'), { recursive: true });
      symlinkSync(join(ROOT, 'shared'), join(dir, 'shared')); // the pages share a few pure modules (outcome codes, messages)
      mkdirSync(join(dir, 'tests', 'client'), { recursive: true });
      const types = readFileSync(join(ROOT, 'tests/client/gongkai-api.d.ts'), 'utf8');
      const field = /(\n {8}SubmitResult: \{\n {12}id: string;\n {12})queryCode: string;/;
      expect(types).toMatch(field);
      const root = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
      const web = JSON.parse(readFileSync(join(ROOT, 'web', 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...root.compilerOptions, ...web.compilerOptions }, include: ['web/src'] }));
      const check = (contract: string) => {
        writeFileSync(join(dir, 'tests', 'client', 'gongkai-api.d.ts'), contract);
        return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      };
      const good = check(types);
      expect(good.stdout + good.stderr).toBe('');
      expect(good.status).toBe(0);
      const changed = check(types.replace(field, '$1accessCode: string;'));
      expect(changed.status).not.toBe(0);
      expect(changed.stdout).toMatch(/web\/src\/apply\.ts.*Property 'queryCode' does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
