import { createHash } from 'node:crypto';
import { ConnectorError, inputs, isConnectorError, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { projectRow, ROW_FIELDS, type JiraIssue } from '../projection.js';
import { extraFields, issueRow, text } from '../schemas.js';

interface SearchResults {
  issues?: JiraIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
  names?: Record<string, string>;
}

const cursorState = z.object({ token: z.string().min(1), query: z.string() });
const JQL_HINT = 'Fix the JQL: quote values with spaces ("In Progress"), use fields and values that exist, and bound the query (e.g. project = KEY).';

export const searchIssues = jiraTool({
  action: 'search_issues',
  title: 'Search issues',
  description: 'Find issues with JQL, e.g. `project = PROJ AND statusCategory != Done ORDER BY updated DESC`. Compact rows; fields adds more.',
  toolset: 'issues',
  access: 'read',
  input: z.object({
    jql: text(1, 10_000).describe('JQL, bounded (project, assignee, dates...).'),
    fields: extraFields,
    limit: inputs.limit(10, 100),
    cursor: inputs.cursor(),
  }),
  output: z.array(issueRow),
  examples: [
    { jql: 'project = PROJ AND statusCategory != Done ORDER BY updated DESC' },
    { jql: 'assignee = currentUser() AND resolution = Unresolved', limit: 25, fields: ['duedate'] },
  ],
  handler: async (input, ctx) => {
    const extra = input.fields ?? [];
    // The page token is only valid for the query it came from, so the cursor carries a fingerprint of it.
    const query = createHash('sha256')
      .update(JSON.stringify([input.jql, extra]))
      .digest('base64url')
      .slice(0, 16);
    let token: string | undefined;
    if (input.cursor) {
      const state = ctx.cursor.decode(input.cursor, cursorState);
      if (state.query !== query) {
        throw new ConnectorError('invalid_input', 'cursor belongs to a different query (jql or fields changed).', {
          hint: 'Repeat the same jql and fields with this cursor, or omit cursor to start the new query from its first page.',
        });
      }
      token = state.token;
    }
    const all = extra.find((id) => id.startsWith('*'));
    const fields = all ? [all] : [...new Set([...ROW_FIELDS, ...extra])];
    const names = all !== undefined || extra.some((id) => id.startsWith('customfield_'));
    const { data } = await ctx.client
      .request<SearchResults>({
        method: 'POST',
        path: '/rest/api/3/search/jql',
        json: {
          jql: input.jql,
          maxResults: input.limit,
          fields,
          ...(names ? { expand: 'names' } : {}),
          ...(token ? { nextPageToken: token } : {}),
        },
        // A search changes nothing, so it is safe to repeat after a failure.
        idempotent: true,
      })
      .catch((error: unknown) => {
        // Here a 400 is always about the query ("The value 'X' does not exist for the field 'project'").
        if (isConnectorError(error) && error.status === 400) {
          throw new ConnectorError('invalid_input', error.message, { status: 400, vendorCode: 'jql_invalid', hint: JQL_HINT });
        }
        throw error;
      });
    const issues = data.issues ?? [];
    return {
      data: issues.map((issue) => projectRow(data.names ? { ...issue, names: data.names } : issue, extra)),
      ...(data.nextPageToken && data.isLast !== true ? { nextCursor: ctx.cursor.encode({ token: data.nextPageToken, query }) } : {}),
    };
  },
});
