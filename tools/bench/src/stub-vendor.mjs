// A vendor that answers every request at once with the fixture's raw JSON, on 127.0.0.1. A fixture
// with `reply(body)` answers by the request body instead (a hosted MCP server answers JSON-RPC).
import { createServer } from 'node:http';

function answerer(fixture) {
  const payload = JSON.stringify(fixture.rawBody);
  return fixture.reply ? (body) => JSON.stringify(fixture.reply(body)) : () => payload;
}

export async function startStubVendor(fixture) {
  const answer = answerer(fixture);
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer(Buffer.concat(chunks).toString('utf8'))));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get requests() {
      return requests;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The same answer as a fetch function, for in-process measurements without sockets. */
export function stubFetch(fixture) {
  const answer = answerer(fixture);
  return async (_url, init) =>
    new Response(answer(typeof init?.body === 'string' ? init.body : ''), { status: 200, headers: { 'content-type': 'application/json' } });
}
