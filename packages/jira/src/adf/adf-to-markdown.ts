/**
 * Atlassian Document Format (ADF) to Markdown, for reading descriptions and comments.
 *
 * Covers what Jira's editor produces: headings, paragraphs, strong/em/strike, inline code, code
 * blocks with language, links, bullet/ordered/task lists (nested), blockquotes, panels, tables,
 * mentions, emoji, dates, status lozenges, smart links, hard breaks and rules. A node this module
 * does not know degrades to its text (or `[type]` when it has none): content never vanishes.
 *
 * Conventions shared with markdown-to-adf.ts so a read-edit-write round trip is lossless for the
 * common nodes: a hard break is a plain newline inside a paragraph; a mention is
 * `[@Name](mention:<accountId>)`; a panel is a blockquote opening with `[!INFO]` (its type).
 */

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: AdfMark[];
  content?: AdfNode[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc' && Array.isArray((value as { content?: unknown }).content);
}

/** Markdown for an ADF document; plain strings (API v2 style) pass through, null/undefined give ''. */
export function adfToMarkdown(doc: unknown): string {
  if (doc === null || doc === undefined) return '';
  if (typeof doc === 'string') return doc;
  if (!isAdfDoc(doc)) return isNode(doc) ? renderBlock(doc).trim() : '';
  return renderBlocks(doc.content).replace(/\s+$/, '');
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'taskList',
  'decisionList',
  'codeBlock',
  'blockquote',
  'panel',
  'rule',
  'table',
  'mediaSingle',
  'mediaGroup',
  'expand',
  'nestedExpand',
  'blockCard',
  'embedCard',
  'bodiedExtension',
  'extension',
  'layoutSection',
  'layoutColumn',
]);

function children(node: AdfNode): AdfNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

function renderBlocks(nodes: AdfNode[]): string {
  return nodes
    .map(renderBlock)
    .filter((block) => block.trim() !== '')
    .join('\n\n');
}

function renderBlock(node: AdfNode): string {
  switch (node.type) {
    case 'paragraph':
      return escapeLineStarts(renderInline(children(node)));
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      const text = renderInline(children(node)).replace(/\n/g, ' ').trim();
      return `${'#'.repeat(level)} ${text}`;
    }
    case 'bulletList':
    case 'orderedList':
      return renderList(node);
    case 'taskList':
      return renderTaskList(node);
    case 'decisionList':
      return children(node)
        .map((item) => indentAfterFirst(`- ${renderInline(children(item))}`, '  '))
        .join('\n');
    case 'listItem':
      return renderItemBody(node);
    case 'codeBlock':
      return renderCodeBlock(node);
    case 'blockquote':
      return quote(renderBlocks(children(node)));
    case 'panel': {
      const kind = typeof node.attrs?.panelType === 'string' ? node.attrs.panelType.toUpperCase() : 'INFO';
      const body = renderBlocks(children(node));
      return quote(body ? `[!${kind}]\n${body}` : `[!${kind}]`);
    }
    case 'rule':
      return '---';
    case 'table':
      return renderTable(node);
    case 'mediaSingle':
    case 'mediaGroup':
      return children(node).map(renderMedia).join('\n');
    case 'media':
      return renderMedia(node);
    case 'expand':
    case 'nestedExpand': {
      const title = typeof node.attrs?.title === 'string' && node.attrs.title.trim() ? `**${escapeText(node.attrs.title)}**` : '';
      return [title, renderBlocks(children(node))].filter(Boolean).join('\n\n');
    }
    case 'blockCard':
    case 'embedCard':
      return typeof node.attrs?.url === 'string' ? bareUrl(node.attrs.url) : textOf(node);
    case 'layoutSection':
    case 'layoutColumn':
    case 'bodiedExtension':
      return renderBlocks(children(node));
    default:
      return renderUnknown(node, true);
  }
}

/** An unknown node keeps its content: blocks as blocks, inline as text, else its attrs' text or `[type]`. */
function renderUnknown(node: AdfNode, block: boolean): string {
  const kids = children(node);
  if (kids.length) {
    if (block && kids.some((kid) => BLOCK_TYPES.has(kid.type))) return renderBlocks(kids);
    return renderInline(kids);
  }
  if (typeof node.text === 'string') return escapeText(node.text);
  const text = textOf(node);
  return text ? escapeText(text) : `[${node.type}]`;
}

