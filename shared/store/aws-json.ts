/**
 * A call to an AWS service that speaks the JSON 1.1 protocol (KMS, Secrets Manager): one signed POST with
 * `X-Amz-Target`, signed with the SDK's own Signature V4 signer (as shared/store/s3-objects.ts does for S3).
 *
 * Why not @aws-sdk/client-kms and @aws-sdk/client-secrets-manager: the functions use four operations
 * (GenerateDataKey, Decrypt, GetSecretValue and, in the rotation function, PutSecretValue /
 * UpdateSecretVersionStage / DescribeSecret); each client brings its own serde and middleware stack, tens of
 * KB per client in every bundle, against the 400 KB budget of docs/architecture.md, and more code to load on a cold
 * start. The wire format of these calls is a small JSON body; the signer is already in every bundle through
 * the DynamoDB client. tests/unit/store/aws-json.test.ts checks the request against a local endpoint.
 *
 * The endpoint is `<service>.<region>.amazonaws.com`, or `.amazonaws.com.cn` in the China regions.
 */
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { envCredentials, Sha256 } from './s3-objects.js';

export interface AwsJsonClientOptions {
  /** Signing name and endpoint prefix: `kms`, `secretsmanager`. */
  service: string;
  /** X-Amz-Target prefix: `TrentService` (KMS), `secretsmanager`. */
  targetPrefix: string;
  region: string;
  credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  /** Override the endpoint (tests): `http://host:port`. */
  endpoint?: string;
}

export class AwsJsonError extends Error {
  override readonly name = 'AwsJsonError';
  constructor(
    readonly service: string,
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(`${service} answered ${statusCode} ${code}`);
  }
}

export function awsJsonClient(options: AwsJsonClientOptions) {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials ?? envCredentials,
    sha256: Sha256,
  });
  const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const url = new URL(options.endpoint ?? `https://${options.service}.${options.region}.${suffix}`);
  const port = url.port ? Number(url.port) : undefined;

  return async function call<T>(operation: string, input: object): Promise<T> {
    const body = Buffer.from(JSON.stringify(input), 'utf8');
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(port ? { port } : {}),
      path: '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'content-length': String(body.length),
        'x-amz-target': `${options.targetPrefix}.${operation}`,
      },
      body,
    });
    const send = url.protocol === 'http:' ? httpRequest : request;
    const response = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = send(
        { method: 'POST', protocol: url.protocol, hostname: url.hostname, port, path: '/', headers: signed.headers, timeout: 5_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${options.service} request timed out`)));
      req.on('error', reject);
      req.end(body);
    });
    const text = response.body.toString('utf8');
    if (response.status !== 200) {
      let code = 'Unknown';
      try {
        const parsed = JSON.parse(text) as { __type?: string };
        code = (parsed.__type ?? 'Unknown').split('#').pop() ?? 'Unknown';
      } catch {
        // not JSON: keep Unknown
      }
      throw new AwsJsonError(options.service, response.status, code);
    }
    return (text ? JSON.parse(text) : {}) as T;
  };
}

export type AwsJsonCall = ReturnType<typeof awsJsonClient>;
