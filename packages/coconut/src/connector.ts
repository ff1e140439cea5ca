import { defineBridge } from '@connectors/contract';
import pkg from '../package.json' with { type: 'json' };
import { resources } from './resources.js';
import { coconutsHealthList, coconutsList } from './tools/coconuts.js';
import { connectorsCatalogList } from './tools/connectors.js';
import { contextGet } from './tools/context.js';
import { jobsGet, jobsList } from './tools/jobs.js';
import { knowledgeCreate, knowledgeGet, knowledgeSearch, knowledgeUpdate } from './tools/knowledge.js';
import { taskUpdate, tasksCreate, tasksGet, tasksList } from './tools/tasks.js';

/** Coconut's hosted MCP server, served through the contract's bridge: our names, envelope, errors and gating. */
export const connector = defineBridge({
  id: 'coconut',
  title: 'Coconut',
  packageName: pkg.name,
  version: pkg.version,
  description: 'Coconut instances, tasks, knowledge, context and jobs, through the hosted Coconut MCP server.',
  setup: 'Run `npx -y @connectors/coconut auth login` to sign in with your Coconut account (OAuth), or set COCONUT_TOKEN to a bearer token.',
  toolsets: {
    coconuts: 'Coconut instances and their health.',
    tasks: 'Read and change tasks.',
    knowledge: 'Search, read and write knowledge documents.',
    context: 'Context documents that steer agents.',
    jobs: 'Scheduled and triggered jobs.',
    connectors: 'The connector catalog.',
  },
  upstream: {
    url: 'https://app.coconut.dev/mcp',
    env: { url: 'COCONUT_MCP_URL', token: 'COCONUT_TOKEN', scopes: 'COCONUT_SCOPES' },
    // Served from this repository's main branch: docs/clients/coconut.json (checked by test/client-metadata.test.ts).
    clientMetadataUrl: 'https://raw.githubusercontent.com/connectors/connectors/main/docs/clients/coconut.json',
  },
  tools: [
    coconutsList,
    coconutsHealthList,
    tasksList,
    tasksGet,
    tasksCreate,
    taskUpdate,
    knowledgeSearch,
    knowledgeGet,
    knowledgeCreate,
    knowledgeUpdate,
    contextGet,
    jobsList,
    jobsGet,
    connectorsCatalogList,
  ],
  resources,
  health: {
    tool: 'coconuts_health_list',
    report: (data: { coconuts?: { healthy?: boolean }[] }) => {
      const all = data.coconuts ?? [];
      return { coconuts: { total: all.length, healthy: all.filter((c) => c.healthy).length } };
    },
  },
  classifyToolError: (text) => {
    if (/\bnot found\b/i.test(text)) return 'not_found';
    if (/\b(cannot|can't|not allowed to|forbidden|permission)\b/i.test(text)) return 'forbidden';
    if (/\b(invalid|required|must)\b/i.test(text)) return 'invalid_input';
    return undefined;
  },
});
