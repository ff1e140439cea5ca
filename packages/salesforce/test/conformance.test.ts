// The conformance suite every connector runs, in the refresh token mode: tokens come from the
// login host (another origin, so faults hit only the org's API) and a 401 is renewed once.
import { describeConnector } from '@connectors/testkit';
import { connector } from '../src/connector.js';
import { API, fixture, FRESH_TOKEN, INSTANCE_URL, LOGIN_URL } from './harness.js';

const ID = '001Hs00002Wk4NtIAJ';

/** The token request: made once per runtime, then cached, so optional for any one tool. */
const tokenReply = {
  method: 'POST' as const,
  origin: LOGIN_URL,
  path: '/services/oauth2/token',
  reply: [200, fixture('oauth-token-refresh')] as const,
  optional: true,
};

describeConnector(connector, {
  env: {
    SALESFORCE_CLIENT_ID: '3MVG9A2kN3Bn17hsWsLDatw._IVMEUBoPKv.7ksp0tz.F6s9bEXAMPLE',
    // A recognisable fake refresh token and secret: they must reach the login host and never any output.
    SALESFORCE_REFRESH_TOKEN: '5Aep861ConformanceCanaryRefresh.7b3e9d',
    SALESFORCE_CLIENT_SECRET: 'E9F8D7C6ConformanceCanarySecret4f2a',
    // The other secrets stay unset, or the mode would be ambiguous.
    SALESFORCE_ACCESS_TOKEN: undefined,
    SALESFORCE_PRIVATE_KEY: undefined,
  },
  baseUrl: INSTANCE_URL,
  canaries: { accessToken: FRESH_TOKEN },
  fixtures: {
    health: [
      tokenReply,
      { path: `${API}/`, reply: [200, fixture('versions-resources')] },
      { path: '/services/oauth2/userinfo', reply: [200, fixture('userinfo')], optional: true },
      { path: `${API}/query`, reply: [200, fixture('query-organization')], optional: true },
    ],
    list_objects: [tokenReply, { path: `${API}/sobjects`, reply: [200, fixture('global-describe')] }],
    describe_object: (input) => [tokenReply, { path: `${API}/sobjects/${input.object}/describe`, reply: [200, fixture('describe-account')] }],
    search_records: [
      tokenReply,
      { path: `${API}/query`, query: (q) => typeof q.q === 'string' && q.q.startsWith('SELECT'), reply: [200, fixture('query-accounts-page2')] },
    ],
    search_text: [tokenReply, { path: `${API}/search`, reply: [200, fixture('search-sosl')] }],
    get_record: (input) => [tokenReply, { path: `${API}/sobjects/${input.object}/${input.id}`, reply: [200, fixture('record-account')] }],
    create_record: [
      tokenReply,
      { method: 'POST', path: `${API}/sobjects/Account`, body: { Name: 'Acme Energy', Industry: 'Energy' }, reply: [201, fixture('create-result')] },
    ],
    update_record: [
      tokenReply,
      { method: 'PATCH', path: `${API}/sobjects/Account/${ID}`, body: { Industry: 'Utilities', NumberOfEmployees: 250 }, reply: [204] },
    ],
    delete_record: [tokenReply, { method: 'DELETE', path: `${API}/sobjects/Account/${ID}`, reply: [204] }],
  },
  invalidInputs: {
    get_record: [
      { object: 'Account', id: '../../oauth2/token' },
      { object: 'Account__r', id: ID },
    ],
    search_records: [{ soql: 'UPDATE Account SET Name = 1' }],
  },
  // The child process has no fixtures: a closed local port makes its token request fail fast.
  bin: { path: new URL('../dist/bin.js', import.meta.url), env: { SALESFORCE_LOGIN_URL: 'http://127.0.0.1:9' } },
});
