import { describe, expect, it } from 'vitest';
import { ConnectorRuntime } from '../src/server.js';
import { defineConnector, envVar, HttpClient, toolFor, z, type ClientDeps } from '../src/index.js';

/** Two vendor clients with different helpers, as two connectors would have. */
class BoardsClient extends HttpClient {
  boards(): Promise<string[]> {
    return Promise.resolve(['Roadmap', 'Bugs']);
  }
}
class ChatClient {
  channels(): string[] {
    return ['general'];
  }
}

const config = {
  BOARDS_TOKEN: envVar.secret('Token.', { required: true }),
  BOARDS_TEAM: envVar.string('Team name.', { default: 'core' }),
};

const boardsTool = toolFor<BoardsClient, typeof config>();
const chatTool = toolFor<ChatClient>();

const listBoards = boardsTool({
  action: 'list_boards',
  title: 'List boards',
  description: 'List the team boards.',
  toolset: 'boards',
  access: 'read',
  input: z.object({}),
  output: z.object({ team: z.string(), boards: z.array(z.string()) }),
  examples: [{}],
  // No annotations: ctx.client is a BoardsClient and ctx.config has this connector's variables.
  handler: async (_input, ctx) => ({ data: { team: ctx.config.BOARDS_TEAM ?? '', boards: await ctx.client.boards() } }),
});

const listChannels = chatTool({
  action: 'list_channels',
  title: 'List channels',
  description: 'List channels.',
  toolset: 'boards',
  access: 'read',
  input: z.object({}),
  output: z.array(z.string()),
  examples: [{}],
  handler: async (_input, ctx) => ({ data: ctx.client.channels() }),
});

const base = {
  id: 'boards',
  title: 'Boards',
  version: '1.0.0',
  description: 'Boards for tests.',
  config,
  toolsets: { boards: 'Boards.' },
  client: (_values: unknown, deps: ClientDeps) => deps.http({ vendor: 'Boards', baseUrl: 'https://boards.test' }, (options) => new BoardsClient(options)),
  health: async () => ({ user: 'me' }),
};

describe('typed tools', () => {
  it('gives handlers the connector client and configuration', async () => {
    const connector = defineConnector({ ...base, tools: [listBoards] });
    const runtime = new ConnectorRuntime(connector, { env: { BOARDS_TOKEN: 't', BOARDS_TEAM: 'platform' } });
    const result = await runtime.callTool('boards_list_boards', {});
    expect(result.structuredContent).toMatchObject({ ok: true, data: { team: 'platform', boards: ['Roadmap', 'Bugs'] } });
  });

  it('does not compile a tool written for another client into a connector', () => {
    defineConnector({
      ...base,
      // @ts-expect-error list_channels expects a ChatClient; this connector's client is a BoardsClient.
      tools: [listBoards, listChannels],
    });
    expect(listChannels.action).toBe('list_channels');
  });

  it('does not compile a handler that reads a variable the connector does not declare', () => {
    boardsTool({
      ...listBoards,
      // @ts-expect-error BOARDS_REGION is not in this connector's config.
      handler: async (_input, ctx) => ({ data: { team: ctx.config.BOARDS_REGION ?? '', boards: [] } }),
    });
    expect(listBoards.action).toBe('list_boards');
  });
});
