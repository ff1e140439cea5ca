// The whole suite, run the way a connector runs it, on a small correct connector with a bin.
import { describeConnector } from '../src/index.js';
import { connector, ECHO_URL } from './fixtures/echo-connector.mjs';

describeConnector(connector, {
  baseUrl: ECHO_URL,
  fixtures: {
    health: { path: '/v1/me', reply: [200, { name: 'Ada' }] },
    get_message: { path: '/v1/messages/m_01', reply: [200, { id: 'm_01', text: 'hello', thread: 't_9' }] },
  },
  bin: { path: new URL('./fixtures/echo-bin.mjs', import.meta.url), env: { ECHO_API_URL: 'http://127.0.0.1:9' } },
});
