/**
 * Bundled in place of `@smithy/core/event-streams` (an esbuild alias in infra/bundling.ts) in the Lambda
 * bundles only. The SDK's HTTP protocol loads its event-stream support with a dynamic import when an
 * operation streams events; no DynamoDB operation does, and the module is 15 KB of every bundle. Should
 * one ever be called, it fails with this message instead of a missing module.
 */
const message = 'Event streams are not bundled into Gongkai functions (infra/lambda/no-event-streams.ts): no DynamoDB operation uses them.';

export class EventStreamSerde {
  constructor() {
    throw new Error(message);
  }
}

export function eventStreamSerdeProvider(): never {
  throw new Error(message);
}
