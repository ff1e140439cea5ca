#!/usr/bin/env node
// The baseline every connector is measured against: a bare stdio server on the same MCP SDK
// (v2) with one tool, nothing else.
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const server = new McpServer({ name: 'baseline', version: '1.0.0' });
server.registerTool('echo', { description: 'Echo the text back.', inputSchema: z.object({ text: z.string().max(1000) }) }, async ({ text }) => ({
  content: [{ type: 'text', text }],
}));
await server.connect(new StdioServerTransport());
