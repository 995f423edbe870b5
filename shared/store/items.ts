/**
 * Every item carries its `entity` and `schemaVersion` (docs/architecture.md "Data model"), and every read
 * checks both before it trusts the item, as ElectroDB does: an item of another entity, or of a schema
 * version this code does not know (written by a newer release, or damaged), is an error — never silently
 * mapped into something it is not.
 */
import { ENTITY, SCHEMA_VERSION } from './keys.js';

export type Entity = (typeof ENTITY)[keyof typeof ENTITY];

/** The schema versions this code reads, per entity (all 1 so far; a migration adds its version here). */
const READABLE_VERSIONS: ReadonlySet<number> = new Set([SCHEMA_VERSION]);

/** A stored item that is not what its key promised: 500 (the cause is logged), never a wrong answer. */
export class StoredItemError extends Error {
  override readonly name = 'StoredItemError';
}

/** The bookkeeping attributes a write sets on an item of `entity`. */
export function stamp(entity: Entity): { entity: Entity; schemaVersion: number } {
  return { entity, schemaVersion: SCHEMA_VERSION };
}

/** Throws StoredItemError unless `item` is an `entity` item of a schema version this code reads. */
export function checkItem(item: Record<string, unknown>, entity: Entity): void {
  if (item.entity !== entity) {
    throw new StoredItemError(`Expected a ${entity} item at ${String(item.PK)} / ${String(item.SK)}, found entity ${JSON.stringify(item.entity)}.`);
  }
  if (typeof item.schemaVersion !== 'number' || !READABLE_VERSIONS.has(item.schemaVersion)) {
    throw new StoredItemError(
      `The ${entity} item at ${String(item.PK)} / ${String(item.SK)} has schema version ${JSON.stringify(item.schemaVersion)}, ` +
        `which this code cannot read (it reads ${[...READABLE_VERSIONS].join(', ')}).`,
    );
  }
}
