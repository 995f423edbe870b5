/**
 * Starts one in-memory DynamoDB Local for the integration and end-to-end tests and always stops it
 * (the JVM's guard also ends it if this process dies). DYNAMODB_ENDPOINT, when set, is used instead.
 * Each test file creates its own table (tests/helpers/db.ts), so files never share data.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../infra/local/dynamodb-local.js';

let database: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    database = await startDynamoDbLocal();
    endpoint = database.endpoint;
  }
  project.provide('dynamodbEndpoint', endpoint);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
