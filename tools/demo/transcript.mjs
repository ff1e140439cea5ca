// Readable transcript output: headings, indented JSON that stays short, secrets as ***.

const WIDTH = 100;
const MAX_ITEMS = 5;
const MAX_STRING = 160;
const MAX_LINES = 40;

/** Writes lines through `write`, replacing every secret value with `***` on the way out. */
export function createTranscript({ write = (text) => process.stdout.write(text), secrets = [] } = {}) {
  const out = (text = '') => write(`${redact(text, secrets)}\n`);
  return {
    line: out,
    title: (text) => out(`${text}\n${'═'.repeat(Math.min(text.length, WIDTH))}`),
    heading: (text) => out(`\n── ${text}`),
    /** Trimmed JSON after a label: on the same line when it fits, else indented below it. */
    json: (label, value, indent = '   ') => {
      const text = formatJson(value, WIDTH - indent.length - label.length - 1);
      if (!text.includes('\n')) return out(`${indent}${label} ${text}`);
      out(`${indent}${label}`);
      for (const row of text.split('\n')) out(`${indent}  ${row}`);
    },
  };
}

/** Replaces each secret value (of 4+ characters; shorter ones would mangle the text) with `***`. */
export function redact(text, secrets) {
  const hidden = secrets.filter((value) => typeof value === 'string' && value.length >= 4);
  return hidden.reduce((acc, secret) => acc.split(secret).join('***'), text);
}

/** `NAME=value` pairs with secret values as `***`. */
export function describeEnv(env, secretNames) {
  return Object.entries(env).map(([name, value]) => `${name}=${secretNames.includes(name) ? '***' : value}`);
}

/** One vendor request as `GET /v1/tasks?project_id=p → 200`, with a short JSON body when there is one. */
export function describeRequest({ method, path, query, body, status }) {
  const search = new URLSearchParams(query).toString();
  const sent = body === undefined ? '' : ` ${truncate(compact(body), MAX_STRING)}`;
  return `${method} ${path}${search ? `?${search}` : ''}${sent} → ${status}`;
}

/**
 * Pretty JSON that keeps small objects on one line, shows at most a few items of long arrays and
 * cuts long strings and long outputs, so a transcript stays readable.
 */
export function formatJson(value, width = WIDTH) {
  const lines = layout(trim(value), '', width).split('\n');
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`].join('\n');
}

function trim(value) {
  if (typeof value === 'string') return truncate(value, MAX_STRING);
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ITEMS).map(trim);
    return value.length > MAX_ITEMS ? [...head, `… ${value.length - MAX_ITEMS} more`] : head;
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
  return value;
}

function layout(value, indent, width = WIDTH) {
  const flat = compact(value);
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + layout(item, inner, width)).join(',\n')}\n${indent}]`;
  const rows = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${layout(item, inner, width)}`);
  return `{\n${rows.join(',\n')}\n${indent}}`;
}

function compact(value) {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value && typeof value === 'object') {
    const rows = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}: ${compact(item)}`);
    return rows.length ? `{ ${rows.join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'null';
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
