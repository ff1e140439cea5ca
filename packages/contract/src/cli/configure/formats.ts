// How each client's file is read and written back so that only our entry changes: JSON (indent and
// line endings kept), JSONC for VS Code (edited in place with jsonc-parser, comments and trailing
// commas kept), and TOML for Codex (smol-toml; our tables replaced in the text, everything else
// left byte for byte). A result that does not read back as intended is refused, not written.
import { isDeepStrictEqual } from 'node:util';
import type { FormattingOptions, ParseError } from 'jsonc-parser';

type Libraries = { toml: typeof import('smol-toml'); jsonc: typeof import('jsonc-parser') };
let libraries: Libraries | undefined;

/**
 * Loads the TOML and JSONC libraries, once: a server start, which never edits a client's file,
 * does not pay for them, and a bundled bin keeps them in a chunk of their own. Every entry point
 * that reads or writes a client's file awaits this first.
 */
export async function loadFormatLibraries(): Promise<void> {
  if (libraries) return;
  const [toml, jsonc] = await Promise.all([import('smol-toml'), import('jsonc-parser')]);
  // jsonc-parser's Node entry is UMD: its functions arrive as the default export there.
  libraries = { toml, jsonc: 'parseTree' in jsonc ? jsonc : (jsonc as unknown as { default: typeof import('jsonc-parser') }).default };
}

function loaded(): Libraries {
  if (!libraries) throw new Error('A client file format was used before loadFormatLibraries().');
  return libraries;
}
export const tomlLibrary = () => loaded().toml;
const jsoncLibrary = () => loaded().jsonc;

/** Thrown when the client's file cannot be merged into safely; nothing is written. */
export class ClientConfigError extends Error {}

