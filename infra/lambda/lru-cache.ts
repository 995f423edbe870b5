/**
 * Bundled in place of `mnemonist/lru-cache` (an esbuild alias in infra/bundling.ts) in the Lambda bundles
 * only. The DynamoDB client's endpoint-discovery cache (@aws-sdk/endpoint-cache) is its one user and calls
 * `get`, `set`, `has`, `peek` and `clear`; mnemonist with its helper library is 7 KB of every bundle, this
 * is a Map in insertion order: `get` and `set` make a key the most recent, `peek` does not, and a `set`
 * beyond the capacity drops the least recent key.
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('LRUCache: capacity must be a positive number.');
  }

  get size(): number {
    return this.items.size;
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key)!;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
