import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardStdin } from '../src/server/stdio-guard.js';

async function run(chunks: (string | Buffer)[]) {
  const replies: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  const out: string[] = [];
  const guard = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).pipe(
    guardStdin(
      (m) => replies.push(m),
      (w) => warnings.push(w),
    ),
  );
  for await (const chunk of guard) out.push(String(chunk));
  return { passed: out.join(''), replies, warnings };
}

describe('guardStdin', () => {
  it('passes valid lines through whole, even when split across chunks, and drops CRs', async () => {
    const line = '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"q":"é"}}';
    const bytes = Buffer.from(`${line}\r\n`);
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte é
    const { passed, replies, warnings } = await run([bytes.subarray(0, 10), bytes.subarray(10, cut), bytes.subarray(cut)]);
    expect(passed).toBe(`${line}\n`);
    expect(replies).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('answers an invalid message with an id, logs the rest, and keeps both from the SDK', async () => {
    const { passed, replies, warnings } = await run([
      'not json\n{"jsonrpc":"2.0","id":3}\n{"jsonrpc":"2.0","method":"x"}\n{"id":4,"method":"y"}\n',
      '[{"jsonrpc":"2.0","id":5,"method":"z"}]\n{"jsonrpc":"2.0","id":6,"result":{}}',
    ]);
    expect(passed).toBe('{"jsonrpc":"2.0","method":"x"}\n[{"jsonrpc":"2.0","id":5,"method":"z"}]\n{"jsonrpc":"2.0","id":6,"result":{}}\n');
    expect(replies).toEqual([
      { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'Invalid Request: no method, result or error' } },
      { jsonrpc: '2.0', id: 4, error: { code: -32600, message: 'Invalid Request: jsonrpc must be "2.0"' } },
    ]);
    expect(warnings).toEqual([
      'stdio: ignored a line that is not JSON',
      'stdio: ignored an invalid JSON-RPC message (no method, result or error)',
      'stdio: ignored an invalid JSON-RPC message (jsonrpc must be "2.0")',
    ]);
  });

  it('answers a line over the cap with -32600 when its id shows, skips it, and reads the next line', async () => {
    const big = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"arguments":{"text":"${'x'.repeat(300)}"}}}`;
    const next = '{"jsonrpc":"2.0","id":8,"method":"tools/list"}';
    const replies: Record<string, unknown>[] = [];
    const warnings: string[] = [];
    const chunks = [big.slice(0, 50), big.slice(50, 200), `${big.slice(200)}\n${next}\n`];
    const guard = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(
      guardStdin(
        (m) => replies.push(m),
        (w) => warnings.push(w),
        100,
      ),
    );
    const out: string[] = [];
    for await (const chunk of guard) out.push(String(chunk));
    expect(out.join('')).toBe(`${next}\n`);
    expect(replies).toEqual([{ jsonrpc: '2.0', id: 7, error: { code: -32600, message: 'Invalid Request: messages over 100 characters are not read' } }]);
    expect(warnings).toEqual(['stdio: ignored a message over 100 characters']);
  });

  it('reads a 40 MB line in small chunks without holding it (answered, not passed on)', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks: Buffer[] = [Buffer.from('{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"x":"')];
    for (let i = 0; i < 640; i++) chunks.push(chunk);
    chunks.push(Buffer.from('"}}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n'));
    const { passed, replies } = await run(chunks);
    expect(passed).toBe('{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
    expect(replies).toEqual([expect.objectContaining({ id: 'big', error: expect.objectContaining({ code: -32600 }) })]);
  });

  it('answers broken JSON with -32700 when the id can still be read, and stays silent when it cannot', async () => {
    const { replies } = await run(['{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{\n', '{"jsonrpc":"2.0","method":\n']);
    expect(replies).toEqual([{ jsonrpc: '2.0', id: 9, error: { code: -32700, message: 'Parse error' } }]);
  });
});
