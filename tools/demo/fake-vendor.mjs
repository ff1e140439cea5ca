// A tiny vendor API served from a scenario's routes, recording every request it receives.
import { createServer } from 'node:http';

const DEFAULT_UNMATCHED = {
  status: 404,
  body: { error: { type: 'not_found', message: 'No route for {{method}} {{path}}.' } },
};

/**
 * Finds the first route that matches. `path` is exact or has `:name` segments; `query` (optional)
 * lists parameters that must be present with those values, others are ignored.
 * @returns {{ route: object, params: Record<string, string> } | undefined}
 */
export function matchRoute(routes, method, pathname, searchParams = new URLSearchParams()) {
  for (const route of routes) {
    if ((route.method ?? 'GET').toUpperCase() !== method.toUpperCase()) continue;
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    const query = Object.entries(route.query ?? {});
    if (query.every(([key, value]) => searchParams.get(key) === String(value))) return { route, params };
  }
  return undefined;
}

function matchPath(pattern, pathname) {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!got[i]) return undefined;
      params[want[i].slice(1)] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

/**
 * Replaces `{{a.b}}` placeholders in every string of `value` from `vars`. A string that is only a
 * placeholder takes the raw value (arrays, numbers, null); a missing value is null there, '' inline.
 */
export function fillTemplate(value, vars) {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(value);
    if (whole) return lookup(vars, whole[1]) ?? null;
    return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name) => {
      const found = lookup(vars, name);
      return found === undefined || found === null ? '' : typeof found === 'string' ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillTemplate(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillTemplate(item, vars)]));
  }
  return value;
}

function lookup(vars, dotted) {
  return dotted.split('.').reduce((node, key) => (node == null ? undefined : node[key]), vars);
}

/**
 * Starts the fake vendor on 127.0.0.1 with a random port. `headers` go on every response (e.g.
 * rate-limit headers), a route's own `headers` on top; `unmatched` answers requests no route matches.
 * @param {{ routes: object[], headers?: Record<string, string>, unmatched?: { status?: number, body?: unknown, headers?: Record<string, string> } }} scenario
 */
export async function startFakeVendor({ routes, headers: common = {}, unmatched = DEFAULT_UNMATCHED }) {
  /** @type {{ method: string, path: string, query: Record<string, string>, body: unknown, status: number }[]} */
  const requests = [];
  let baseUrl = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const text = await readBody(req);
    const body = parseBody(text);
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname, url.searchParams);
    const reply = match ? match.route : unmatched;
    const vars = {
      baseUrl,
      method: req.method,
      path: url.pathname,
      params: match?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      body,
    };
    const status = reply.status ?? 200;
    requests.push({ method: vars.method ?? 'GET', path: vars.path, query: vars.query, body, status });

    // A string body under a content-type of its own is a file's text (a download), sent as it is.
    const ownType = Object.entries(reply.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const raw = typeof reply.body === 'string' && ownType !== undefined && !/json/i.test(ownType);
    const payload =
      reply.body === undefined || reply.body === null
        ? ''
        : raw
          ? String(fillTemplate(reply.body, vars) ?? '')
          : JSON.stringify(fillTemplate(reply.body, vars));
    const headers = { ...(payload && !raw ? { 'content-type': 'application/json' } : {}), ...common, ...(reply.headers ?? {}) };
    res.writeHead(status, headers);
    res.end(payload);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  baseUrl = `http://127.0.0.1:${server.address().port}`;

  return {
    baseUrl,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text) {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
