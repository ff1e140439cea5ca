// A third party's code, compiled against the BUILT package (dist + package.json exports) by
// consumer.test.ts: if the published types or entry points break, this stops compiling or running.
import { ConnectorRuntime } from '@connectors/contract/server';
import { defineConnector, defineTool, envVar, type HttpClient, inputs, urlPath, z, type Envelope, type ToolContext } from '@connectors/contract';

const greet = defineTool({
  action: 'greet',
  title: 'Greet',
  description: 'Greet someone by name, via the vendor.',
  toolset: 'people',
  access: 'read',
  input: z.object({ name: z.string().min(1), limit: inputs.limit(5, 20) }),
  output: z.object({ greeting: z.string(), limit: z.number() }),
  examples: [{ name: 'Ada' }],
  handler: async (input, ctx: ToolContext<HttpClient>) => {
    // input is typed from the schema: a string and a number with its default applied.
    const name: string = input.name;
    const limit: number = input.limit;
    const body = await ctx.client.get<{ text: string }>(urlPath`/greetings/${name}`);
    return { data: { greeting: body.text, limit } };
  },
});

defineTool({
  action: 'typed',
  title: 'Typed',
  description: 'Only here for the type checks below.',
  toolset: 'people',
  // @ts-expect-error access is read, write or destructive
  access: 'admin',
  input: z.object({}),
  output: z.object({}),
  examples: [{}],
  handler: async () => ({ data: {} }),
});

const connector = defineConnector({
  id: 'hello',
  title: 'Hello',
  version: '1.0.0',
  description: 'Greetings.',
  config: {
    HELLO_TOKEN: envVar.secret('Token.', { required: true }),
    HELLO_URL: envVar.url('Base URL.', { default: 'https://hello.example' }),
  },
  toolsets: { people: 'People.' },
  client: (values, deps) => {
    // values are keyed by the declared variables.
    const token: string | undefined = values.HELLO_TOKEN;
    return deps.http({ vendor: 'Hello', baseUrl: values.HELLO_URL!, headers: () => ({ authorization: `Bearer ${token}` }) });
  },
  health: async () => ({ user: 'someone' }),
  tools: [greet],
});

const sent: string[] = [];
const fakeFetch: typeof fetch = async (input, init) => {
  sent.push(`${init?.method} ${String(input)} ${new Headers(init?.headers).get('authorization')}`);
  return new Response(JSON.stringify({ text: 'Hello, Ada' }), { status: 200, headers: { 'content-type': 'application/json' } });
};

const runtime = new ConnectorRuntime(connector, { env: { HELLO_TOKEN: 'consumer-test-token' }, fetch: fakeFetch, logLevel: 'silent' });
const unconfigured = new ConnectorRuntime(connector, { env: {}, logLevel: 'silent' });

const ok: Envelope = (await runtime.callTool('hello_greet', { name: 'Ada' })).structuredContent;
const missing: Envelope = (await unconfigured.callTool('hello_greet', { name: 'Ada' })).structuredContent;

process.stdout.write(
  `${JSON.stringify({
    tools: runtime.listTools().map((t) => t.name),
    ok: ok.ok ? ok.data : ok.error,
    missing: missing.ok ? missing.data : missing.error.code,
    sent,
  })}\n`,
);
