// MCP Inspector's --strict warned on our schemas: `type` as an array (`["string", "null"]`), which
// single-type schema dialects (Gemini's function declarations among them) reject, and empty `{}`
// schemas. Every tool of every connector, as its checked-in snapshot shows it (tools/list), is
// held to that here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const folders = [...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)), join(root, 'templates', 'connector')].filter((dir) =>
  existsSync(join(dir, 'toolsnaps')),
);

const ONE_SCHEMA = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'];
const MANY_SCHEMAS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const NAMED_SCHEMAS = ['properties', 'patternProperties', '$defs', 'definitions'];

/** Where a schema breaks the rules, walking schema positions only (not the values of `default` or `const`). */
function findings(schema: unknown, path: string, out: string[]): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return out;
  const node = schema as Record<string, unknown>;
  if (Object.keys(node).length === 0) out.push(`${path}: empty schema {}`);
  if (Array.isArray(node.type)) out.push(`${path}: type is an array (${JSON.stringify(node.type)})`);
  for (const [key, value] of Object.entries(node)) {
    if (ONE_SCHEMA.includes(key)) findings(value, `${path}.${key}`, out);
    if (MANY_SCHEMAS.includes(key) && Array.isArray(value)) for (const [i, item] of value.entries()) findings(item, `${path}.${key}[${i}]`, out);
    if (NAMED_SCHEMAS.includes(key) && value && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) findings(item, `${path}.${key}.${name}`, out);
    }
  }
  return out;
}

describe('tool schemas every client reads', () => {
  it('finds the snapshots of every connector', () => {
    expect(folders.length).toBeGreaterThanOrEqual(7);
  });

  for (const folder of folders) {
    it(`${folder.slice(root.length)}: no type arrays and no empty schemas`, () => {
      const problems: string[] = [];
      for (const file of readdirSync(join(folder, 'toolsnaps'))) {
        const snap = JSON.parse(readFileSync(join(folder, 'toolsnaps', file), 'utf8')) as { name: string; inputSchema: unknown; outputSchema: unknown };
        findings(snap.inputSchema, `${snap.name} input`, problems);
        findings(snap.outputSchema, `${snap.name} output`, problems);
      }
      expect(problems).toEqual([]);
    });
  }

  it('catches what it is for', () => {
    const bad = { type: 'object', properties: { a: { type: ['string', 'null'] }, b: {} }, additionalProperties: {} };
    expect(findings(bad, 't', []).sort()).toEqual([
      't.additionalProperties: empty schema {}',
      't.properties.a: type is an array (["string","null"])',
      't.properties.b: empty schema {}',
    ]);
  });
});
