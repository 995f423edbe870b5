/**
 * The local stack (server + the tests' DynamoDB Local) on a free port, with a fresh table per file.
 * Every answer the stack gives is checked against the OpenAPI document it serves (tests/helpers/contract.ts):
 * `stop()` fails, naming each difference, when one did not match.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalEnvironment, type LocalEnvironment } from '../../infra/local/stack.js';
import type { Exchange } from '../../infra/local/server.js';
import { contractChecker } from './contract.js';

export interface TestStack extends LocalEnvironment {
  /** How many answers were checked against the document so far. */
  contractChecked(): number;
}

export async function startTestStack(options: { pages?: boolean; contract?: boolean; pollOutbox?: boolean } = {}): Promise<TestStack> {
  const exchanges: Exchange[] = [];
  const stack = await startLocalEnvironment({
    port: 0,
    tableName: `e2e-${randomUUID()}`,
    endpoint: inject('dynamodbEndpoint'),
    demoAgencies: true,
    ...(options.pages ? { pages: true } : {}),
    ...(options.pollOutbox === false ? { pollOutbox: false } : {}),
    ...(options.contract === false ? {} : { onExchange: (exchange: Exchange) => exchanges.push(exchange) }),
  });
  if (options.contract === false) return { ...stack, contractChecked: () => 0 };
  const document = (await (await fetch(`${stack.url}/openapi.json`)).json()) as Record<string, unknown>;
  const checker = await contractChecker(document);
  const violations: string[] = [];
  const drain = () => {
    for (const exchange of exchanges.splice(0)) violations.push(...checker.check(exchange));
  };
  return {
    ...stack,
    contractChecked: () => {
      drain();
      return checker.checked();
    },
    stop: async () => {
      await stack.stop();
      drain();
      if (violations.length > 0) {
        throw new Error(`${violations.length} answers do not match the OpenAPI document:\n${violations.slice(0, 50).join('\n')}`);
      }
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
