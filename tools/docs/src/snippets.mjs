/**
 * Client config snippets: the entries come from the contract's `clientConfigSnippet`, the same
 * function `configure <client>` writes with, so the docs and the CLI cannot drift.
 */
import { clientConfigSnippet, MCP_CLIENTS, snippetText } from '@connectors/contract/clients';
import { code, fenced } from './markdown.mjs';

/** One `### <client>` section per client, in the contract's order. */
export async function clientSections(connector) {
  const sections = [];
  for (const client of MCP_CLIENTS) {
    // No options: the documentation form, with placeholders for required variables.
    const snippet = clientConfigSnippet(connector, client);
    const { language, text } = await snippetText(snippet);
    sections.push(
      `### ${snippet.title}`,
      `${code(`npx -y @connectors/${connector.id} configure ${client}`)} adds it for you. Or add this by hand to ${snippet.location}:`,
      fenced(language, text),
    );
    if (client === 'claude-code') sections.push('Or with the Claude Code CLI:', fenced('sh', claudeMcpAdd(snippet)));
  }
  return sections;
}

/** `claude mcp add` with the same command, arguments and env as the JSON entry. */
function claudeMcpAdd({ name, entry }) {
  const env = Object.entries(entry.env ?? {}).map(([key, value]) => `--env ${shellQuote(`${key}=${value}`)} `);
  return `claude mcp add --scope user ${name} ${env.join('')}-- ${[entry.command, ...entry.args].map(shellQuote).join(' ')}`;
}

function shellQuote(value) {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
