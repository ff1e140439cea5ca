import { defineConnector, isConnectorError } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createCoderClient, credentials } from './client.js';
import { config, missingConfig } from './config.js';
import { createWorkspace } from './tools/create-workspace.js';
import { getAgentActivity } from './tools/get-agent-activity.js';
import { getBuildLogs } from './tools/get-build-logs.js';
import { getTemplateParameters } from './tools/get-template-parameters.js';
import { getWorkspace } from './tools/get-workspace.js';
import { listTemplates } from './tools/list-templates.js';
import { listWorkspaces } from './tools/list-workspaces.js';
import { runCommand } from './tools/run-command.js';
import { deleteWorkspace, startWorkspace, stopWorkspace } from './tools/transition.js';
import { resources } from './resources.js';

interface CoderUser {
  username: string;
  name?: string;
  email?: string;
  roles?: { name: string }[];
}

interface Entitlements {
  has_license?: boolean;
  trial?: boolean;
  features?: Record<string, { enabled?: boolean; entitlement?: string }>;
}

export const connector = defineConnector({
  id: 'coder',
  title: 'Coder',
  version: pkg.version,
  description:
    'Coder workspaces on any Coder deployment: list, create, start, stop and delete workspaces from templates, read build logs, check what agents in them are doing, and (when enabled) run commands in them.',
  setup:
    'Set CODER_URL to your deployment and CODER_SESSION_TOKEN to a token (`coder tokens create`), or log in with the `coder` CLI (`coder login <url>`): its login is read from the CLI config directory.',
  config,
  requires: missingConfig,
  toolsets: {
    workspaces: 'List, inspect, create, start, stop and delete workspaces; build logs and agent activity.',
    templates: 'Templates and their parameters.',
    exec: 'Run commands in workspaces (off unless --toolsets names it).',
  },
  // Running commands is for people who turn it on: `--toolsets workspaces,templates,exec`.
  optInToolsets: ['exec'],
  client: createCoderClient,
  health: async ({ client, config: values }) => {
    const [me, build, entitlements] = await Promise.all([
      client.get<CoderUser>('/api/v2/users/me'),
      client.get<{ version?: string; external_url?: string; dashboard_url?: string }>('/api/v2/buildinfo'),
      // Open-source deployments answer without a license; older ones may not have the endpoint.
      client.get<Entitlements>('/api/v2/entitlements').catch((error: unknown) => {
        if (isConnectorError(error) && (error.code === 'not_found' || error.code === 'forbidden')) return undefined;
        throw error;
      }),
    ]);
    const enabled = Object.entries(entitlements?.features ?? {})
      .filter(([, feature]) => feature.enabled)
      .map(([name]) => name);
    const { source, url } = credentials(values);
    return {
      user: me.name ? `${me.name} (${me.username})` : me.username,
      authMode: source === 'coder_cli' ? 'coder_cli_session' : 'session_token',
      deployment: build.dashboard_url || url,
      deploymentVersion: build.version ?? 'unknown',
      roles: (me.roles ?? []).map((role) => role.name),
      ...(entitlements ? { license: entitlements.has_license ? (entitlements.trial ? 'trial' : 'licensed') : 'none', features: enabled } : {}),
    };
  },
  tools: [
    listWorkspaces,
    getWorkspace,
    getBuildLogs,
    getAgentActivity,
    createWorkspace,
    startWorkspace,
    stopWorkspace,
    deleteWorkspace,
    listTemplates,
    getTemplateParameters,
    runCommand,
  ],
  resources,
  // A self-hosted deployment: a workspace's status is worth hearing within 15 s.
  pollIntervalMs: 15_000,
});
