/**
 * Field-level envelope encryption (shared/crypto/field-encryption.ts): sealed values open only with their
 * key and their case, data keys are reused within limits, and the KMS provider sends the two KMS calls a
 * real endpoint expects (checked against a local HTTP endpoint that verifies them).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DATA_KEY_LIMITS,
  fieldSealer,
  identityIndex,
  kmsKeyProvider,
  localKeyProvider,
  localMasterKey,
  type KeyProvider,
} from '../../../shared/crypto/field-encryption.js';
import { localSecretStore } from '../../../shared/crypto/secret-store.js';
import { awsJsonClient } from '../../../shared/store/aws-json.js';

const FIELDS = { idNumber: '110101199003077777', phone: '13800000000', email: 'a@example.com', address: '江州市青山区湖滨路1号' };

function counting(provider: KeyProvider) {
  const calls = { generate: 0, decrypt: 0 };
  return {
    calls,
    provider: {
      kind: provider.kind,
      generateDataKey: () => (calls.generate++, provider.generateDataKey()),
      decryptDataKey: (e: Buffer) => (calls.decrypt++, provider.decryptDataKey(e)),
    } satisfies KeyProvider,
  };
}

describe('fieldSealer', () => {
  it('seals into an envelope with no plaintext in it, and opens it for the same case', async () => {
    const sealer = fieldSealer(localKeyProvider(randomBytes(32)));
    const sealed = await sealer.seal(FIELDS, 'CASE1');
    expect(sealed).toMatch(/^gk1\.local\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const value of Object.values(FIELDS)) expect(sealed).not.toContain(value);
    expect(sealed).not.toContain(Buffer.from(FIELDS.idNumber).toString('base64url'));
    expect(await sealer.open(sealed, 'CASE1')).toEqual(FIELDS);
  });

  it('refuses a sealed value moved to another case, altered, or under another master key', async () => {
    const sealer = fieldSealer(localKeyProvider(randomBytes(32)));
    const sealed = await sealer.seal(FIELDS, 'CASE1');
    await expect(sealer.open(sealed, 'CASE2')).rejects.toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0]! ^= 1;
    await expect(sealer.open([...parts.slice(0, 4), body.toString('base64url')].join('.'), 'CASE1')).rejects.toThrow();
    await expect(fieldSealer(localKeyProvider(randomBytes(32))).open(sealed, 'CASE1')).rejects.toThrow();
    await expect(sealer.open(sealed.replace('gk1.local.', 'gk1.kms.'), 'CASE1')).rejects.toThrow(/envelope/);
  });

  it('reuses a data key for at most 5 minutes and 10,000 seals, and caches decrypted data keys', async () => {
    let clock = 0;
    const { calls, provider } = counting(localKeyProvider(randomBytes(32)));
    const sealer = fieldSealer(provider, () => clock);
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => sealer.seal(FIELDS, `C${i}`)));
    expect(calls.generate).toBe(1);
    expect(new Set(first.map((s) => s.split('.')[2])).size).toBe(1);
    expect(new Set(first.map((s) => s.split('.')[3])).size).toBe(50); // a fresh nonce each time
    clock += DATA_KEY_LIMITS.maxAgeMs;
    await sealer.seal(FIELDS, 'later');
    expect(calls.generate).toBe(2);
    for (let i = 1; i < DATA_KEY_LIMITS.maxMessages; i++) await sealer.seal({}, 'x');
    expect(calls.generate).toBe(2);
    await sealer.seal({}, 'x');
    expect(calls.generate).toBe(3);

    const reader = counting(provider);
    const other = fieldSealer(reader.provider);
    for (const [i, sealed] of first.entries()) expect(await other.open(sealed, `C${i}`)).toEqual(FIELDS);
    expect(reader.calls.decrypt).toBe(1);
  });

  it('creates the local master key once, 32 bytes, readable by its owner only (0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-keys-'));
    const key = localMasterKey(dir);
    expect(key).toHaveLength(32);
    expect(localMasterKey(dir).equals(key)).toBe(true);
    expect(statSync(join(dir, 'field-key')).mode & 0o777).toBe(0o600);
  });
});

describe('the KMS provider (GenerateDataKey / Decrypt over the signed JSON client)', () => {
  it('sends the KMS JSON 1.1 calls, signed for kms, with the key id and the encryption context', async () => {
    const seen: { target: string; body: Record<string, any>; authorization: string; contentType: string }[] = [];
    const dataKey = randomBytes(32);
    const wrapped = randomBytes(64);
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>;
        seen.push({
          target: String(req.headers['x-amz-target']),
          body,
          authorization: String(req.headers.authorization),
          contentType: String(req.headers['content-type']),
        });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        if (req.headers['x-amz-target'] === 'TrentService.GenerateDataKey') {
          res.end(JSON.stringify({ Plaintext: dataKey.toString('base64'), CiphertextBlob: wrapped.toString('base64'), KeyId: body.KeyId }));
        } else if (body.CiphertextBlob === wrapped.toString('base64')) {
          res.end(JSON.stringify({ Plaintext: dataKey.toString('base64'), KeyId: body.KeyId }));
        } else {
          res.statusCode = 400;
          res.end(JSON.stringify({ __type: 'InvalidCiphertextException', message: 'no' }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const call = awsJsonClient({
        service: 'kms',
        targetPrefix: 'TrentService',
        region: 'cn-north-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
      });
      const keyArn = 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const writer = fieldSealer(kmsKeyProvider(keyArn, call));
      const sealed = await writer.seal(FIELDS, 'CASE1');
      expect(sealed.startsWith('gk1.kms.')).toBe(true);
      const reader = fieldSealer(kmsKeyProvider(keyArn, call));
      expect(await reader.open(sealed, 'CASE1')).toEqual(FIELDS);
      expect(seen.map((s) => s.target)).toEqual(['TrentService.GenerateDataKey', 'TrentService.Decrypt']);
      const context = { purpose: 'gongkai-applicant-fields' };
      expect(seen[0]!.body).toEqual({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: context });
      expect(seen[1]!.body).toEqual({ KeyId: keyArn, CiphertextBlob: wrapped.toString('base64'), EncryptionContext: context });
      for (const s of seen) {
        expect(s.contentType).toBe('application/x-amz-json-1.1');
        expect(s.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/cn-north-1\/kms\/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$/);
      }
      // A refusal surfaces with its KMS error code.
      await expect(fieldSealer(kmsKeyProvider(keyArn, call)).open(sealed.replace(/^gk1\.kms\.[\w-]+/, `gk1.kms.${randomBytes(8).toString('base64url')}`), 'CASE1')).rejects.toMatchObject({
        code: 'InvalidCiphertextException',
        statusCode: 400,
      });
    } finally {
      server.close();
    }
  });
});

describe('the blind index of identity numbers', () => {
  it('is equal for equal documents (spaces, case of the X ignored), differs by type and by key, and hides the number', async () => {
    const store = localSecretStore(mkdtempSync(join(tmpdir(), 'gk-secrets-')));
    const a = await identityIndex({ type: 'resident_id', number: '11010119900307777x' }, store);
    expect(await identityIndex({ type: 'resident_id', number: ' 11010119900307777X ' }, store)).toBe(a);
    expect(await identityIndex({ type: 'passport', number: '11010119900307777X' }, store)).not.toBe(a);
    expect(await identityIndex({ type: 'resident_id', number: '11010119900307777X' }, localSecretStore(mkdtempSync(join(tmpdir(), 'gk-secrets-'))))).not.toBe(a);
    expect(a).not.toContain('110101');
  });
});
