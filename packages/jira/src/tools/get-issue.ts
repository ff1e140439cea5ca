import { inputs, urlPath, z } from '@connectors/contract';
import { jiraTool } from '../client.js';
import { DETAIL_FIELDS, projectDetail, SECTIONS, type JiraIssue, type Section } from '../projection.js';
import { extraFields, issueDetail, issueKey } from '../schemas.js';

const sectionNames = Object.keys(SECTIONS) as [Section, ...Section[]];

export const getIssue = jiraTool({
  action: 'get_issue',
  title: 'Get issue',
  description: 'Read an issue: status, people, dates, labels, parent, description as Markdown; fields and expand add more.',
  toolset: 'issues',
  access: 'read',
  input: z.object({
    issueKey,
    fields: extraFields,
    expand: inputs.expand(sectionNames),
  }),
  output: issueDetail,
  examples: [{ issueKey: 'PROJ-123' }, { issueKey: 'PROJ-123', expand: ['comments', 'links'], fields: ['customfield_10016'] }],
  handler: async (input, ctx) => {
    // inputs.expand types its items as string; they are Section names by construction.
    const sections = (input.expand ?? []) as Section[];
    const extra = input.fields ?? [];
    const all = extra.find((id) => id.startsWith('*'));
    const wanted = all ? [all] : [...new Set([...DETAIL_FIELDS, ...sections.flatMap((s) => fieldOf(s)), ...extra])];
    const expand = [...new Set([...sections.flatMap((s) => expandOf(s)), ...(all || extra.some((id) => id.startsWith('customfield_')) ? ['names'] : [])])];
    const [issue, site] = await Promise.all([
      ctx.client.get<JiraIssue>(urlPath`/rest/api/3/issue/${input.issueKey}`, {
        fields: wanted.join(','),
        ...(expand.length ? { expand: expand.join(',') } : {}),
      }),
      ctx.client.siteInfo(),
    ]);
    return { data: projectDetail(issue, { extra, sections, ...(site.url ? { siteUrl: site.url } : {}) }) };
  },
});

function fieldOf(section: Section): string[] {
  const field = SECTIONS[section].field;
  return field ? [field] : [];
}

function expandOf(section: Section): string[] {
  const expand = SECTIONS[section].expand;
  return expand ? [expand] : [];
}
