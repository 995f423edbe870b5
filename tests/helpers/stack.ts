/** The local stack (server + the tests' DynamoDB Local) on a free port, with a fresh table per file. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/stack.js';

export async function startTestStack(options: { pages?: boolean } = {}): Promise<LocalEnvironment> {
  return startLocalEnvironment({
    port: 0,
    tableName: `e2e-${randomUUID()}`,
    endpoint: inject('dynamodbEndpoint'),
    demoAgencies: true,
    ...(options.pages ? { pages: true } : {}),
  });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