/** The plain text a node carries: its text, its attrs' text/title/url, or its children's. */
function textOf(node: AdfNode): string {
  if (typeof node.text === 'string') return node.text;
  for (const key of ['text', 'title', 'shortName', 'url', 'extensionKey']) {
    const value = node.attrs?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return children(node)
    .map(textOf)
    .join(node.content?.some((kid) => BLOCK_TYPES.has(kid.type)) ? '\n' : '');
}

function renderList(node: AdfNode): string {
  const ordered = node.type === 'orderedList';
  let n = ordered ? Math.max(0, Math.floor(Number(node.attrs?.order ?? 1))) : 0;
  if (Number.isNaN(n)) n = 1;
  return children(node)
    .map((item) => {
      const marker = ordered ? `${n++}. ` : '- ';
      const body = item.type === 'listItem' ? renderItemBody(item) : renderBlock(item);
      return body ? indentAfterFirst(marker + body, ' '.repeat(marker.length)) : marker.trimEnd();
    })
    .join('\n');
}

/** A list item's blocks: a nested list follows its paragraph directly so the list stays tight. */
function renderItemBody(item: AdfNode): string {
  const kids = children(item);
  let out = '';
  kids.forEach((kid, i) => {
    const text = renderBlock(kid);
    if (text.trim() === '') return;
    if (out) out += isList(kid) || isList(kids[i - 1]) ? '\n' : '\n\n';
    out += text;
  });
  return out;
}

function isList(node: AdfNode | undefined): boolean {
  return node?.type === 'bulletList' || node?.type === 'orderedList' || node?.type === 'taskList';
}

function renderTaskList(node: AdfNode): string {
  return children(node)
    .map((item) => {
      if (item.type === 'taskList') return indentAll(renderTaskList(item), '  ');
      const box = item.attrs?.state === 'DONE' ? '[x]' : '[ ]';
      const text = renderInline(children(item));
      return indentAfterFirst(text ? `- ${box} ${text}` : `- ${box}`, '  ');
    })
    .join('\n');
}

function renderCodeBlock(node: AdfNode): string {
  const code = children(node)
    .map((kid) => (typeof kid.text === 'string' ? kid.text : textOf(kid)))
    .join('');
  const language = typeof node.attrs?.language === 'string' ? node.attrs.language.replace(/[\s`]/g, '') : '';
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}

function renderTable(node: AdfNode): string {
  const rows = children(node).filter((row) => row.type === 'tableRow');
  if (rows.length === 0) return renderUnknown(node, true);
  const cells = rows.map((row) => children(row).map(renderCell));
  const width = Math.max(1, ...cells.map((row) => row.length));
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? '').join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head!), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

function renderCell(cell: AdfNode): string {
  return children(cell)
    .map((block) => {
      const inline = block.type === 'paragraph' || block.type === 'heading' ? renderInline(children(block)) : renderBlock(block);
      return inline.trim();
    })
    .filter(Boolean)
    .join('<br>')
    .replace(/\n/g, '<br>')
    .replace(/\|/g, '\\|');
}

function renderMedia(node: AdfNode): string {
  if (node.type !== 'media') return renderBlock(node);
  const alt = typeof node.attrs?.alt === 'string' && node.attrs.alt ? node.attrs.alt : undefined;
  if (node.attrs?.type === 'external' && typeof node.attrs.url === 'string') return `![${escapeText(alt ?? 'image')}](${linkTarget(node.attrs.url)})`;
  return `[attachment${alt ? `: ${escapeText(alt)}` : ''}]`;
}

// ---- inline ----

interface OpenMark {
  key: string;
  close: string;
}

/** Inline nodes to Markdown, keeping a stack of open marks so overlapping marks nest correctly. */
function renderInline(nodes: AdfNode[]): string {
  let out = '';
  const open: OpenMark[] = [];
  let pendingSpace = '';
  const closeTo = (depth: number) => {
    let text = '';
    while (open.length > depth) text += open.pop()!.close;
    return text;
  };
  for (const node of nodes) {
    if (node.type === 'text' && typeof node.text === 'string') {
      const marks = node.marks ?? [];
      const link = marks.find((mark) => mark.type === 'link');
      const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : undefined;
      // A URL shown as itself reads best bare; markdown-to-adf links it again.
      if (href && node.text === href && marks.length === 1 && /^https?:\/\/\S+$/.test(href)) {
        out += closeTo(0) + pendingSpace + bareUrl(href);
        pendingSpace = '';
        continue;
      }
      if (node.text.trim() === '') {
        // Whitespace carries no visible mark; it goes outside whatever closes next.
        pendingSpace += node.text;
        continue;
      }
      const wanted = wantedMarks(marks);
      let keep = 0;
      while (keep < open.length && keep < wanted.length && open[keep]!.key === wanted[keep]!.key) keep++;
      out += closeTo(keep) + pendingSpace;
      pendingSpace = '';
      const isCode = marks.some((mark) => mark.type === 'code');
      let text = node.text;
      if (wanted.length > keep || isCode) {
        const lead = /^\s*/.exec(text)![0];
        out += lead;
        text = text.slice(lead.length);
      }
      if (wanted.length > 0 || isCode) {
        const trail = /\s*$/.exec(text)![0];
        pendingSpace = trail;
        text = text.slice(0, text.length - trail.length);
      }
      for (const mark of wanted.slice(keep)) {
        out += mark.open;
        open.push({ key: mark.key, close: mark.close });
      }
      out += isCode ? codeSpan(text) : escapeText(text);
      continue;
    }
    out += closeTo(0) + pendingSpace;
    pendingSpace = '';
    out += renderInlineNode(node);
  }
  return out + closeTo(0) + pendingSpace;
}

const MARK_ORDER = ['link', 'strong', 'em', 'strike'];

function wantedMarks(marks: AdfMark[]): { key: string; open: string; close: string }[] {
  const result: { key: string; open: string; close: string }[] = [];
  for (const type of MARK_ORDER) {
    const mark = marks.find((m) => m.type === type);
    if (!mark) continue;
    if (type === 'link') {
      const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
      result.push({ key: `link:${href}`, open: '[', close: `](${linkTarget(href)})` });
    } else if (type === 'strong') result.push({ key: type, open: '**', close: '**' });
    else if (type === 'em') result.push({ key: type, open: '*', close: '*' });
    else result.push({ key: type, open: '~~', close: '~~' });
  }
  return result;
}

function renderInlineNode(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'hardBreak':
      return '\n';
    case 'mention': {
      const id = typeof attrs.id === 'string' ? attrs.id : '';
      const raw = typeof attrs.text === 'string' && attrs.text ? attrs.text : '@user';
      const label = raw.startsWith('@') ? raw : `@${raw}`;
      return id ? `[${escapeText(label)}](mention:${id})` : escapeText(label);
    }
    case 'emoji':
      return typeof attrs.text === 'string' && attrs.text ? attrs.text : typeof attrs.shortName === 'string' ? attrs.shortName : '';
    case 'date': {
      const ms = Number(attrs.timestamp);
      return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : textOf(node);
    }
    case 'status':
      return typeof attrs.text === 'string' ? `[${escapeText(attrs.text)}]` : '[status]';
    case 'inlineCard':
      return typeof attrs.url === 'string' ? bareUrl(attrs.url) : renderUnknown(node, false);
    case 'placeholder':
      return typeof attrs.text === 'string' ? escapeText(attrs.text) : '';
    case 'mediaInline':
      return `[attachment${typeof attrs.alt === 'string' && attrs.alt ? `: ${escapeText(attrs.alt)}` : ''}]`;
    case 'text':
      return escapeText(node.text ?? '');
    default:
      return renderUnknown(node, false);
  }
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .* $/.test(text) && text.trim() !== '') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A URL bare when it cannot be misread, in angle brackets otherwise. */
function bareUrl(url: string): string {
  return /^https?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]*_~]$/.test(url) && !/[*_~`[\]]/.test(url) ? url : `<${url.replace(/[\s<>]/g, encodeURIComponent)}>`;
}

/** A link destination; one with spaces or parentheses goes in angle brackets, which keeps it exact. */
function linkTarget(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>\n]/g, (ch) => encodeURIComponent(ch))}>` : href;
}

/** Escapes what would otherwise turn into Markdown syntax, leaving ordinary prose readable. */
export function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const prev = text[i - 1] ?? ' ';
    const next = text[i + 1] ?? ' ';
    switch (ch) {
      case '\\':
        out += /[!-/:-@[-`{-~]/.test(next) ? '\\\\' : '\\';
        break;
      case '`':
      case '*':
        out += `\\${ch}`;
        break;
      case '_':
        out += /[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next) ? '_' : '\\_';
        break;
      case '~':
        out += next === '~' || prev === '~' ? '\\~' : '~';
        break;
      case '[':
        out += opensLink(text, i) || text.startsWith('~accountid:', i + 1) || (i === 0 && /^[ xX]\]/.test(text.slice(1))) ? '\\[' : '[';
        break;
      case '<':
        out += /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|br\s*\/?>)/i.test(text.slice(i + 1)) ? '\\<' : '<';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Whether the `[` at `i` would read as the start of `[text](url)`. */
function opensLink(text: string, i: number): boolean {
  const close = text.indexOf(']', i + 1);
  return close !== -1 && text[close + 1] === '(';
}

/** Escapes a paragraph line that would otherwise start a heading, quote, list, rule or fence. */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|=+\s*$|-{3,}\s*$)/.exec(line);
      if (!match) return line;
      const [, indent, token] = match;
      if (/^\d/.test(token!)) return `${indent}${token}\\${line.slice(indent!.length + token!.length)}`;
      return `${indent}\\${line.slice(indent!.length)}`;
    })
    .join('\n');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function indentAfterFirst(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}

function indentAll(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}
