import { defineConnector } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { createStarterClient } from './client.js';
import { config, requires } from './config.js';
import { resources } from './resources.js';
import { createTask } from './tools/create-task.js';
import { deleteTask } from './tools/delete-task.js';
import { getTask } from './tools/get-task.js';
import { listProjects } from './tools/list-projects.js';
import { listTasks } from './tools/list-tasks.js';
import { updateTask } from './tools/update-task.js';

interface StarterMe {
  id: string;
  name: string;
  email: string;
  workspace: { id: string; name: string };
  token: { scopes: string[]; expires_at: string | null };
}

export const connector = defineConnector({
  id: 'starter',
  title: 'Starter',
  packageName: pkg.name,
  version: pkg.version,
  description: 'Projects and tasks in Starter: list, read, create, update and delete tasks.',
  setup: 'Create an API token in Starter under Settings → API tokens and set STARTER_API_TOKEN.',
  config,
  requires,
  toolsets: {
    projects: 'Browse projects.',
    tasks: 'Read and change tasks.',
  },
  client: createStarterClient,
  health: async ({ client }) => {
    const me = await client.get<StarterMe>('/v1/me');
    return {
      user: `${me.name} <${me.email}>`,
      org: me.workspace.name,
      authMode: 'api_token',
      scopes: me.token.scopes,
      ...(me.token.expires_at ? { tokenExpiresAt: me.token.expires_at } : {}),
    };
  },
  tools: [listProjects, listTasks, getTask, createTask, updateTask, deleteTask],
  resources,
});
