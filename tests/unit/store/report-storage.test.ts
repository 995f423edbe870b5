/**
 * The report storage (shared/store/report-storage.ts): the local folder and the S3 bucket behave alike —
 * a file written is read back, a missing one is undefined — and a key that could leave the reports'
 * place (an absolute path, `..`) is refused before anything is written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderReportStorage, s3ReportStorage } from '../../../shared/store/report-storage.js';

const folder = mkdtempSync(join(tmpdir(), 'gongkai-storage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const BAD_KEYS = ['/etc/passwd', '../outside.json', 'reports/../../outside.json', 'reports//x.json', 'reports/x.json/', ''];

describe('folderReportStorage', () => {
  const storage = folderReportStorage(folder);

  it('writes a file under its folder and reads it back; a missing file is undefined', async () => {
    await storage.put('reports/2025/cn-2021/self/jz.csv', '\uFEFF表,1\r\n', 'text/csv; charset=utf-8');
    expect(readFileSync(join(folder, 'reports/2025/cn-2021/self/jz.csv'), 'utf8')).toBe('\uFEFF表,1\r\n');
    expect(await storage.get('reports/2025/cn-2021/self/jz.csv')).toBe('\uFEFF表,1\r\n');
    expect(await storage.get('reports/2025/cn-2021/self/none.csv')).toBeUndefined();
    expect(storage.location).toBe(folder);
    // Written aside and renamed: no partial file is left behind.
    expect(readdirSync(join(folder, 'reports/2025/cn-2021/self'))).toEqual(['jz.csv']);
  });

  it('refuses keys outside the folder', async () => {
    for (const key of BAD_KEYS) {
      await expect(storage.put(key, 'x', 'text/plain'), key).rejects.toBeInstanceOf(RangeError);
      await expect(storage.get(key), key).rejects.toBeInstanceOf(RangeError);
    }
  });
});

describe('s3ReportStorage', () => {
  it('puts and gets objects of the bucket with their content type', async () => {
    const objects = new Map<string, { body: string; contentType: string }>();
    const storage = s3ReportStorage('gongkai-reports', {
      putObject: async (bucket, key, body, contentType) => {
        objects.set(`${bucket}/${key}`, { body, contentType });
      },
      getObject: async (bucket, key) => objects.get(`${bucket}/${key}`)?.body,
    });
    await storage.put('reports/2025/cn-2021/subtree/jz.html', '<!DOCTYPE html>', 'text/html; charset=utf-8');
    expect(objects.get('gongkai-reports/reports/2025/cn-2021/subtree/jz.html')).toEqual({ body: '<!DOCTYPE html>', contentType: 'text/html; charset=utf-8' });
    expect(await storage.get('reports/2025/cn-2021/subtree/jz.html')).toBe('<!DOCTYPE html>');
    expect(await storage.get('reports/2025/cn-2021/subtree/none.html')).toBeUndefined();
    expect(storage.location).toBe('s3://gongkai-reports');
    for (const key of BAD_KEYS) await expect(storage.put(key, 'x', 'text/plain'), key).rejects.toBeInstanceOf(RangeError);
    expect(objects.size).toBe(1);
  });
});
