import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VendorRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A real HTTP vendor for the fixture connector, for tests where the connector runs in another
 * process (nock cannot reach it there). Records every request it is sent.
 */
export async function startVendor(options: { postDelayMs?: number } = {}) {
  const requests: VendorRequest[] = [];
  let created = 0;
  const server = createServer(async (req, res) => {
    const body = await read(req);
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const item = /^\/items\/([^/]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && req.url === '/me') return json(200, { name: 'Fixture user' });
    if (req.method === 'GET' && item) {
      if (item[1] === 'missing') return json(404, { message: 'No such item.' });
      return json(200, { id: decodeURIComponent(item[1]!), name: `Item ${decodeURIComponent(item[1]!)}`, secretField: 'unprojected' });
    }
    if (req.method === 'POST' && req.url === '/items' && options.postDelayMs) await new Promise((resolve) => setTimeout(resolve, options.postDelayMs));
    if (req.method === 'POST' && req.url === '/items') return json(201, { id: `i${++created}`, name: (JSON.parse(body) as { name: string }).name });
    json(404, { message: 'no route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
