// The public API, entry by entry: every name each subpath exports, checked in under api/. A new or
// removed export fails here until api/<entry>.txt is updated (UPDATE_API=1 rewrites the files),
// so widening the API is a decision a review sees.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['index', 'server', 'state', 'oauth', 'clients', 'build'];
const root = fileURLToPath(new URL('..', import.meta.url));

function exportsOf(program: ts.Program, entry: string): string[] {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(`${root}src/${entry}.ts`);
  if (!file) throw new Error(`src/${entry}.ts is not in the program`);
  const symbol = checker.getSymbolAtLocation(file);
  if (!symbol) return [];
  return checker
    .getExportsOfModule(symbol)
    .map((exported) => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
      return `${exported.name}${isValue ? '' : ' (type)'}`;
    })
    .sort();
}

describe('public API', () => {
  const program = ts.createProgram(
    ENTRIES.map((entry) => `${root}src/${entry}.ts`),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
  for (const entry of ENTRIES) {
    it(`${entry === 'index' ? '@connectors/contract' : `@connectors/contract/${entry}`} exports what api/${entry}.txt lists`, () => {
      const file = `${root}api/${entry}.txt`;
      const actual = `${exportsOf(program, entry).join('\n')}\n`;
      if (process.env.UPDATE_API === '1') writeFileSync(file, actual);
      expect(actual, `api/${entry}.txt is out of date: run UPDATE_API=1 npx vitest run test/api.test.ts in packages/contract`).toBe(readFileSync(file, 'utf8'));
    });
  }
});
