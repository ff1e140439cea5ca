import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import { ConnectorRuntime, type RuntimeOptions } from '../../src/server.js';
import {
  isConnectorError,
  type ConnectorDefinition,
  type ConnectorError,
  type Envelope,
  type ErrorEnvelope,
  type SuccessEnvelope,
  type ToolCallResult,
} from '../../src/index.js';
import { configuredEnv, notesConnector } from './notes-connector.js';

/** A runtime over the Notes connector, with its log lines captured instead of written to stderr. */
export function notesRuntime(options: RuntimeOptions = {}, connector: ConnectorDefinition = notesConnector) {
  const logs: string[] = [];
  const runtime = new ConnectorRuntime(connector, {
    env: configuredEnv,
    logLevel: 'debug',
    logWrite: (line) => logs.push(line),
    sleep: async () => {},
    ...options,
  });
  return { runtime, logs };
}

/** nock owns the network for the test file: nothing unmocked leaves, nothing mocked may be left over. */
export function useNock() {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/** The envelope of a call, checking it is mirrored exactly as the JSON text content. */
export function envelopeOf(result: ToolCallResult): Envelope {
  expect(result.content).toHaveLength(1);
  expect(result.content[0]!.type).toBe('text');
  expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent);
  expect(result.isError === true).toBe(!result.structuredContent.ok);
  return result.structuredContent;
}

export function success<T = unknown>(result: ToolCallResult): SuccessEnvelope<T> {
  const envelope = envelopeOf(result);
  if (!envelope.ok) throw new Error(`expected success, got ${JSON.stringify(envelope.error)}`);
  return envelope as SuccessEnvelope<T>;
}

export function failure(result: ToolCallResult): ErrorEnvelope {
  const envelope = envelopeOf(result);
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.data)}`);
  return envelope;
}

/** The ConnectorError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  if (!isConnectorError(error)) throw error;
  return error;
}
