/**
 * A DynamoDB document client that asks for ReturnConsumedCapacity on every request and adds up the read and
 * write capacity units DynamoDB (Local) reports, per table and per index, attributed to whatever is running
 * (AsyncLocalStorage): a unit of a fan-out job, a step of a case's life. The benchmarks' meter; the product
 * never asks for consumed capacity.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../shared/store/client.js';

export interface Capacity {
  read: number;
  write: number;
  requests: number;
  /** Per index name (GSI1...), and `table` for the base table: the capacity units that landed there. */
  byIndex: Record<string, { read: number; write: number }>;
}

export const emptyCapacity = (): Capacity => ({ read: 0, write: 0, requests: 0, byIndex: {} });

const READS = new Set(['GetCommand', 'QueryCommand', 'BatchGetCommand', 'ScanCommand', 'TransactGetCommand']);

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

export class CapacityMeter {
  private readonly storage = new AsyncLocalStorage<Capacity>();
  readonly total = emptyCapacity();

  /** Runs `fn`, counting what its requests consume into `into` (and into the total). */
  measure<T>(into: Capacity, fn: () => Promise<T>): Promise<T> {
    return this.storage.run(into, fn);
  }

  private add(target: Capacity, isRead: boolean, consumed: ConsumedCapacity[]): void {
    target.requests++;
    for (const c of consumed) {
      const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
      if (isRead) target.read += units;
      else target.write += units;
      const put = (name: string, value: number | undefined) => {
        if (value === undefined) return;
        const slot = (target.byIndex[name] ??= { read: 0, write: 0 });
        if (isRead) slot.read += value;
        else slot.write += value;
      };
      put('table', c.Table?.CapacityUnits);
      for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {})) put(name, index.CapacityUnits);
    }
  }

  /** The metered database: the same table, every request with ReturnConsumedCapacity INDEXES. */
  wrap(db: Db): Db {
    const doc = new Proxy(db.doc, {
      get: (target, property, receiver) => {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: { input: Record<string, unknown>; constructor: { name: string } }, ...rest: unknown[]) => {
          command.input.ReturnConsumedCapacity = 'INDEXES';
          const result = (await (target.send as (...a: unknown[]) => Promise<{ ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }>).call(target, command, ...rest));
          const consumed = [result.ConsumedCapacity ?? []].flat();
          const isRead = READS.has(command.constructor.name);
          this.add(this.total, isRead, consumed);
          const current = this.storage.getStore();
          if (current) this.add(current, isRead, consumed);
          return result;
        };
      },
    });
    return { ...db, doc };
  }
}
