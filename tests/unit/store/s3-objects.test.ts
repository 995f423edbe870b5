/**
 * The two S3 calls of shared/store/s3-objects.ts are signed exactly as @aws-sdk/client-s3 signs them:
 * same method, host, path, payload hash, date and signed headers (apart from the SDK's own metadata
 * headers), same credential scope — so they are accepted where the SDK's are.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { s3ObjectClient } from '../../../shared/store/s3-objects.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };
const SDK_METADATA = /^(x-amz-user-agent|user-agent|amz-sdk-invocation-id|amz-sdk-request|x-amz-checksum-.*|x-amz-sdk-checksum-algorithm|expect)$/;

interface SdkRequest {
  headers: Record<string, string>;
  query: Record<string, string>;
}

async function sdkRequest(region: string, command: PutObjectCommand | GetObjectCommand) {
  let captured: { method: string; hostname: string; path: string; headers: Record<string, string> } | undefined;
  const client = new S3Client({
    region,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: async (request: typeof captured) => {
        captured = request;
        throw new Error('captured');
      },
    } as never,
  });
  // Drop the SDK's own metadata headers (and its `x-id` query) just before it signs, so both requests carry the same headers
  // and must carry the same signature.
  client.middlewareStack.addRelativeTo(
    ((next: (args: { request: SdkRequest }) => Promise<unknown>) => async (args: { request: SdkRequest }) => {
      for (const name of Object.keys(args.request.headers)) if (SDK_METADATA.test(name.toLowerCase())) delete args.request.headers[name];
      // The SDK's informational `?x-id=PutObject` is not part of the S3 API.
      delete args.request.query['x-id'];
      return next(args);
    }) as never,
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'dropSdkMetadata' },
  );
  await expect(client.send(command as never)).rejects.toThrow('captured');
  return captured!;
}

function signedHeaderList(authorization: string): string[] {
  return /SignedHeaders=([^,]+)/.exec(authorization)![1]!.split(';');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('S3 requests signed without the S3 client', () => {
  for (const region of ['cn-north-1', 'us-east-1']) {
    for (const method of ['PUT', 'GET'] as const) {
      it(`${method} in ${region} matches @aws-sdk/client-s3`, async () => {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date('2026-01-01T00:30:00Z'));
        const bucket = 'gongkai-prod-reports-abc123';
        const key = 'reports/2025/cn-2021/subtree/jz qingshan (a+b).html';
        const body = '<!doctype html><title>江州市 2025</title>';
        const sdk = await sdkRequest(
          region,
          method === 'PUT'
            ? new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/html; charset=utf-8' })
            : new GetObjectCommand({ Bucket: bucket, Key: key }),
        );
        const ours = await s3ObjectClient({ region, credentials: async () => credentials }).sign(
          method,
          bucket,
          key,
          method === 'PUT' ? Buffer.from(body, 'utf8') : undefined,
          'text/html; charset=utf-8',
        );
        expect(ours.target.hostname).toBe(sdk.hostname);
        expect(ours.target.path).toBe(sdk.path);
        for (const name of ['x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'host']) {
          expect(ours.headers[name], name).toBe(sdk.headers[name] ?? sdk.hostname);
        }
        expect(signedHeaderList(ours.headers.authorization!)).toEqual(signedHeaderList(sdk.headers.authorization!));
        // The same canonical request (path encoding included) and scope give the same signature.
        expect(ours.headers.authorization).toBe(sdk.headers.authorization);
        if (method === 'PUT') expect(ours.headers['content-type']).toBe(sdk.headers['content-type']);
      });
    }
  }

  it('signs the whole request: a changed body or key gives another signature', async () => {
    const client = s3ObjectClient({ region: 'cn-north-1', credentials: async () => credentials });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:30:00Z'));
    const signature = async (key: string, body: string) =>
      /Signature=(\w+)/.exec((await client.sign('PUT', 'b-1', key, Buffer.from(body), 'text/csv')).headers.authorization!)![1];
    const base = await signature('a.csv', 'x');
    expect(await signature('a.csv', 'x')).toBe(base);
    expect(await signature('b.csv', 'x')).not.toBe(base);
    expect(await signature('a.csv', 'y')).not.toBe(base);
  });
});
