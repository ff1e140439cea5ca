import { ConnectorError, inputs, z, bridgedTool } from '@connectors/contract';
import { coconutId, onCoconut } from '../coconut-id.js';
import { compactList } from '../projection.js';

const task = z.looseObject({ id: z.string(), title: z.string().optional(), status: z.string().optional(), priority: z.string().optional() });
const taskId = () => z.string().min(1).max(200).describe('Task id (from coconut_tasks_list).');
const fields = {
  title: z.string().min(1).max(500),
  description: z.string().max(20_000).describe('Markdown.'),
  status: z.string().min(1).max(50).describe('e.g. open, in_progress, done.'),
  priority: z.string().min(1).max(50).describe('e.g. low, medium, high.'),
};

export const tasksList = bridgedTool({
  upstream: 'tasks_list',
  title: 'List tasks',
  description: 'List the tasks of one Coconut (compact rows, no descriptions: read one with coconut_tasks_get), optionally by status.',
  toolset: 'tasks',
  access: 'read',
  scope: 'tasks:read',
  input: z.object({ coconutId: coconutId(), status: fields.status.optional(), limit: inputs.limit(20, 100), cursor: inputs.cursor() }),
  output: z.object({ tasks: z.array(task) }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q' }, { coconutId: 'Platform', status: 'open', limit: 5 }],
  args: onCoconut,
  project: compactList('tasks'),
});

export const tasksGet = bridgedTool({
  upstream: 'tasks_get',
  title: 'Get a task',
  description: 'One task of a Coconut, with its description and status.',
  toolset: 'tasks',
  access: 'read',
  scope: 'tasks:read',
  input: z.object({ coconutId: coconutId(), taskId: taskId() }),
  output: z.object({ task }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', taskId: 'tsk_101' }],
  args: onCoconut,
});

export const tasksCreate = bridgedTool({
  upstream: 'tasks_create',
  title: 'Create a task',
  description: 'Create a task on a Coconut you can modify. Pass an idempotencyKey so a retry never creates it twice.',
  toolset: 'tasks',
  access: 'write',
  scope: 'tasks:write',
  checkWith: ['tasks_list'],
  input: z.object({
    coconutId: coconutId(),
    title: fields.title,
    description: fields.description.optional(),
    status: fields.status.optional(),
    priority: fields.priority.optional(),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: z.object({ task }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', title: 'Upgrade Node to 22 in CI', priority: 'medium', idempotencyKey: 'create-node22-ci-0001' }],
  args: onCoconut,
});

export const taskUpdate = bridgedTool({
  upstream: 'task_update',
  title: 'Update a task',
  description: 'Change a task: only the fields you pass change (title, description, status, priority).',
  toolset: 'tasks',
  access: 'write',
  idempotent: true,
  scope: 'tasks:write',
  input: z.object({
    coconutId: coconutId(),
    taskId: taskId(),
    title: fields.title.optional(),
    description: fields.description.optional(),
    status: fields.status.optional(),
    priority: fields.priority.optional(),
    idempotencyKey: inputs.idempotencyKey(),
  }),
  output: z.object({ task }),
  examples: [{ coconutId: 'cn_01J9ZK4M2Q', taskId: 'tsk_101', status: 'done' }],
  args: (input, ctx) => {
    const { coconutId: _c, taskId: _t, ...changes } = input;
    if (Object.keys(changes).length === 0)
      throw new ConnectorError('invalid_input', 'Nothing to update: pass at least one of title, description, status, priority.');
    return onCoconut(input, ctx);
  },
});
