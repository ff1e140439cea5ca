// Context cost: what tools/list costs a session, in bytes and estimated tokens (bytes / 4).
import { ConnectorRuntime } from '@connectors/contract/server';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const tokens = (bytes) => Math.round(bytes / 4);
const size = (value) => Buffer.byteLength(JSON.stringify(value));

/** Model-facing = what a client hands the model (name, description, input schema). */
export function contextFromList(tools) {
  const perTool = tools.map((tool) => {
    const modelFacing = size({ name: tool.name, description: tool.description, input_schema: tool.inputSchema });
    return { name: tool.name, modelFacingBytes: modelFacing, modelFacingTokens: tokens(modelFacing), fullBytes: size(tool) };
  });
  const modelFacingBytes = perTool.reduce((sum, t) => sum + t.modelFacingBytes, 0);
  const fullBytes = size({ tools });
  return {
    tools: tools.length,
    modelFacingBytes,
    modelFacingTokens: tokens(modelFacingBytes),
    modelFacingTokensPerTool: Math.round(tokens(modelFacingBytes) / Math.max(1, tools.length)),
    fullListBytes: fullBytes,
    fullListTokens: tokens(fullBytes),
    perTool,
  };
}

export function contextCost(connector, gating = {}) {
  const runtime = new ConnectorRuntime(connector, { env: {}, gating, logLevel: 'silent' });
  return contextFromList(runtime.listTools());
}

/** For servers we only have as a bin (the baseline): ask over stdio. */
export async function contextOfBin(bin) {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin], stderr: 'ignore' }));
  const { tools } = await client.listTools();
  await client.close();
  return contextFromList(tools);
}
