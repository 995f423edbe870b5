/**
 * Only the edge may call the API (#13 item 9): behind CloudFront every function refuses a request without
 * the origin secret CloudFront adds (`x-origin-verify`), before it reads anything — so a client that calls
 * the custom domain directly cannot choose its `x-viewer-address` and dodge the per-client limits. The
 * secret's current and previous versions are accepted (a rotation loses no request); without an edge
 * (locally, no ORIGIN_SECRET_ARN) nothing is checked.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../../shared/http/client-address.js';
import { httpHandler, json } from '../../../shared/http/handler.js';
import { ORIGIN_VERIFY_HEADER, secretsManagerOriginSecrets, useOriginSecrets, verifyOrigin } from '../../../shared/http/origin.js';
import { routes } from '../../../shared/http/routes.js';
import { AwsJsonError } from '../../../shared/store/aws-json.js';

const CURRENT = 'c'.repeat(64);
const PREVIOUS = 'p'.repeat(64);
const VIEWER = 'x-viewer-address';

afterEach(() => useOriginSecrets(null));

function event(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    headers,
    rawPath: '/public/agencies',
    pathParameters: {},
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/public/agencies', sourceIp: '203.0.113.66' } },
  } as unknown as APIGatewayProxyEventV2;
}

/** A public route's handler that records the client address it would count. */
function handler() {
  const counted: string[] = [];
  const fn = httpHandler(routes.listPublicAgencies, async (request) => {
    counted.push(clientAddress(request.event, VIEWER));
    return json(200, { items: [] });
  });
  return { counted, invoke: (e: APIGatewayProxyEventV2) => fn(e, {}) as Promise<{ statusCode: number; body: string }> };
}

describe('behind the edge (ORIGIN_SECRET_ARN set)', () => {
  it('refuses a request that went around CloudFront, spoofed viewer address and all, before it counts anything', async () => {
    useOriginSecrets(async () => [CURRENT, PREVIOUS]);
    const { counted, invoke } = handler();
    const direct = await invoke(event({ [VIEWER]: '198.51.100.1' }));
    expect(direct.statusCode).toBe(403);
    expect(JSON.parse(direct.body)).toMatchObject({ status: 403, detail: expect.any(String) });
    const guessed = await invoke(event({ [VIEWER]: '198.51.100.2', [ORIGIN_VERIFY_HEADER]: 'x'.repeat(64) }));
    expect(guessed.statusCode).toBe(403);
    expect(counted).toEqual([]);
  });

  it('lets the edge through with the current or, during a rotation, the previous value, counting the forwarded viewer', async () => {
    useOriginSecrets(async () => [CURRENT, PREVIOUS]);
    const { counted, invoke } = handler();
    expect((await invoke(event({ [VIEWER]: '198.51.100.1', [ORIGIN_VERIFY_HEADER]: CURRENT }))).statusCode).toBe(200);
    expect((await invoke(event({ [VIEWER]: '198.51.100.2', [ORIGIN_VERIFY_HEADER]: PREVIOUS }))).statusCode).toBe(200);
    expect(counted).toEqual(['198.51.100.1', '198.51.100.2']);
  });

  it('answers 503 (retry), not 403 or 500, when the secret cannot be read', async () => {
    useOriginSecrets(async () => {
      throw new Error('Secrets Manager unreachable');
    });
    await expect(verifyOrigin({ [ORIGIN_VERIFY_HEADER]: CURRENT })).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    expect((await handler().invoke(event({ [ORIGIN_VERIFY_HEADER]: CURRENT }))).statusCode).toBe(503);
  });
});

describe('without an edge', () => {
  it('checks nothing', async () => {
    useOriginSecrets(null);
    await expect(verifyOrigin({})).resolves.toBeUndefined();
    const { invoke } = handler();
    expect((await invoke(event({}))).statusCode).toBe(200);
  });
});

describe('the secret from Secrets Manager', () => {
  it('reads AWSCURRENT and AWSPREVIOUS (none before the first rotation), once per five minutes', async () => {
    const calls: unknown[] = [];
    let clock = 0;
    let previous = false;
    const call = async <T,>(operation: string, input: object): Promise<T> => {
      calls.push([operation, input]);
      const stage = (input as { VersionStage: string }).VersionStage;
      if (stage === 'AWSPREVIOUS' && !previous) throw new AwsJsonError('secretsmanager', 400, 'ResourceNotFoundException');
      return { SecretString: stage === 'AWSCURRENT' ? CURRENT : PREVIOUS } as T;
    };
    const secrets = secretsManagerOriginSecrets('arn:aws:secretsmanager:ap-east-1:123456789012:secret:o', call, () => clock);
    expect(await secrets()).toEqual([CURRENT]);
    expect(calls).toEqual([
      ['GetSecretValue', { SecretId: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:o', VersionStage: 'AWSCURRENT' }],
      ['GetSecretValue', { SecretId: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:o', VersionStage: 'AWSPREVIOUS' }],
    ]);
    previous = true;
    clock = 4 * 60 * 1000;
    expect(await secrets()).toEqual([CURRENT]);
    expect(calls).toHaveLength(2);
    clock = 5 * 60 * 1000;
    expect(await secrets()).toEqual([CURRENT, PREVIOUS]);
    expect(calls).toHaveLength(4);
  });
});
