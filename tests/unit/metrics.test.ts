import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { NotFoundError, ServiceUnavailableError, TooManyRequestsError, VersionConflictError } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import type { RouteDefinition } from '../../shared/http/routes.js';
import { METRIC, metricLine, metricOfStatus } from '../../shared/metrics.js';

describe('embedded-metric-format lines (shared/metrics.ts)', () => {
  it('writes a document CloudWatch turns into count metrics of the namespace, with the values at the top level', () => {
    const line = JSON.parse(metricLine({ [METRIC.versionConflicts]: 1 }, { route: 'PostCaseActions' }, 1_780_000_000_000));
    expect(line).toEqual({
      _aws: {
        Timestamp: 1_780_000_000_000,
        CloudWatchMetrics: [{ Namespace: 'Gongkai', Dimensions: [[]], Metrics: [{ Name: 'VersionConflicts', Unit: 'Count' }] }],
      },
      route: 'PostCaseActions',
      VersionConflicts: 1,
    });
  });

  it('takes the namespace of the stage from METRICS_NAMESPACE', () => {
    const before = process.env.METRICS_NAMESPACE;
    process.env.METRICS_NAMESPACE = 'Gongkai-prod';
    try {
      const line = JSON.parse(metricLine({ [METRIC.dueSoonFlags]: 3, [METRIC.overdueFlags]: 2 }));
      expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('Gongkai-prod');
      expect(line._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(['DueSoonFlags', 'OverdueFlags']);
      expect([line.DueSoonFlags, line.OverdueFlags]).toEqual([3, 2]);
    } finally {
      if (before === undefined) delete process.env.METRICS_NAMESPACE;
      else process.env.METRICS_NAMESPACE = before;
    }
  });

  it('counts 409, 429 and 503 answers and nothing else', () => {
    expect([409, 429, 503, 200, 404, 422, 500].map(metricOfStatus)).toEqual([
      'VersionConflicts',
      'LockedOut',
      'Unavailable',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('the HTTP edge counts what an on-call officer watches', () => {
  const probe: RouteDefinition = {
    id: 'Probe',
    method: 'GET',
    path: '/probe',
    entry: 'functions/http/get-openapi.ts',
    auth: 'public',
    summary: 'A probe route for this test.',
    success: { status: 200, description: 'never', body: 'OpenApiDocument' },
    tableAccess: 'none',
    throttle: { rate: 1, burst: 1 },
  };
  const event = {
    version: '2.0',
    routeKey: 'GET /probe',
    rawPath: '/probe',
    rawQueryString: '',
    headers: {},
    requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/probe', sourceIp: '192.0.2.1' } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;

  async function linesOf(error: Error): Promise<{ status: number; lines: Record<string, unknown>[] }> {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'INFO';
    try {
      const handler = httpHandler(probe, () => Promise.reject(error));
      const response = (await handler(event, {})) as { statusCode: number };
      return { status: response.statusCode, lines: written.flatMap((w) => w.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  }

  it('writes one EMF line per 409, 429 and 503 answer, naming the route, and none for other answers', async () => {
    for (const [error, status, metric] of [
      [new VersionConflictError(3), 409, 'VersionConflicts'],
      [new TooManyRequestsError(60), 429, 'LockedOut'],
      [new ServiceUnavailableError(), 503, 'Unavailable'],
    ] as const) {
      const { status: answered, lines } = await linesOf(error);
      expect(answered).toBe(status);
      const emf = lines.filter((l) => '_aws' in l);
      expect(emf).toHaveLength(1);
      expect(emf[0]).toMatchObject({ route: 'Probe', [metric]: 1 });
    }
    const { status, lines } = await linesOf(new NotFoundError());
    expect(status).toBe(404);
    expect(lines.filter((l) => '_aws' in l)).toEqual([]);
  });
});
