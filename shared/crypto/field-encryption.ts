/**
 * Field-level envelope encryption of the applicant's identity (PIPL Art. 28 and 51: a resident ID number is
 * sensitive personal information): the identity document number, phone, e-mail and address of a case are
 * sealed together with AES-256-GCM under a data key, and the data key is stored beside them encrypted under
 * the deployment's customer-managed KMS key. A table export or backup alone therefore reveals no identity:
 * reading one takes kms:Decrypt on that key, which only the functions that show applicants hold.
 *
 * Why the KMS API (GenerateDataKey / Decrypt) and not the AWS Encryption SDK: the SDK (@aws-crypto/client-node)
 * brings @aws-sdk/client-kms and its own message format and keyring code — well over 100 KB in each bundle of a
 * 400 KB budget, more to load on a cold start — and its default algorithm suite signs every message with
 * ECDSA P-384, a per-message cost this data does not need (who may write is decided by IAM). What it would
 * give, a cached data key and an authenticated envelope, is a few dozen lines here: a data key is reused for
 * at most 5 minutes and 10,000 seals (the Encryption SDK's caching limits are of this kind; random 96-bit
 * GCM nonces allow 2^32 messages per key), decrypted data keys are cached by their ciphertext, and the case
 * id is the additional authenticated data, so a sealed value cannot be moved to another case. KMS is
 * called through the signed JSON client (shared/store/aws-json.ts), no SDK client.
 *
 * Locally the same code path runs with a local master key: a 32-byte key, base64 in `.data/keys/field-key` (mode 0600,
 * created on first use by `npm start` or the tests) wraps each data key with AES-256-GCM instead of KMS.
 *
 * Equality look-ups on the identity number (de-duplication, counting one applicant's applications) use a
 * blind index: HMAC-SHA-256 of the normalised number under the `blind-index` secret (shared/crypto/secret-store.ts),
 * which is not in the table either.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../config.js';
import { awsJsonClient, type AwsJsonCall } from '../store/aws-json.js';
import { localKeyDir, secretStore, writePrivateFile, type SecretStore } from './secret-store.js';

export interface DataKey {
  plaintext: Buffer;
  encrypted: Buffer;
}

/** Where data keys come from and are unwrapped: KMS, or the local master key. */
export interface KeyProvider {
  /** Written into every envelope (`kms` or `local`), so one never reaches the other. */
  readonly kind: 'kms' | 'local';
  generateDataKey(): Promise<DataKey>;
  decryptDataKey(encrypted: Buffer): Promise<Buffer>;
}

/** KMS binds each data key to this context: a data key of another purpose does not decrypt here. */
const ENCRYPTION_CONTEXT = { purpose: 'gongkai-applicant-fields' };

export function kmsKeyProvider(keyId: string, call: AwsJsonCall): KeyProvider {
  return {
    kind: 'kms',
    async generateDataKey() {
      const out = await call<{ Plaintext: string; CiphertextBlob: string }>('GenerateDataKey', {
        KeyId: keyId,
        KeySpec: 'AES_256',
        EncryptionContext: ENCRYPTION_CONTEXT,
      });
      return { plaintext: Buffer.from(out.Plaintext, 'base64'), encrypted: Buffer.from(out.CiphertextBlob, 'base64') };
    },
    async decryptDataKey(encrypted) {
      const out = await call<{ Plaintext: string }>('Decrypt', {
        KeyId: keyId,
        CiphertextBlob: encrypted.toString('base64'),
        EncryptionContext: ENCRYPTION_CONTEXT,
      });
      return Buffer.from(out.Plaintext, 'base64');
    },
  };
}

const LOCAL_WRAP_AAD = Buffer.from('gongkai:local-data-key:v1');

/** The local master key file under `dir` (created on first use, 32 random bytes, mode 0600). */
export function localMasterKey(dir: string = localKeyDir()): Buffer {
  const path = join(dir, 'field-key');
  const read = () => Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    writePrivateFile(path, randomBytes(32).toString('base64'), true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}

export function localKeyProvider(master: Buffer): KeyProvider {
  if (master.length !== 32) throw new Error('The local master key must be 32 bytes.');
  return {
    kind: 'local',
    generateDataKey() {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, iv).setAAD(LOCAL_WRAP_AAD);
      const wrapped = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return Promise.resolve({ plaintext, encrypted: wrapped });
    },
    decryptDataKey(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', master, encrypted.subarray(0, 12)).setAAD(LOCAL_WRAP_AAD);
      decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
      return Promise.resolve(Buffer.concat([decipher.update(encrypted.subarray(12, encrypted.length - 16)), decipher.final()]));
    },
  };
}

