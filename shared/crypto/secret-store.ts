/**
 * Process-wide secrets, outside the data table (a table export or backup never holds them):
 *
 * - `query-code`: the HMAC key that derives the query code of an idempotent submission (a retried request
 *   gets the same code back without the code being stored: shared/services/identifiers.ts). Rotated; a
 *   code records the version it was derived with (in its idempotency record), so a retry after a rotation
 *   re-derives the same code from that version.
 * - `blind-index`: the HMAC key of the searchable blind index of identity numbers
 *   (shared/crypto/field-encryption.ts). Not rotated: a new key would make every stored index unfindable.
 *
 * In AWS each is a Secrets Manager secret encrypted under the deployment's customer-managed KMS key (the CDK
 * stateful stack; its ARN in `QUERY_CODE_SECRET_ARN` / `BLIND_INDEX_SECRET_ARN`), read with GetSecretValue,
 * versions by VersionId. Locally each is a JSON file under `.data/keys/` (mode 0600), created on first use,
 * with the same versions. Both behind one interface, so everything above is the same code path.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config } from '../config.js';
import { awsJsonClient, type AwsJsonCall } from '../store/aws-json.js';

export const SECRET_NAMES = ['query-code', 'blind-index'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretVersion {
  version: string;
  value: Buffer;
}

export interface SecretStore {
  /** The version to use now. */
  current(name: SecretName): Promise<SecretVersion>;
  /** An earlier (or the current) version, by id; undefined when the store no longer has it. */
  byVersion(name: SecretName, version: string): Promise<Buffer | undefined>;
}

/** How long a process keeps the current version before asking again (a rotation is seen within this). */
const CURRENT_TTL_MS = 5 * 60 * 1000;

function cached(inner: SecretStore, now: () => number = Date.now): SecretStore {
  const current = new Map<SecretName, { at: number; value: Promise<SecretVersion> }>();
  const versions = new Map<string, Buffer>();
  return {
    current(name) {
      const hit = current.get(name);
      if (hit && now() - hit.at < CURRENT_TTL_MS) return hit.value;
      const value = inner.current(name);
      current.set(name, { at: now(), value });
      value.then(
        (v) => versions.set(`${name}/${v.version}`, v.value),
        () => current.delete(name),
      );
      return value;
    },
    async byVersion(name, version) {
      const hit = versions.get(`${name}/${version}`);
      if (hit) return hit;
      const value = await inner.byVersion(name, version);
      if (value) versions.set(`${name}/${version}`, value);
      return value;
    },
  };
}

interface LocalSecretFile {
  current: string;
  versions: Record<string, string>;
}

/** The local key folder: `LOCAL_KEY_DIR`, or `.data/keys` under the working directory. */
export function localKeyDir(): string {
  return resolve(config().LOCAL_KEY_DIR ?? join('.data', 'keys'));
}

/** Writes a file only its owner may read (0600), atomically; `exclusive`: fails with EEXIST if it exists. */
export function writePrivateFile(path: string, text: string, exclusive: boolean): void {
  mkdirSync(resolve(path, '..'), { recursive: true, mode: 0o700 });
  if (exclusive) {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } else {
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  }
  chmodSync(path, 0o600);
}

function readLocal(dir: string, name: SecretName): LocalSecretFile {
  const path = join(dir, `secret-${name}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LocalSecretFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fresh: LocalSecretFile = { current: 'v1', versions: { v1: randomBytes(32).toString('base64') } };
  try {
    writePrivateFile(path, JSON.stringify(fresh), true);
    return fresh;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(readFileSync(path, 'utf8')) as LocalSecretFile;
  }
}

/** The local files under `dir` (created on first use, mode 0600). */
export function localSecretStore(dir: string = localKeyDir()): SecretStore & { rotate(name: SecretName): string } {
  return {
    current(name) {
      const file = readLocal(dir, name);
      return Promise.resolve({ version: file.current, value: Buffer.from(file.versions[file.current]!, 'base64') });
    },
    byVersion(name, version) {
      const value = readLocal(dir, name).versions[version];
      return Promise.resolve(value === undefined ? undefined : Buffer.from(value, 'base64'));
    },
    /** A new current version; earlier ones stay readable (what a Secrets Manager rotation does). */
    rotate(name) {
      const file = readLocal(dir, name);
      const version = `v${Object.keys(file.versions).length + 1}`;
      file.versions[version] = randomBytes(32).toString('base64');
      file.current = version;
      writePrivateFile(join(dir, `secret-${name}.json`), JSON.stringify(file), false);
      return version;
    },
  };
}

/** Secrets Manager, through the signed JSON client: `arns` maps each secret name to its secret's ARN. */
export function secretsManagerStore(arns: Partial<Record<SecretName, string>>, call: AwsJsonCall): SecretStore {
  const arnOf = (name: SecretName) => {
    const arn = arns[name];
    if (!arn) throw new Error(`No secret is configured for ${name} (QUERY_CODE_SECRET_ARN / BLIND_INDEX_SECRET_ARN).`);
    return arn;
  };
  return {
    async current(name) {
      const out = await call<{ SecretString: string; VersionId: string }>('GetSecretValue', { SecretId: arnOf(name) });
      return { version: out.VersionId, value: Buffer.from(out.SecretString, 'utf8') };
    },
    async byVersion(name, version) {
      try {
        const out = await call<{ SecretString: string }>('GetSecretValue', { SecretId: arnOf(name), VersionId: version });
        return Buffer.from(out.SecretString, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
  };
}

let shared: SecretStore | undefined;

/** The process's store: Secrets Manager when the stack configured the secrets, else the local files. */
export function secretStore(): SecretStore {
  if (!shared) {
    const env = config();
    shared =
      env.QUERY_CODE_SECRET_ARN || env.BLIND_INDEX_SECRET_ARN
        ? cached(
            secretsManagerStore(
              {
                ...(env.QUERY_CODE_SECRET_ARN ? { 'query-code': env.QUERY_CODE_SECRET_ARN } : {}),
                ...(env.BLIND_INDEX_SECRET_ARN ? { 'blind-index': env.BLIND_INDEX_SECRET_ARN } : {}),
              },
              awsJsonClient({ service: 'secretsmanager', targetPrefix: 'secretsmanager', region: env.AWS_REGION }),
            ),
          )
        : cached(localSecretStore());
  }
  return shared;
}

/** Tests: use this store for the rest of the process. */
export function useSecretStore(store: SecretStore): void {
  shared = store;
}
