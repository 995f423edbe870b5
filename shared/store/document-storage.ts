/**
 * Where the cases' document files go: the document bucket (DOCUMENT_BUCKET, set by the CDK stack on the
 * functions it grants it) or locally a folder (`.data/documents`, or DOCUMENTS_DIR). Files are written
 * once: a key that already holds a file is never overwritten (an issued document is immutable; a
 * correction is a new document under a new key). They are deleted only with the applicant's identity, when
 * the case is anonymised (retention or erasure): the content of the document item is then scrubbed too.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { folderPaths, readIfPresent } from './folder-files.js';
import { config } from '../config.js';
import { s3ObjectClient, type S3ObjectClient } from './s3-objects.js';

export interface DocumentStorage {
  readonly location: string;
  /** Writes the file unless the key exists; says whether it wrote. */
  putOnce(key: string, body: Buffer, contentType: string): Promise<boolean>;
  get(key: string): Promise<Buffer | undefined>;
  /** Deletes the file if it is there (an anonymised case's documents, docs/domain.md §9). */
  remove(key: string): Promise<void>;
}

const KEY_PATTERN = /^documents\/[0-9A-Z]{26}\/[0-9A-Z]{26}\.(docx|zh\.html|en\.html)$/;

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new RangeError(`"${key}" is not a document file key.`);
}

/** The key of one of a document's files. */
export function documentFileKey(caseId: string, documentId: string, file: 'docx' | 'zh.html' | 'en.html'): string {
  const key = `documents/${caseId}/${documentId}.${file}`;
  checkKey(key);
  return key;
}

export function s3DocumentStorage(
  bucket: string,
  client: Pick<S3ObjectClient, 'putObject' | 'getObjectBytes' | 'deleteObject'> = s3ObjectClient({ region: config().AWS_REGION }),
): DocumentStorage {
  return {
    location: `s3://${bucket}`,
    async putOnce(key, body, contentType) {
      checkKey(key);
      // The bucket is versioned and the function may not delete: a repeated render writes the same bytes
      // (rendering is deterministic), so checking first is enough to keep one version per issued file.
      if (await client.getObjectBytes(bucket, key)) return false;
      await client.putObject(bucket, key, body, contentType);
      return true;
    },
    async get(key) {
      checkKey(key);
      return client.getObjectBytes(bucket, key);
    },
    async remove(key) {
      checkKey(key);
      await client.deleteObject(bucket, key);
    },
  };
}

export function folderDocumentStorage(folder: string): DocumentStorage {
  const { root, pathOf } = folderPaths(folder, checkKey, 'document');
  return {
    location: root,
    async putOnce(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${process.pid}.${randomUUID()}.partial`;
      await writeFile(partial, body);
      try {
        // link() fails when the name exists: the first writer wins, nobody overwrites.
        await link(partial, path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      } finally {
        await unlink(partial);
      }
    },
    async get(key) {
      return readIfPresent(pathOf(key));
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

let shared: DocumentStorage | undefined;

export function documentStorage(): DocumentStorage {
  if (!shared) {
    const env = config();
    shared = env.DOCUMENT_BUCKET ? s3DocumentStorage(env.DOCUMENT_BUCKET) : folderDocumentStorage(env.DOCUMENTS_DIR ?? resolve('.data', 'documents'));
  }
  return shared;
}
