import { inputs, z } from '@connectors/contract';
import { googleTool } from '../../client.js';
import { cursorOf, pageTokenOf } from '../../paging.js';
import { ALL_DRIVES, fileRow, projectFile, ROW_FIELDS, type DriveFile } from '../files.js';

interface FileList {
  files?: DriveFile[];
  nextPageToken?: string;
  incompleteSearch?: boolean;
}

export const searchFiles = googleTool({
  action: 'search_files',
  title: 'Search Google Drive',
  description:
    "Find files in My Drive and shared drives by Drive query (name contains 'budget', fullText contains 'q3', '<folderId>' in parents); newest first.",
  toolset: 'drive',
  access: 'read',
  input: z.object({
    q: z.string().max(2000).default('').describe('Drive query; empty lists recent files.'),
    limit: inputs.limit(20, 100),
    cursor: inputs.cursor(),
    includeTrashed: z.boolean().default(false),
  }),
  output: z.array(fileRow),
  examples: [{ q: "name contains 'budget'" }, { q: "'1Fo1d3rAbCdEfGhIjKlMn' in parents", limit: 50 }],
  handler: async (input, ctx) => {
    const pageToken = pageTokenOf(ctx, input.cursor, input.q);
    const trashed = input.includeTrashed ? undefined : 'trashed = false';
    const q = [input.q && `(${input.q})`, trashed].filter(Boolean).join(' and ');
    const list = await ctx.client.get<FileList>('/drive/v3/files', {
      q: q || undefined,
      pageSize: input.limit,
      pageToken,
      // Drive refuses a sort order for full-text searches: those come by relevance.
      orderBy: /fullText/.test(input.q) ? undefined : 'modifiedTime desc',
      fields: `nextPageToken,incompleteSearch,files(${ROW_FIELDS})`,
      corpora: 'allDrives',
      includeItemsFromAllDrives: true,
      ...ALL_DRIVES,
    });
    return {
      data: (list.files ?? []).map(projectFile),
      ...cursorOf(ctx, list.nextPageToken, input.q),
      ...(list.incompleteSearch ? { warnings: ['Drive searched only some of your shared drives; narrow the query to search the rest.'] } : {}),
    };
  },
});
