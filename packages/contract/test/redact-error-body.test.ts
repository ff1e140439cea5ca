// Held-out fault: a connector's error classifier cut a plain-text error body at 300 characters
// before the contract redacted it, so a token straddling the cut leaked its first characters. The
// raw body is redacted before any connector hook sees it.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { defineConnector, defineTool, envVar, type HttpClient, z } from '../src/index.js';
import { failure, notesRuntime, useNock } from './support/runtime.js';

useNock();

const TOKEN = 'tok_canary_5f0c2e9d7a1b3c4d6e8f';
const VENDOR = 'https://cutter.test';

const connector = defineConnector({
  id: 'cutter',
  title: 'Cutter',
  version: '1.0.0',
  description: 'A vendor whose errors echo the request.',
  config: { CUTTER_TOKEN: envVar.secret('Token.', { required: true }) },
  toolsets: { things: 'Things.' },
  client: (values, deps) =>
    deps.http({
      vendor: 'Cutter',
      baseUrl: VENDOR,
      headers: () => ({ authorization: `Bearer ${values.CUTTER_TOKEN}` }),
      // Like Jira's: a plain-text error body, cut short for the message.
      classifyError: (response) => ({ message: `Cutter said: ${String(response.body).slice(0, 300)}` }),
    }),
  health: async () => ({}),
  tools: [
    defineTool({
      action: 'get_thing',
      title: 'Get thing',
      description: 'Get a thing.',
      toolset: 'things',
      access: 'read',
      input: z.object({}),
      output: z.unknown(),
      examples: [{}],
      handler: async (_input, ctx: { client: HttpClient }) => ({ data: await ctx.client.get('/thing') }),
    }),
  ],
});

describe('error bodies', () => {
  it('are redacted before the classifier cuts them: no prefix of a secret survives', async () => {
    const body = `${'x'.repeat(290)}: ${TOKEN} was refused`;
    nock(VENDOR).get('/thing').reply(400, body, { 'content-type': 'text/plain' });
    const { runtime, logs } = notesRuntime({ env: { CUTTER_TOKEN: TOKEN } }, connector);
    const result = await runtime.callTool('cutter_get_thing', {});
    const envelope = failure(result);
    expect(envelope.error.code).toBe('invalid_input');
    const everything = `${result.content[0]!.text}\n${logs.join('\n')}`;
    expect(everything).not.toContain(TOKEN.slice(0, 8));
  });
});
