/**
 * The local stand-ins of the buckets (a report folder, a document folder): a key's path inside the folder,
 * refused when the key is not one of the folder's (checkKey) or would leave it, and a read that gives
 * undefined for a file that is not there, as S3 answers NoSuchKey.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

export function folderPaths(folder: string, checkKey: (key: string) => void, what: string): { root: string; pathOf: (key: string) => string } {
  const root = resolve(folder);
  const pathOf = (key: string): string => {
    checkKey(key);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) throw new RangeError(`"${key}" is not a ${what} file key.`);
    return path;
  };
  return { root, pathOf };
}

export async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
