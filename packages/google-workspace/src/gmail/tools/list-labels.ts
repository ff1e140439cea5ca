import { z } from '@connectors/contract';
import { googleTool } from '../../client.js';

interface GmailLabel {
  id: string;
  name: string;
  type?: 'system' | 'user';
}

export const listLabels = googleTool({
  action: 'list_labels',
  title: 'List Gmail labels',
  description: 'List the Gmail labels (system ones like INBOX, UNREAD, and your own) with the ids other Gmail tools take.',
  toolset: 'gmail',
  access: 'read',
  input: z.object({}),
  output: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  examples: [{}],
  handler: async (_input, ctx) => {
    const { labels } = await ctx.client.get<{ labels?: GmailLabel[] }>('/gmail/v1/users/me/labels');
    const rows = (Array.isArray(labels) ? labels : [])
      .filter((label) => typeof label?.id === 'string')
      .map((label) => ({ id: label.id, name: typeof label.name === 'string' ? label.name : label.id, type: label.type === 'system' ? 'system' : 'user' }));
    // System labels first, then the user's own, each by name.
    rows.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'system' ? -1 : 1));
    return { data: rows };
  },
});
