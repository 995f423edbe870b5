/**
 * Where the generated year-end report files go (docs/architecture.md "Data and consistency": report files go to S3,
 * locally to a folder). One interface, two implementations chosen by the environment: REPORT_BUCKET set
 * (the CDK stack sets it on the functions it grants the bucket) = S3; otherwise a local folder,
 * `.data/reports` under the working directory or REPORTS_DIR. Everything above this module is the same
 * code path either way.
 *
 * Whether a report is published is recorded by its report item in the table (shared/store/reports.ts),
 * not by probing for a file: the functions are granted object reads and writes but no bucket listing, and
 * without it S3 answers a missing key with 403, indistinguishable from a real denial.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { folderPaths, readIfPresent } from './folder-files.js';
import { config } from '../config.js';
import { s3ObjectClient, type S3ObjectClient } from './s3-objects.js';

export interface ReportStorage {
  /** Where the files are, for people: `s3://<bucket>` or the folder's absolute path. */
  readonly location: string;
  put(key: string, body: string, contentType: string): Promise<void>;
  /** The file's text, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
}

/** Keys are relative paths of safe segments (no `..`, no absolute path): `reports/2025/cn-2021/self/jz.json`. */
const KEY_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').includes('..')) throw new RangeError(`"${key}" is not a report file key.`);
}

/**
 * The report bucket, through the two-call S3 client of shared/store/s3-objects.ts (PutObject, GetObject:
 * all this needs, without @aws-sdk/client-s3's weight in the function bundles), with the credentials and
 * region Lambda gives the function.
 */
export function s3ReportStorage(
  bucket: string,
  client: {
    putObject(bucket: string, key: string, body: string, contentType: string): Promise<void>;
    getObject: S3ObjectClient['getObject'];
  } = s3ObjectClient({ region: config().AWS_REGION }),
): ReportStorage {
  return {
    location: `s3://${bucket}`,
    async put(key, body, contentType) {
      checkKey(key);
      await client.putObject(bucket, key, body, contentType);
    },
    async get(key) {
      checkKey(key);
      return client.getObject(bucket, key);
    },
  };
}

export function folderReportStorage(folder: string): ReportStorage {
  const { root, pathOf } = folderPaths(folder, checkKey, 'report');
  return {
    location: root,
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half a file.
      const partial = `${path}.${process.pid}.${randomUUID()}.partial`;
      await writeFile(partial, body, 'utf8');
      await rename(partial, path);
    },
    async get(key) {
      return (await readIfPresent(pathOf(key)))?.toString('utf8');
    },
  };
}

let shared: ReportStorage | undefined;

/** The process-wide storage chosen by the environment (created once, like the DynamoDB client). */
export function reportStorage(): ReportStorage {
  if (!shared) {
    const env = config();
    shared = env.REPORT_BUCKET ? s3ReportStorage(env.REPORT_BUCKET) : folderReportStorage(env.REPORTS_DIR ?? resolve('.data', 'reports'));
  }
  return shared;
}
