/**
 * PutObject and GetObject, and nothing else, signed with the SDK's own Signature V4 signer
 * (@smithy/signature-v4, already in every bundle through the DynamoDB client) over node:https.
 *
 * Why not @aws-sdk/client-s3: it adds about 170 KB to a function bundle (the client alone is larger than
 * the 400 KB budget of docs/architecture.md leaves after the DynamoDB client), for two calls whose wire format is a
 * plain HTTP PUT and GET. tests/unit/store/s3-objects.test.ts checks that the requests signed here are
 * the ones @aws-sdk/client-s3 signs for the same call, header for header and signature for signature.
 *
 * Credentials come from the environment, as Lambda provides them (infra/lambda/env-credentials.ts).
 * The endpoint is the bucket's virtual-hosted one in the function's own partition: `amazonaws.com`,
 * or `amazonaws.com.cn` in the China regions.
 */
import { createHash, createHmac, type BinaryLike } from 'node:crypto';
import { request } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';

export interface S3ObjectClientOptions {
  region: string;
  credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  /** Override the endpoint (tests): `https://host:port`, path-style. */
  endpoint?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): BinaryLike {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : (data as BinaryLike);
}

/** SHA-256 (and HMAC-SHA-256 when given a secret) in the shape the signer expects. */
export class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export class S3ObjectError extends Error {
  override readonly name = 'S3ObjectError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(`S3 answered ${statusCode} ${code}`);
  }
}

export function envCredentials() {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment.');
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  return Promise.resolve({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
}

/** Each path segment escaped as S3 expects (RFC 3986 unreserved characters kept, `/` between segments). */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function s3ObjectClient(options: S3ObjectClientOptions) {
  const signer = new SignatureV4({
    service: 's3',
    region: options.region,
    credentials: options.credentials ?? envCredentials,
    sha256: Sha256,
    // S3 signs the path as sent, without the second encoding other services use.
    uriEscapePath: false,
    applyChecksum: true,
  });
  const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';

  function target(bucket: string, key: string) {
    if (options.endpoint) {
      const url = new URL(options.endpoint);
      return { protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: `/${bucket}/${encodeKey(key)}` };
    }
    return { protocol: 'https:', hostname: `${bucket}.s3.${options.region}.${suffix}`, port: undefined, path: `/${encodeKey(key)}` };
  }

  /** The signed request (exported for the equivalence test). */
  async function sign(method: 'PUT' | 'GET' | 'DELETE', bucket: string, key: string, body?: Buffer, contentType?: string) {
    const t = target(bucket, key);
    const headers: Record<string, string> = { host: t.port ? `${t.hostname}:${t.port}` : t.hostname };
    if (body) {
      headers['content-type'] = contentType ?? 'application/octet-stream';
      headers['content-length'] = String(body.length);
    }
    const signed = await signer.sign({
      method,
      protocol: t.protocol,
      hostname: t.hostname,
      ...(t.port ? { port: t.port } : {}),
      path: t.path,
      query: {},
      headers,
      ...(body ? { body } : {}),
    });
    return { target: t, headers: signed.headers as Record<string, string> };
  }

  async function send(method: 'PUT' | 'GET' | 'DELETE', bucket: string, key: string, body?: Buffer, contentType?: string) {
    const { target: t, headers } = await sign(method, bucket, key, body, contentType);
    return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = request(
        { method, protocol: t.protocol, hostname: t.hostname, port: t.port, path: t.path, headers, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('S3 request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  function errorOf(status: number, body: Buffer): S3ObjectError {
    const code = /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1] ?? 'Unknown';
    return new S3ObjectError(status, code);
  }

  return {
    sign,
    async putObject(bucket: string, key: string, body: string | Buffer, contentType: string): Promise<void> {
      const response = await send('PUT', bucket, key, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType);
      if (response.status !== 200) throw errorOf(response.status, response.body);
    },
    /** Deletes the key's current object (in a versioned bucket: a delete marker; lifecycle expires the rest). */
    async deleteObject(bucket: string, key: string): Promise<void> {
      const response = await send('DELETE', bucket, key);
      if (response.status !== 204 && response.status !== 200) throw errorOf(response.status, response.body);
    },
    /** The object's text, or undefined when there is no such key. */
    async getObject(bucket: string, key: string): Promise<string | undefined> {
      return (await this.getObjectBytes(bucket, key))?.toString('utf8');
    },
    /** The object's bytes, or undefined when there is no such key. */
    async getObjectBytes(bucket: string, key: string): Promise<Buffer | undefined> {
      const response = await send('GET', bucket, key);
      if (response.status === 200) return response.body;
      const error = errorOf(response.status, response.body);
      if (error.code === 'NoSuchKey') return undefined;
      throw error;
    },
  };
}

export type S3ObjectClient = ReturnType<typeof s3ObjectClient>;
