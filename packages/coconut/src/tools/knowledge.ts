import { ConnectorError, inputs, z, bridgedTool } from '@connectors/contract';
import { coconutId, onCoconut } from '../coconut-id.js';

const documentId = () => z.string().min(1).max(200).describe('Knowledge document id (from coconut_knowledge_search).');
const document = z.looseObject({ id: z.string(), title: z.string().optional(), content: z.string().optional() });
const content = z.string().max(200_000).describe('Markdown.');

export const knowledgeSearch = bridgedTool({
  upstream: 'knowledge_search',
  title: 'Search knowledge',
  description: "Search a Coconut's knowledge documents; returns ids, titles and snippets (read one with coconut_knowledge_get).",
  toolset: 'knowledge',
  access: 'read',
  scope: 'knowledge:read',
  input: z.object({ coconutId: coconutId(), query: z.string().min(1).max(500), limit: inputs.limit(10, 50) }),
  output: z.object({ results: z.array(z.looseObject({ id: z.string(), title: z.string().optional(), snippet: z.string().optional() })) }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', query: 'deploy' }],
  args: onCoconut,
});

export const knowledgeGet = bridgedTool({
  upstream: 'knowledge_get',
  title: 'Get a knowledge document',
  description: 'One knowledge document of a Coconut, with its full content.',
  toolset: 'knowledge',
  access: 'read',
  scope: 'knowledge:read',
  input: z.object({ coconutId: coconutId(), documentId: documentId() }),
  output: z.object({ document }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', documentId: 'kn_runbook' }],
  args: onCoconut,
});

export const knowledgeCreate = bridgedTool({
  upstream: 'knowledge_create',
  title: 'Create a knowledge document',
  description: 'Add a Markdown knowledge document to a Coconut. Pass an idempotencyKey so a retry never adds it twice.',
  toolset: 'knowledge',
  access: 'write',
  scope: 'knowledge:write',
  checkWith: ['knowledge_search'],
  input: z.object({
    coconutId: coconutId(),
    title: z.string().min(1).max(500),
    content,
    filename: z.string().min(1).max(200).optional().describe('Stored name (case kept, .md added); default from the title.'),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: z.object({ document }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', title: 'On-call handbook', content: '# On call\nPage the owner first.', idempotencyKey: 'kn-oncall-handbook-01' }],
  args: onCoconut,
});

export const knowledgeUpdate = bridgedTool({
  upstream: 'knowledge_update',
  title: 'Update a knowledge document',
  description: "Change a knowledge document's title or content; only what you pass changes.",
  toolset: 'knowledge',
  access: 'write',
  idempotent: true,
  scope: 'knowledge:write',
  input: z.object({
    coconutId: coconutId(),
    documentId: documentId(),
    title: z.string().min(1).max(500).optional(),
    content: content.optional(),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: z.object({ document }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', documentId: 'kn_runbook', title: 'Deploy runbook (2026)' }],
  args: (input, ctx) => {
    const { title, content: text } = input;
    if (title === undefined && text === undefined) throw new ConnectorError('invalid_input', 'Nothing to update: pass title, content or both.');
    return onCoconut(input, ctx);
  },
});