export interface ConfigFormat {
  parse(text: string | undefined): Record<string, unknown>;
  /** The file with `merged[key][name]` (and, when `inputs`, `merged.inputs`) written into `original`. */
  write(original: string | undefined, merged: Record<string, unknown>, change: { key: string; name: string; inputs: boolean }): string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function eolOf(original: string | undefined): string {
  return original?.includes('\r\n') ? '\r\n' : '\n';
}

/** Plain JSON: the file's indentation and line endings kept, a newline at the end. */
export const json: ConfigFormat = {
  parse(text) {
    if (text === undefined || text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      // The parser's message quotes the file, which may hold secrets: report only the position.
      const match = /^([^"]*?) in JSON at position (\d+)/.exec((error as Error).message);
      const where = match ? ` at ${lineAndColumn(text, Number(match[2]))}: ${match[1]!.charAt(0).toLowerCase()}${match[1]!.slice(1)}` : '';
      throw new ClientConfigError(`is not valid JSON${where}`);
    }
    if (!isPlainObject(parsed)) throw new ClientConfigError('does not hold a JSON object');
    return parsed;
  },
  write(original, merged) {
    const indent = original ? (/^([ \t]+)"/m.exec(original)?.[1] ?? '  ') : '  ';
    const eol = eolOf(original);
    return JSON.stringify(merged, null, indent).replace(/\n/g, eol) + eol;
  },
};

/** VS Code's mcp.json may have comments and trailing commas: edited in place, they stay. */
export const jsonc: ConfigFormat = {
  parse(text) {
    if (text === undefined || text.trim() === '') return {};
    const { parse, printParseErrorCode } = jsoncLibrary();
    const errors: ParseError[] = [];
    const parsed: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length)
      throw new ClientConfigError(`is not valid JSON with comments at ${lineAndColumn(text, errors[0]!.offset)}: ${printParseErrorCode(errors[0]!.error)}`);
    if (!isPlainObject(parsed)) throw new ClientConfigError('does not hold a JSON object');
    return parsed;
  },
  write(original, merged, change) {
    if (original === undefined || original.trim() === '') return json.write(undefined, merged, change);
    const indent = /^([ \t]+)["/]/m.exec(original)?.[1] ?? '  ';
    const options: FormattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: eolOf(original) };
    const servers = merged[change.key] as Record<string, unknown>;
    let text = put(original, [change.key, change.name], servers[change.name], options);
    if (change.inputs) text = put(text, ['inputs'], merged.inputs, options);
    if (!isDeepStrictEqual(jsonc.parse(text), merged)) throw new ClientConfigError('could not be edited in place without changing more than this server');
    return text;
  },
};

/** Sets one value, then lays out only what changed (from the separator before it to the bracket after it). */
function put(text: string, path: string[], value: unknown, options: FormattingOptions): string {
  const { applyEdits, findNodeAtLocation, format, modify, parseTree } = jsoncLibrary();
  const edited = applyEdits(text, modify(text, path, value, {}));
  const node = findNodeAtLocation(parseTree(edited)!, path)?.parent;
  if (!node) return edited;
  const before = edited.slice(0, node.offset);
  const start = Math.max(before.lastIndexOf(','), before.lastIndexOf('{'), before.lastIndexOf('['));
  const after = edited.slice(node.offset + node.length).search(/\S/);
  const end = node.offset + node.length + (after === -1 ? 0 : after + 1);
  return applyEdits(edited, format(edited, { offset: start, length: end - start }, options));
}

/** smol-toml's tables have no prototype; the merge compares with plain objects. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

/** Values as TOML gives them back (dates, big integers) compared by their text. */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
}

const HEADER = /^[ \t]*\[(?!\[)([^\]\r\n]+)\][ \t]*(#.*)?$/;

/** The key path of a `[table]` header line, as TOML reads it (quoted and dotted keys included). */
function headerPath(line: string): string[] | undefined {
  if (!HEADER.test(line)) return undefined;
  try {
    const path: string[] = [];
    let node: unknown = tomlLibrary().parse(line.replace(/#.*$/, '').trim());
    while (isPlainObject(node) && Object.keys(node).length === 1) {
      const key = Object.keys(node)[0]!;
      path.push(key);
      node = node[key];
    }
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Codex's config.toml: our `[mcp_servers.<id>]` table and its sub-tables are replaced in the text
 * (or added at the end); other tables, comments and blank lines stay exactly as they were.
 */
export const toml: ConfigFormat = {
  parse(text) {
    if (text === undefined || text.trim() === '') return {};
    try {
      return plain(tomlLibrary().parse(text.replace(/^\uFEFF/, ''))) as Record<string, unknown>;
    } catch (error) {
      // TomlError's message quotes the line, which may hold a secret: keep only where.
      const { line, column } = error as { line?: number; column?: number };
      const where = typeof line === 'number' ? ` at line ${line}, column ${column}` : '';
      throw new ClientConfigError(`is not valid TOML${where}`);
    }
  },
  write(original, merged, change) {
    const eol = eolOf(original);
    const servers = merged[change.key] as Record<string, unknown>;
    const ours = tomlLibrary()
      .stringify({ [change.key]: { [change.name]: servers[change.name] } })
      .trim()
      .replace(/\n/g, eol);
    const lines = (original ?? '').split(/\r?\n/);
    const mine = (path: string[] | undefined) => path !== undefined && path[0] === change.key && path[1] === change.name;
    const start = lines.findIndex((line) => mine(headerPath(line)));
    let text: string;
    if (start === -1) {
      const before = original?.trimEnd() ?? '';
      text = `${before}${before ? eol + eol : ''}${ours}${eol}`;
    } else {
      let end = start + 1;
      while (end < lines.length) {
        const path = headerPath(lines[end]!);
        if (path && !mine(path)) break;
        end++;
      }
      // Blank lines and comments right before the next table belong to it.
      while (end > start + 1 && /^[ \t]*(#.*)?$/.test(lines[end - 1]!)) end--;
      text = [...lines.slice(0, start), ours, ...lines.slice(end)].join(eol);
      if (!text.endsWith(eol)) text += eol;
    }
    // Defined some other way (dotted keys, an inline table): refuse rather than write it twice.
    let reread: Record<string, unknown>;
    try {
      reread = toml.parse(text);
    } catch {
      throw new ClientConfigError(
        `defines ${change.key}.${change.name} in a form this command does not edit (not a [${change.key}.${change.name}] table); change it by hand`,
      );
    }
    if (!isDeepStrictEqual(comparable(reread), comparable(merged)))
      throw new ClientConfigError(`could not be edited without changing more than [${change.key}.${change.name}]; change it by hand`);
    return text;
  },
};
