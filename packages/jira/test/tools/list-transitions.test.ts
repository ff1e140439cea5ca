import { useFakeVendor } from '@connectors/testkit';
import { describe, expect, it } from 'vitest';
import { call, expectError, expectJiraHeaders, expectOk, fixture, tool, vendor } from '../harness.js';

useFakeVendor();
const PATH = '/rest/api/3/issue/PROJ-123/transitions';

describe('jira_list_transitions', () => {
  const name = tool('list_transitions');

  it('GETs the transitions with their screen fields and says which fields each one requires', async () => {
    const { scope, sent } = vendor();
    scope.get(PATH).query({ expand: 'transitions.fields' }).reply(200, fixture('transitions'));

    const envelope = expectOk(await call(name, { issueKey: 'PROJ-123' }));

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: PATH, query: { expand: 'transitions.fields' } });
    expectJiraHeaders(sent[0]);
    expect(envelope.data).toEqual([
      { id: '11', name: 'To Do', to: 'To Do', toCategory: 'To Do' },
      { id: '21', name: 'Start progress', to: 'In Progress', toCategory: 'In Progress' },
      { id: '31', name: 'Done', to: 'Done', toCategory: 'Done', requiredFields: ['resolution'] },
      { id: '41', name: 'Close as duplicate', to: 'Done', toCategory: 'Done' },
    ]);
  });

  it('maps 404 to not_found and rejects bad keys without calling Jira', async () => {
    const { scope, sent } = vendor();
    scope.get('/rest/api/3/issue/PROJ-999/transitions').query(true).reply(404, fixture('error-not-found'));
    expectError(await call(name, { issueKey: 'PROJ-999' }), 'not_found');
    expectError(await call(name, { issueKey: 'PROJ-1?x=1' }), 'invalid_input');
    expect(sent).toHaveLength(1);
  });
});
