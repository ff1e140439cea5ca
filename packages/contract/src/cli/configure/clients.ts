// The MCP clients `configure` writes to: where each keeps its servers, in which file format, and
// what to do after the file changed.
import { homeDir, pathFor } from '../../core/paths.js';
import { json, jsonc, toml, type ConfigFormat } from './formats.js';

export const MCP_CLIENTS = ['claude-desktop', 'cursor', 'vscode', 'claude-code', 'windsurf', 'gemini-cli', 'codex'] as const;
export type McpClient = (typeof MCP_CLIENTS)[number];
/** Other names people type for a client (`configure gemini`), each to the client's own name. */
export const CLIENT_ALIASES: Readonly<Record<string, McpClient>> = {
  claude: 'claude-desktop',
  'claude-ai': 'claude-desktop',
  'claude-cli': 'claude-code',
  claudecode: 'claude-code',
  code: 'vscode',
  'vs-code': 'vscode',
  'visual-studio-code': 'vscode',
  gemini: 'gemini-cli',
  'codex-cli': 'codex',
  'openai-codex': 'codex',
};

/** The client a name given on the command line means, case and `_` for `-` ignored; undefined for none. */
export function clientNamed(name: string): McpClient | undefined {
  const key = name.trim().toLowerCase().replace(/_/g, '-');
  return (MCP_CLIENTS as readonly string[]).includes(key) ? (key as McpClient) : CLIENT_ALIASES[key];
}

/** The clients every connector README shows a snippet for; the others are in docs/clients.md. */
export const README_CLIENTS: readonly McpClient[] = ['claude-desktop', 'cursor', 'vscode', 'claude-code'];

export type ServersKey = 'mcpServers' | 'servers' | 'mcp_servers';

export interface ClientInfo {
  title: string;
  /** Where the servers live in the file. */
  key: ServersKey;
  location: string;
  /** What to do after the file changed. */
  next: string;
  format: ConfigFormat;
}

export const CLIENTS: Record<McpClient, ClientInfo> = {
  'claude-desktop': {
    title: 'Claude Desktop',
    key: 'mcpServers',
    location: 'claude_desktop_config.json in ~/Library/Application Support/Claude/ (macOS), %APPDATA%\\Claude\\ (Windows) or ~/.config/Claude/ (Linux)',
    next: 'Quit and reopen Claude Desktop to load it.',
    format: json,
  },
  cursor: {
    title: 'Cursor',
    key: 'mcpServers',
    location: '~/.cursor/mcp.json (global, every project)',
    next: 'Cursor picks it up by itself; check Settings → MCP (Tools & Integrations).',
    format: json,
  },
  vscode: {
    title: 'VS Code',
    key: 'servers',
    location: '.vscode/mcp.json in the workspace folder',
    next: 'Start it with the Start button in .vscode/mcp.json, or from "MCP: List Servers".',
    format: jsonc,
  },
  'claude-code': {
    title: 'Claude Code',
    key: 'mcpServers',
    location: '~/.claude.json (user scope, every project)',
    next: 'Start a new Claude Code session; `claude mcp list` shows it.',
    format: json,
  },
  windsurf: {
    title: 'Windsurf',
    key: 'mcpServers',
    location: '~/.codeium/windsurf/mcp_config.json',
    next: 'In Windsurf, open Settings → Cascade → MCP Servers and press Refresh.',
    format: json,
  },
  'gemini-cli': {
    title: 'Gemini CLI',
    key: 'mcpServers',
    location: '~/.gemini/settings.json (user; a project has .gemini/settings.json)',
    next: 'Start a new `gemini` session; `/mcp` lists it.',
    format: json,
  },
  codex: {
    title: 'Codex CLI',
    key: 'mcp_servers',
    location: '~/.codex/config.toml ($CODEX_HOME/config.toml)',
    next: 'Start a new `codex` session; `codex mcp list` shows it.',
    format: toml,
  },
};

/** The client's config file for this user (and, for VS Code, this workspace folder). */
export function clientConfigPath(client: McpClient, context: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; cwd?: string } = {}): string {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const path = pathFor(platform);
  const home = homeDir(env, platform);
  switch (client) {
    case 'claude-desktop':
      if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
      if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Claude', 'claude_desktop_config.json');
    case 'cursor':
      return path.join(home, '.cursor', 'mcp.json');
    case 'vscode':
      return path.join(context.cwd ?? process.cwd(), '.vscode', 'mcp.json');
    case 'claude-code':
      return path.join(env.CLAUDE_CONFIG_DIR || home, '.claude.json');
    case 'windsurf':
      return path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
    case 'gemini-cli':
      return path.join(home, '.gemini', 'settings.json');
    case 'codex':
      return path.join(env.CODEX_HOME || path.join(home, '.codex'), 'config.toml');
  }
}
