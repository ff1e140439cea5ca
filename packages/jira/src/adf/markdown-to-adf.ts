/**
 * Markdown to Atlassian Document Format (ADF), for writing descriptions and comments.
 *
 * A CommonMark-flavoured subset that covers what people and models write: ATX and setext
 * headings, paragraphs, **strong**, *em* or _em_, ~~strike~~, `code`, fenced code blocks with a
 * language, [links](url), <autolinks> and bare URLs, bullet/ordered/task lists with nesting,
 * blockquotes (`> [!INFO]` makes a panel), GFM tables, rules, mentions (`[@Name](mention:<accountId>)`
 * or Jira's `[~accountid:<id>]`) and hard breaks. A single newline inside a paragraph is a hard
 * break, as in Jira's editor. Anything else stays literal text: nothing is dropped. The result
 * only uses node and mark combinations that Jira accepts (e.g. no heading inside a list item).
 */
import { randomUUID } from 'node:crypto';
import type { AdfDoc, AdfMark, AdfNode } from './adf-to-markdown.js';

export function markdownToAdf(markdown: string): AdfDoc {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '    ')));
  return { type: 'doc', version: 1, content: parseBlocks(lines) };
}

// ---- blocks ----

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`]*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const BULLET = /^( *)([-+*])(?:( +)(.*))?$/;
const ORDERED = /^( *)(\d{1,9})([.)])(?:( +)(.*))?$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

interface ListMarker {
  indent: number;
  ordered: boolean;
  start: number;
  /** Column where the item's content starts. */
  offset: number;
  rest: string;
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';
const indentOf = (line: string) => /^ */.exec(line)![0].length;

function listMarker(line: string): ListMarker | undefined {
  const bullet = BULLET.exec(line);
  if (bullet) {
    const [, lead, , spaces = '', rest = ''] = bullet;
    const gap = rest === '' ? 1 : spaces.length > 4 ? 1 : spaces.length;
    return { indent: lead!.length, ordered: false, start: 1, offset: lead!.length + 1 + gap, rest: spaces.length > 4 ? spaces.slice(1) + rest : rest };
  }
  const ordered = ORDERED.exec(line);
  if (ordered) {
    const [, lead, digits, , spaces = '', rest = ''] = ordered;
    if (rest === '' && spaces === '' && line.length > lead!.length + digits!.length + 1) return undefined;
    const gap = rest === '' ? 1 : spaces.length > 4 ? 1 : spaces.length;
    return {
      indent: lead!.length,
      ordered: true,
      start: Number(digits),
      offset: lead!.length + digits!.length + 1 + gap,
      rest: spaces.length > 4 ? spaces.slice(1) + rest : rest,
    };
  }
  return undefined;
}

function isTableStart(lines: string[], i: number): boolean {
  const head = lines[i];
  const delimiter = lines[i + 1];
  if (head === undefined || delimiter === undefined || !head.includes('|') || !TABLE_DELIMITER.test(delimiter)) return false;
  return splitRow(head).length === splitRow(delimiter).length;
}

/** Whether a line ends a paragraph by starting another block. */
function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (indentOf(line) > 3) return false;
  const marker = listMarker(line);
  return (
    FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || (marker !== undefined && marker.rest.trim() !== '') || isTableStart(lines, i)
  );
}

function parseBlocks(lines: string[]): AdfNode[] {
  const blocks: AdfNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
      const [, indent, ticks, info] = fence;
      const code: string[] = [];
      i++;
      while (i < lines.length) {
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[i]!);
        if (close && close[1]![0] === ticks![0] && close[1]!.length >= ticks!.length) {
          i++;
          break;
        }
        code.push(lines[i]!.replace(new RegExp(`^ {0,${indent!.length}}`), ''));
        i++;
      }
      blocks.push(codeBlock(code.join('\n'), info!.trim().split(/\s+/)[0] ?? ''));
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      blocks.push(heading(atx[1]!.length, atx[2] ?? ''));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) {
        inner.push(lines[i]!.replace(/^ {0,3}> ?/, ''));
        i++;
      }
      blocks.push(quoteOrPanel(inner));
      continue;
    }
    if (isTableStart(lines, i)) {
      const rows = [lines[i]!];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]) && lines[i]!.includes('|')) rows.push(lines[i++]!);
      blocks.push(table(rows));
      continue;
    }
    if (listMarker(line)) {
      const parsed = parseList(lines, i);
      blocks.push(parsed.node);
      i = parsed.next;
      continue;
    }
    // Paragraph, possibly a setext heading.
    const text: string[] = [line.trim()];
    i++;
    let level = 0;
    while (i < lines.length && !isBlank(lines[i])) {
      const next = lines[i]!;
      if (/^ {0,3}=+[ \t]*$/.test(next)) {
        level = 1;
        i++;
        break;
      }
      if (/^ {0,3}-+[ \t]*$/.test(next)) {
        level = 2;
        i++;
        break;
      }
      if (startsBlock(lines, i)) break;
      text.push(next.trim());
      i++;
    }
    blocks.push(level ? heading(level, text.join(' ')) : paragraph(text.join('\n')));
  }
  return blocks;
}

function parseList(lines: string[], start: number): { node: AdfNode; next: number } {
  const first = listMarker(lines[start]!)!;
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const marker = listMarker(lines[i]!);
    if (!marker || marker.ordered !== first.ordered || marker.indent >= first.offset) break;
    const body = [marker.rest];
    // Lenient nesting: anything indented at least two columns past the marker belongs to the item.
    const inside = Math.min(marker.offset, marker.indent + 2);
    i++;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        let j = i;
        while (j < lines.length && isBlank(lines[j])) j++;
        if (j < lines.length && indentOf(lines[j]!) >= inside) {
          for (; i < j; i++) body.push('');
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      if (indent >= inside) {
        body.push(line.slice(Math.min(indent, marker.offset)));
        i++;
        continue;
      }
      if (listMarker(line) || startsBlock(lines, i)) break;
      if (isBlank(body[body.length - 1])) break;
      body.push(line.trim()); // lazy paragraph continuation
      i++;
    }
    items.push(body);
    let j = i;
    while (j < lines.length && isBlank(lines[j])) j++;
    const sibling = j < lines.length ? listMarker(lines[j]!) : undefined;
    if (!sibling || sibling.ordered !== first.ordered || sibling.indent >= first.offset) break;
    i = j;
  }

  const parsed = items.map((body) => parseBlocks(body));
  const task = !first.ordered && items.every((body, k) => /^\[[ xX]\](?:\s|$)/.test(body[0]!) && parsed[k]!.length === 1);
  if (task) {
    return {
      node: {
        type: 'taskList',
        attrs: { localId: randomUUID() },
        content: items.map((body) => ({
          type: 'taskItem',
          attrs: { localId: randomUUID(), state: /^\[[xX]\]/.test(body[0]!) ? 'DONE' : 'TODO' },
          content: parseInline(
            body
              .join('\n')
              .replace(/^\[[ xX]\]\s?/, '')
              .trim(),
          ),
        })),
      },
      next: i,
    };
  }
  const listItems = parsed.map((blocks) => ({ type: 'listItem', content: listItemContent(blocks) }));
  const node: AdfNode = first.ordered
    ? { type: 'orderedList', ...(first.start !== 1 ? { attrs: { order: first.start } } : {}), content: listItems }
    : { type: 'bulletList', content: listItems };
  return { node, next: i };
}

/** Jira accepts paragraphs, lists and code in a list item, and wants a paragraph first. */
function listItemContent(blocks: AdfNode[]): AdfNode[] {
  const allowed = new Set(['paragraph', 'bulletList', 'orderedList', 'taskList', 'codeBlock', 'mediaSingle']);
  const content = blocks.flatMap((block) => (allowed.has(block.type) ? [block] : flattenToParagraphs(block)));
  if (content[0]?.type !== 'paragraph' && content[0]?.type !== 'codeBlock') content.unshift({ type: 'paragraph' });
  return content;
}

/** Blocks a container cannot hold become paragraphs of the same text (headings keep their weight as strong). */
function flattenToParagraphs(block: AdfNode): AdfNode[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'paragraph', content: (block.content ?? []).map((node) => (node.type === 'text' ? addMark(node, { type: 'strong' }) : node)) }];
    case 'blockquote':
    case 'panel':
      return (block.content ?? []).flatMap((child) => (child.type === 'paragraph' ? [child] : flattenToParagraphs(child)));
    case 'rule':
      return [paragraph('---')];
    case 'table':
      return (block.content ?? []).map((row) => ({
        type: 'paragraph',
        content: joinInline(
          (row.content ?? []).map((cell) => (cell.content ?? []).flatMap((p) => p.content ?? [])),
          ' | ',
        ),
      }));
    default:
      return [block];
  }
}

function joinInline(parts: AdfNode[][], separator: string): AdfNode[] {
  const out: AdfNode[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push({ type: 'text', text: separator });
    out.push(...part);
  });
  return mergeText(out);
}

const PANEL_TYPES: Record<string, string> = {
  INFO: 'info',
  NOTE: 'note',
  WARNING: 'warning',
  SUCCESS: 'success',
  ERROR: 'error',
  TIP: 'success',
  IMPORTANT: 'info',
  CAUTION: 'error',
};

function quoteOrPanel(inner: string[]): AdfNode {
  const marker = /^\s*\[!([A-Za-z]+)\]\s*(.*)$/.exec(inner[0] ?? '');
  const panelType = marker ? PANEL_TYPES[marker[1]!.toUpperCase()] : undefined;
  if (marker && panelType) {
    const rest = marker[2] ? [marker[2], ...inner.slice(1)] : inner.slice(1);
    const allowed = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'taskList', 'codeBlock', 'rule', 'mediaSingle']);
    const content = parseBlocks(rest).flatMap((block) => (allowed.has(block.type) ? [block] : flattenToParagraphs(block)));
    return { type: 'panel', attrs: { panelType }, content: content.length ? content : [{ type: 'paragraph' }] };
  }
  const allowed = new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaSingle']);
  const content = parseBlocks(inner).flatMap((block) => (allowed.has(block.type) ? [block] : flattenToParagraphs(block)));
  return { type: 'blockquote', content: content.length ? content : [{ type: 'paragraph' }] };
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') {
      current += '|';
      i++;
    } else if (row[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else current += row[i];
  }
  cells.push(current.trim());
  return cells;
}

function table(rows: string[]): AdfNode {
  const width = splitRow(rows[0]!).length;
  return {
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: rows.map((row, r) => {
      const cells = splitRow(row);
      return {
        type: 'tableRow',
        content: Array.from({ length: width }, (_, c) => {
          const inline = parseInline((cells[c] ?? '').replace(/<br\s*\/?>/gi, '\n'));
          return {
            type: r === 0 ? 'tableHeader' : 'tableCell',
            attrs: {},
            content: [inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' }],
          };
        }),
      };
    }),
  };
}

function heading(level: number, text: string): AdfNode {
  const content = parseInline(text.trim()).map((node) => (node.type === 'hardBreak' ? { type: 'text', text: ' ' } : node));
  return { type: 'heading', attrs: { level }, ...(content.length ? { content: mergeText(content) } : {}) };
}

function paragraph(text: string): AdfNode {
  const content = parseInline(text);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function codeBlock(code: string, language: string): AdfNode {
  return {
    type: 'codeBlock',
    ...(language ? { attrs: { language } } : {}),
    ...(code ? { content: [{ type: 'text', text: code }] } : {}),
  };
}

// ---- inline ----

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'delim'; char: '*' | '_' | '~'; count: number; length: number; canOpen: boolean; canClose: boolean }
  | { kind: 'node'; node: AdfNode; code?: boolean }
  | { kind: 'link'; href: string; label: string; literal?: boolean };

interface Span {
  from: number;
  to: number;
  mark: AdfMark;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** Inline Markdown to ADF inline nodes (text with marks, mentions, hard breaks). */
export function parseInline(source: string): AdfNode[] {
  const tokens = tokenize(source);
  const spans = matchEmphasis(tokens);
  const nodes: AdfNode[] = [];
  tokens.forEach((token, index) => {
    const marks = spans.filter((span) => span.from < index && index < span.to).map((span) => span.mark);
    switch (token.kind) {
      case 'text':
        if (token.text) nodes.push(withMarks({ type: 'text', text: token.text }, marks));
        break;
      case 'delim':
        if (token.count > 0) nodes.push(withMarks({ type: 'text', text: token.char.repeat(token.count) }, marks));
        break;
      case 'node':
        nodes.push(
          token.code
            ? withMarks(
                token.node,
                marks.filter((mark) => mark.type === 'link'),
              )
            : token.node.type === 'text'
              ? withMarks(token.node, marks)
              : token.node,
        );
        break;
      case 'link': {
        if (token.href.startsWith('mention:')) {
          nodes.push(mention(token.href.slice('mention:'.length), token.label));
          break;
        }
        // An empty label would make the link vanish; the URL stands in for it.
        const inner = token.literal || !token.label.trim() ? [{ type: 'text', text: token.label.trim() || token.href }] : parseInline(token.label);
        for (const node of inner) {
          if (node.type !== 'text') nodes.push(node);
          else nodes.push(withMarks(addMark(node, { type: 'link', attrs: { href: token.href } }), marks));
        }
        break;
      }
    }
  });
  return mergeText(trimBreaks(nodes));
}

function mention(id: string, label: string): AdfNode {
  const name = label.replace(/^@/, '').trim();
  // Without a name Jira fills in the person's current display name.
  return { type: 'mention', attrs: { id, ...(name ? { text: `@${name}` } : {}), accessLevel: '' } };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const rest = source.slice(i);

    if (ch === '\\') {
      const next = source[i + 1];
      if (next === '\n') {
        flush();
        tokens.push({ kind: 'node', node: { type: 'hardBreak' } });
        i += 2;
        continue;
      }
      if (next !== undefined && ESCAPABLE.test(next)) {
        text += next;
        i += 2;
        continue;
      }
      text += ch;
      i++;
      continue;
    }

    if (ch === '\n') {
      text = text.replace(/ +$/, '');
      flush();
      tokens.push({ kind: 'node', node: { type: 'hardBreak' } });
      i++;
      while (source[i] === ' ') i++;
      continue;
    }

    if (ch === '`') {
      const run = /^`+/.exec(rest)![0];
      const close = findClosingTicks(source, i + run.length, run.length);
      if (close === -1) {
        text += run;
        i += run.length;
        continue;
      }
      let code = source.slice(i + run.length, close).replace(/\n/g, ' ');
      if (/^ .*[^ ].* $/.test(code) || /^ [^ ] $/.test(code)) code = code.slice(1, -1);
      flush();
      if (code) tokens.push({ kind: 'node', node: { type: 'text', text: code, marks: [{ type: 'code' }] }, code: true });
      i = close + run.length;
      continue;
    }

    if (/^<br\s*\/?>/i.test(rest)) {
      flush();
      tokens.push({ kind: 'node', node: { type: 'hardBreak' } });
      i += /^<br\s*\/?>/i.exec(rest)![0].length;
      continue;
    }

    if (ch === '<') {
      const auto = /^<((?:https?|mailto|ftp):[^\s<>]+)>/i.exec(rest);
      if (auto) {
        flush();
        tokens.push({ kind: 'link', href: auto[1]!, label: auto[1]!, literal: true });
        i += auto[0].length;
        continue;
      }
    }

    if (ch === '[' && rest.startsWith('[~accountid:')) {
      const match = /^\[~accountid:([A-Za-z0-9:_-]{1,128})\]/.exec(rest);
      if (match) {
        flush();
        tokens.push({ kind: 'node', node: mention(match[1]!, '') });
        i += match[0].length;
        continue;
      }
    }

    if (ch === '[' || (ch === '!' && source[i + 1] === '[')) {
      const image = ch === '!';
      const link = parseLink(source, image ? i + 1 : i);
      if (link) {
        flush();
        const label = image ? link.label || 'image' : link.label;
        tokens.push({ kind: 'link', href: link.href, label });
        i = link.end;
        continue;
      }
    }

    if ((ch === 'h' || ch === 'H') && /^https?:\/\//i.test(rest) && !/[\p{L}\p{N}]/u.test(source[i - 1] ?? ' ')) {
      const url = bareUrlAt(rest);
      if (url) {
        flush();
        tokens.push({ kind: 'link', href: url, label: url, literal: true });
        i += url.length;
        continue;
      }
    }

    if (ch === '*' || ch === '_' || ch === '~') {
      const run = ch === '*' ? /^\*+/.exec(rest)![0] : ch === '_' ? /^_+/.exec(rest)![0] : /^~+/.exec(rest)![0];
      if (ch === '~' && run.length !== 2) {
        text += run;
        i += run.length;
        continue;
      }
      const before = source[i - 1] ?? '\n';
      const after = source[i + run.length] ?? '\n';
      const afterSpace = WHITESPACE.test(after);
      const beforeSpace = WHITESPACE.test(before);
      const afterPunct = PUNCTUATION.test(after);
      const beforePunct = PUNCTUATION.test(before);
      const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
      const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
      flush();
      tokens.push({
        kind: 'delim',
        char: ch,
        count: run.length,
        length: run.length,
        canOpen: ch === '_' ? left && (!right || beforePunct) : left,
        canClose: ch === '_' ? right && (!left || afterPunct) : right,
      });
      i += run.length;
      continue;
    }

    text += ch;
    i++;
  }
  flush();
  return tokens;
}

function findClosingTicks(source: string, from: number, length: number): number {
  let i = from;
  while (i < source.length) {
    const next = source.indexOf('`', i);
    if (next === -1) return -1;
    const run = /^`+/.exec(source.slice(next))![0].length;
    if (run === length) return next;
    i = next + run;
  }
  return -1;
}

/** `[label](href "title")` starting at `start`, with balanced brackets in the label and parentheses in the href. */
function parseLink(source: string, start: number): { label: string; href: string; end: number } | undefined {
  let depth = 0;
  let i = start;
  for (; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(source.slice(i))![0].length;
      const close = findClosingTicks(source, i + run, run);
      if (close !== -1) i = close + run - 1;
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) break;
  }
  if (depth !== 0 || source[i + 1] !== '(') return undefined;
  const label = source.slice(start + 1, i);
  let j = i + 2;
  while (source[j] === ' ') j++;
  let href = '';
  if (source[j] === '<') {
    const close = source.indexOf('>', j);
    if (close === -1) return undefined;
    href = source.slice(j + 1, close);
    j = close + 1;
  } else {
    let parens = 0;
    for (; j < source.length; j++) {
      const ch = source[j]!;
      if (ch === '\\' && ESCAPABLE.test(source[j + 1] ?? '')) {
        href += source[++j];
        continue;
      }
      if (WHITESPACE.test(ch)) break;
      if (ch === '(') parens++;
      if (ch === ')') {
        if (parens === 0) break;
        parens--;
      }
      href += ch;
    }
  }
  while (source[j] === ' ') j++;
  const title = /^(?:"[^"]*"|'[^']*'|\([^)]*\))/.exec(source.slice(j));
  if (title) j += title[0].length;
  while (source[j] === ' ') j++;
  if (source[j] !== ')') return undefined;
  return { label, href: href.trim(), end: j + 1 };
}

/** A bare URL, without trailing punctuation or an unbalanced closing parenthesis. */
function bareUrlAt(text: string): string | undefined {
  let url = /^https?:\/\/[^\s<>]+/i.exec(text)?.[0];
  if (!url) return undefined;
  for (;;) {
    const last = url.at(-1)!;
    if (/[.,;:!?'"*_~]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    else break;
  }
  return /^https?:\/\/./i.test(url) ? url : undefined;
}

/** CommonMark's emphasis matching, simplified: returns the spans each mark covers (token indices, exclusive). */
function matchEmphasis(tokens: Token[]): Span[] {
  const spans: Span[] = [];
  for (let closer = 0; closer < tokens.length; closer++) {
    const close = tokens[closer]!;
    if (close.kind !== 'delim' || !close.canClose) continue;
    while (close.count > 0) {
      let opener = -1;
      for (let k = closer - 1; k >= 0; k--) {
        const open = tokens[k]!;
        if (open.kind !== 'delim' || open.char !== close.char || !open.canOpen || open.count === 0) continue;
        if (close.char === '~' && (open.count < 2 || close.count < 2)) continue;
        const oddMatch = (open.canClose || close.canOpen) && (open.length + close.length) % 3 === 0 && !(open.length % 3 === 0 && close.length % 3 === 0);
        if (close.char !== '~' && oddMatch) continue;
        opener = k;
        break;
      }
      if (opener === -1) break;
      const open = tokens[opener] as Extract<Token, { kind: 'delim' }>;
      const use = close.char === '~' ? 2 : open.count >= 2 && close.count >= 2 ? 2 : 1;
      const type = close.char === '~' ? 'strike' : use === 2 ? 'strong' : 'em';
      spans.push({ from: opener, to: closer, mark: { type } });
      open.count -= use;
      close.count -= use;
      // Delimiters inside a matched pair can no longer match outside it.
      for (let k = opener + 1; k < closer; k++) {
        const inner = tokens[k]!;
        if (inner.kind === 'delim') inner.canOpen = inner.canClose = false;
      }
    }
  }
  return spans;
}

const MARK_RANK = ['link', 'strong', 'em', 'strike', 'code'];

function withMarks(node: AdfNode, marks: AdfMark[]): AdfNode {
  return marks.reduce(addMark, node);
}

function addMark(node: AdfNode, mark: AdfMark): AdfNode {
  const existing = node.marks ?? [];
  // Jira rejects code combined with anything but a link.
  if (existing.some((m) => m.type === 'code') && mark.type !== 'link') return node;
  if (existing.some((m) => m.type === mark.type)) return node;
  const marks = [...existing, mark].sort((a, b) => MARK_RANK.indexOf(a.type) - MARK_RANK.indexOf(b.type));
  return { ...node, marks };
}

function sameMarks(a: AdfMark[] | undefined, b: AdfMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function mergeText(nodes: AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && !node.text) continue;
    if (last?.type === 'text' && node.type === 'text' && sameMarks(last.marks, node.marks)) {
      out[out.length - 1] = { ...last, text: last.text! + node.text! };
    } else out.push(node);
  }
  return out;
}

/** No hard break at the very start or end of a paragraph. */
function trimBreaks(nodes: AdfNode[]): AdfNode[] {
  let start = 0;
  let end = nodes.length;
  while (start < end && nodes[start]!.type === 'hardBreak') start++;
  while (end > start && nodes[end - 1]!.type === 'hardBreak') end--;
  return nodes.slice(start, end);
}
