// A vendor that answers every request at once with the fixture's raw JSON, on 127.0.0.1.
import { createServer } from 'node:http';

export async function startStubVendor(body) {
  const payload = JSON.stringify(body);
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
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
export function stubFetch(body) {
  const payload = JSON.stringify(body);
  return async () => new Response(payload, { status: 200, headers: { 'content-type': 'application/json' } });
}
