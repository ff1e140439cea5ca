// Bench fixture for `pnpm bench`: the main list call and the vendor's raw JSON for 50 items.
const ITEMS = 50;

function rawTask(i) {
  const id = `tsk_01hq3k5t${String(i).padStart(4, '0')}`;
  return {
    id,
    object: 'task',
    project_id: 'prj_01hq3k5t8m',
    title: `Follow up on customer request #${1000 + i}`,
    description: `Customer asked about the export format. Steps so far:\n1. Reproduced on staging.\n2. Drafted a reply.\n`.repeat(2),
    status: i % 3 === 0 ? 'done' : 'open',
    assignee: {
      id: 'usr_01hq3k5t8m',
      object: 'user',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      avatar_url: 'https://cdn.starter.example/avatars/usr_01hq3k5t8m.png?s=128',
    },
    creator: {
      id: 'usr_01hq3k5t9n',
      object: 'user',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      avatar_url: 'https://cdn.starter.example/avatars/usr_01hq3k5t9n.png?s=128',
    },
    labels: ['support', 'export'],
    due_date: '2026-12-01',
    created_at: '2026-11-01T09:00:00.000Z',
    updated_at: '2026-11-20T16:45:12.000Z',
    url: `https://app.starter.example/tasks/${id}`,
    api_url: `https://api.starter.example/v1/tasks/${id}`,
    custom_fields: { severity: { id: 'cf_1', type: 'select', value: 'medium' }, customer: { id: 'cf_2', type: 'text', value: 'Analytical Engines Ltd' } },
    watchers: [
      { id: 'usr_01hq3k5t8m', name: 'Ada Lovelace' },
      { id: 'usr_01hq3k5t9n', name: 'Grace Hopper' },
    ],
    history: [
      { at: '2026-11-01T09:00:00.000Z', by: 'usr_01hq3k5t9n', change: 'created' },
      { at: '2026-11-02T10:12:00.000Z', by: 'usr_01hq3k5t8m', change: 'status: open' },
    ],
    permissions: { can_edit: true, can_delete: true, can_comment: true },
  };
}

export default {
  action: 'list_tasks',
  args: { projectId: 'prj_01hq3k5t8m', limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ STARTER_API_URL: baseUrl, STARTER_API_TOKEN: 'bench-token-not-secret' }),
  rawBody: { items: Array.from({ length: ITEMS }, (_, i) => rawTask(i)), next_page_token: null },
};
