/**
 * The time budget of one HTTP request for its store calls (issue 10). Each store call is limited on its
 * own (STORE_DEADLINE_MS, shared/store/client.ts), but a request makes several in a row, and a store that
 * is slow rather than stalled (just thawed, working through a backlog) could answer each just in time:
 * the request would still take many seconds. So the HTTP handler runs each request inside a budget, and
 * every store call in it is given at most what remains of it; past the budget a call fails at once as
 * transient (503 with Retry-After). Work outside a request (jobs, CLIs, tests' fixtures) has no budget.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { config } from '../config.js';

/** The default of STORE_DEADLINE_MS (shared/config.ts), what production runs with: one store call, all attempts. */
export const STORE_DEADLINE_MS = 4_000;

/** The deadline of this process's store calls (STORE_DEADLINE_MS of the environment). */
export function storeDeadlineMs(): number {
  return Number(config().STORE_DEADLINE_MS);
}

/**
 * All the store calls of one HTTP request together: one call's deadline and a second more, so a request
 * that meets a stalled store after a slow call still answers within the bound. Routes that do much more
 * (publishing a report, recomputing every open case) declare their own budget (RouteDefinition.storeBudgetMs).
 */
export function requestStoreBudgetMs(deadlineMs = STORE_DEADLINE_MS): number {
  return deadlineMs + 1_000;
}

/**
 * What a client may expect at most for a 503 when the store stalls: the request's budget plus the route's
 * own work and the way to the client (2 s, room for a busy machine).
 */
export function unavailableBoundMs(deadlineMs = STORE_DEADLINE_MS): number {
  return requestStoreBudgetMs(deadlineMs) + 2_000;
}

const budget = new AsyncLocalStorage<{ endsAt: number }>();

/** Runs `fn` with store calls limited to `ms` from now, altogether. */
export function withStoreBudget<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return budget.run({ endsAt: Date.now() + ms }, fn);
}

/** What remains of the current request's budget in ms (Infinity outside a request). */
export function remainingStoreBudgetMs(): number {
  const current = budget.getStore();
  return current ? current.endsAt - Date.now() : Infinity;
}