/** Data-key reuse limits (see the module comment). */
export const DATA_KEY_LIMITS = { maxAgeMs: 5 * 60 * 1000, maxMessages: 10_000, maxCachedDecryptions: 1000 };

const VERSION = 'gk1';
const b64 = (b: Buffer) => b.toString('base64url');

export interface FieldSealer {
  /** Seals `value` (JSON) for the record `context` (the case id). */
  seal(value: unknown, context: string): Promise<string>;
  /** Opens what seal() made for the same context; throws if it was altered or belongs elsewhere. */
  open<T>(sealed: string, context: string): Promise<T>;
}

export function fieldSealer(provider: KeyProvider, now: () => number = Date.now): FieldSealer {
  let current: { key: DataKey; at: number; uses: number } | undefined;
  let pending: Promise<DataKey> | undefined;
  const opened = new Map<string, Buffer>();

  async function dataKey(): Promise<DataKey> {
    if (current && now() - current.at < DATA_KEY_LIMITS.maxAgeMs && current.uses < DATA_KEY_LIMITS.maxMessages) {
      current.uses++;
      return current.key;
    }
    pending ??= provider.generateDataKey().finally(() => {
      pending = undefined;
    });
    const key = await pending;
    if (current?.key !== key) current = { key, at: now(), uses: 0 };
    current.uses++;
    return key;
  }

  const aad = (context: string) => Buffer.from(`gongkai:fields:${VERSION}:${provider.kind}:${context}`, 'utf8');

  return {
    async seal(value, context) {
      const key = await dataKey();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv).setAAD(aad(context));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, provider.kind, b64(key.encrypted), b64(iv), b64(body)].join('.');
    },
    async open<T>(sealed: string, context: string): Promise<T> {
      const [version, kind, edk, iv, body] = sealed.split('.');
      if (version !== VERSION || kind !== provider.kind || !edk || !iv || !body) {
        throw new Error(`Sealed fields of ${context} are not a ${VERSION} envelope of this deployment's ${provider.kind} key.`);
      }
      let plaintextKey = opened.get(edk);
      if (!plaintextKey) {
        plaintextKey = await provider.decryptDataKey(Buffer.from(edk, 'base64url'));
        if (opened.size >= DATA_KEY_LIMITS.maxCachedDecryptions) opened.delete(opened.keys().next().value!);
        opened.set(edk, plaintextKey);
      }
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', plaintextKey, Buffer.from(iv, 'base64url')).setAAD(aad(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const text = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    },
  };
}

/** The normalised form of an identity number for the blind index: no spaces, upper case (the X check digit). */
export function normalizeIdNumber(number: string): string {
  return number.replaceAll(/\s/g, '').toUpperCase();
}

/**
 * The blind index of an identity document: HMAC-SHA-256 under the `blind-index` secret of its type and
 * normalised number, base64url. Equal documents give equal indexes; the index reveals nothing without the key.
 */
export async function identityIndex(document: { type: string; number: string }, store: SecretStore = secretStore()): Promise<string> {
  const { value } = await store.current('blind-index');
  return createHmac('sha256', value).update(`${document.type}\n${normalizeIdNumber(document.number)}`).digest('base64url');
}

let shared: FieldSealer | undefined;

/** The process's sealer: KMS when the stack set `KMS_KEY_ID`, else the local master key. */
export function sealer(): FieldSealer {
  if (!shared) {
    const env = config();
    shared = env.KMS_KEY_ID
      ? fieldSealer(kmsKeyProvider(env.KMS_KEY_ID, awsJsonClient({ service: 'kms', targetPrefix: 'TrentService', region: env.AWS_REGION })))
      : fieldSealer(localKeyProvider(localMasterKey()));
  }
  return shared;
}

/** Tests: use this sealer for the rest of the process. */
export function useSealer(value: FieldSealer): void {
  shared = value;
}
