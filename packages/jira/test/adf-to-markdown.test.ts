import { describe, expect, it } from 'vitest';
import { adfToMarkdown, type AdfNode } from '../src/adf/adf-to-markdown.js';

const doc = (...content: AdfNode[]) => ({ type: 'doc', version: 1, content });
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const text = (value: string, ...marks: (string | { type: string; attrs: Record<string, unknown> })[]): AdfNode => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)) } : {}),
});
const link = (href: string) => ({ type: 'link', attrs: { href } });
const li = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });

describe('adfToMarkdown', () => {
  it('renders nothing for null, undefined and an empty document, and passes plain strings through', () => {
    expect(adfToMarkdown(null)).toBe('');
    expect(adfToMarkdown(undefined)).toBe('');
    expect(adfToMarkdown(doc())).toBe('');
    expect(adfToMarkdown('already plain (API v2)')).toBe('already plain (API v2)');
  });

  it('renders headings of every level and separates blocks with a blank line', () => {
    const md = adfToMarkdown(
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
        p(text('Intro.')),
        { type: 'heading', attrs: { level: 3 }, content: [text('Details '), text('now', 'strong')] },
        { type: 'heading', attrs: { level: 6 }, content: [text('Deep')] },
      ),
    );
    expect(md).toBe('# Title\n\nIntro.\n\n### Details **now**\n\n###### Deep');
  });

  it('renders strong, em, strike, inline code and links', () => {
    const md = adfToMarkdown(
      doc(
        p(
          text('a '),
          text('bold', 'strong'),
          text(' '),
          text('it', 'em'),
          text(' '),
          text('gone', 'strike'),
          text(' '),
          text('x = 1', 'code'),
          text(' '),
          text('docs', link('https://example.com/docs')),
        ),
      ),
    );
    expect(md).toBe('a **bold** *it* ~~gone~~ `x = 1` [docs](https://example.com/docs)');
  });

  it('nests overlapping marks instead of closing and reopening them', () => {
    const md = adfToMarkdown(doc(p(text('bold ', 'strong'), text('both', 'strong', 'em'), text(' bold', 'strong'))));
    expect(md).toBe('**bold *both* bold**');
  });

  it('keeps marks inside a link and whitespace outside the delimiters', () => {
    const md = adfToMarkdown(doc(p(text('see '), text('the ', link('https://x.test')), text('guide ', link('https://x.test'), 'strong'), text('now'))));
    expect(md).toBe('see [the **guide**](https://x.test) now');
  });

  it('shows a URL that is its own link text bare, and odd URLs in angle brackets', () => {
    expect(adfToMarkdown(doc(p(text('https://example.com/a', link('https://example.com/a')))))).toBe('https://example.com/a');
    expect(adfToMarkdown(doc(p(text('x', link('https://example.com/a b(c)')))))).toBe('[x](<https://example.com/a b(c)>)');
  });

  it('fences inline code and code blocks longer than the backticks they contain', () => {
    expect(adfToMarkdown(doc(p(text('a `tick`', 'code'))))).toBe('`` a `tick` ``');
    const block = adfToMarkdown(doc({ type: 'codeBlock', attrs: { language: 'md' }, content: [text('```js\nx\n```')] }));
    expect(block).toBe('````md\n```js\nx\n```\n````');
  });

  it('renders a code block with its language, and without one', () => {
    expect(adfToMarkdown(doc({ type: 'codeBlock', attrs: { language: 'typescript' }, content: [text('const a = 1;\nconst b = 2;')] }))).toBe(
      '```typescript\nconst a = 1;\nconst b = 2;\n```',
    );
    expect(adfToMarkdown(doc({ type: 'codeBlock', content: [text('plain')] }))).toBe('```\nplain\n```');
    expect(adfToMarkdown(doc({ type: 'codeBlock' }))).toBe('```\n\n```');
  });

  it('renders bullet and ordered lists with nesting and a start number', () => {
    const md = adfToMarkdown(
      doc(
        {
          type: 'bulletList',
          content: [
            li(p(text('one'))),
            li(p(text('two')), {
              type: 'orderedList',
              attrs: { order: 3 },
              content: [li(p(text('three'))), li(p(text('four')), { type: 'bulletList', content: [li(p(text('deep')))] })],
            }),
          ],
        },
        { type: 'orderedList', content: [li(p(text('first'))), li(p(text('second')))] },
      ),
    );
    expect(md).toBe('- one\n- two\n  3. three\n  4. four\n     - deep\n\n1. first\n2. second');
  });

  it('indents every line of a multi-paragraph list item and keeps code blocks inside it', () => {
    const md = adfToMarkdown(
      doc({ type: 'bulletList', content: [li(p(text('para one')), p(text('para two')), { type: 'codeBlock', content: [text('x\ny')] })] }),
    );
    expect(md).toBe('- para one\n\n  para two\n\n  ```\n  x\n  y\n  ```');
  });

  it('renders blockquotes, including nested blocks', () => {
    const md = adfToMarkdown(doc({ type: 'blockquote', content: [p(text('quoted')), { type: 'bulletList', content: [li(p(text('item')))] }] }));
    expect(md).toBe('> quoted\n>\n> - item');
  });

  it('renders panels as quotes opening with their type', () => {
    expect(adfToMarkdown(doc({ type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('Careful.'))] }))).toBe('> [!WARNING]\n> Careful.');
  });

  it('renders hard breaks as newlines, also inside list items and quotes', () => {
    expect(adfToMarkdown(doc(p(text('line one'), { type: 'hardBreak' }, text('line two'))))).toBe('line one\nline two');
    expect(adfToMarkdown(doc({ type: 'bulletList', content: [li(p(text('a'), { type: 'hardBreak' }, text('b')))] }))).toBe('- a\n  b');
    expect(adfToMarkdown(doc({ type: 'blockquote', content: [p(text('a'), { type: 'hardBreak' }, text('b'))] }))).toBe('> a\n> b');
  });

  it('renders rules', () => {
    expect(adfToMarkdown(doc(p(text('above')), { type: 'rule' }, p(text('below'))))).toBe('above\n\n---\n\nbelow');
  });

  it('renders mentions with their account id, and emoji, dates, status and smart links as text', () => {
    const md = adfToMarkdown(
      doc(
        p(
          { type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Mia Krystof', accessLevel: '' } },
          text(' '),
          { type: 'mention', attrs: { id: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', text: 'Emma' } },
          text(' '),
          { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
          { type: 'emoji', attrs: { shortName: ':custom:' } },
          text(' due '),
          { type: 'date', attrs: { timestamp: '1735603200000' } },
          text(' '),
          { type: 'status', attrs: { text: 'IN REVIEW', color: 'blue' } },
          text(' '),
          { type: 'inlineCard', attrs: { url: 'https://your-domain.atlassian.net/browse/EX-1' } },
        ),
      ),
    );
    expect(md).toBe(
      '[@Mia Krystof](mention:5b10a2844c20165700ede21g) [@Emma](mention:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077) 😄:custom: due 2024-12-31 [IN REVIEW] https://your-domain.atlassian.net/browse/EX-1',
    );
  });

  it('renders tables as GFM tables, escaping pipes and joining cell paragraphs', () => {
    const cell = (type: string, ...content: AdfNode[]): AdfNode => ({ type, attrs: {}, content });
    const md = adfToMarkdown(
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', p(text('Name'))), cell('tableHeader', p(text('Value')))] },
          { type: 'tableRow', content: [cell('tableCell', p(text('a|b', 'strong'))), cell('tableCell', p(text('1')), p(text('2')))] },
          { type: 'tableRow', content: [cell('tableCell', p(text('short row')))] },
        ],
      }),
    );
    expect(md).toBe('| Name | Value |\n| --- | --- |\n| **a\\|b** | 1<br>2 |\n| short row |  |');
  });

  it('renders task lists and decision lists', () => {
    const md = adfToMarkdown(
      doc(
        {
          type: 'taskList',
          attrs: { localId: 'a' },
          content: [
            { type: 'taskItem', attrs: { localId: 'b', state: 'DONE' }, content: [text('shipped')] },
            { type: 'taskItem', attrs: { localId: 'c', state: 'TODO' }, content: [text('announce')] },
          ],
        },
        { type: 'decisionList', attrs: { localId: 'd' }, content: [{ type: 'decisionItem', attrs: { state: 'DECIDED' }, content: [text('Use Postgres')] }] },
      ),
    );
    expect(md).toBe('- [x] shipped\n- [ ] announce\n\n- Use Postgres');
  });

  it('renders external media as images and attachments as a marker with their name', () => {
    const md = adfToMarkdown(
      doc(
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { type: 'external', url: 'https://example.com/a.png', alt: 'diagram' } }] },
        {
          type: 'mediaGroup',
          content: [
            { type: 'media', attrs: { type: 'file', id: 'abc-123', collection: 'jira-10002', alt: 'log.txt' } },
            { type: 'media', attrs: { type: 'file', id: 'def' } },
          ],
        },
      ),
    );
    expect(md).toBe('![diagram](https://example.com/a.png)\n\n[attachment: log.txt]\n[attachment]');
  });

  it('renders expands with their title and content', () => {
    expect(adfToMarkdown(doc({ type: 'expand', attrs: { title: 'Logs' }, content: [p(text('stack trace'))] }))).toBe('**Logs**\n\nstack trace');
  });

  describe('unknown nodes degrade to their text, never vanish', () => {
    it('keeps the content of an unknown block', () => {
      expect(adfToMarkdown(doc({ type: 'futureBlock', content: [p(text('inside a future block'))] }))).toBe('inside a future block');
    });

    it('keeps the text of an unknown inline node, from its children or attrs', () => {
      expect(adfToMarkdown(doc(p(text('a '), { type: 'sparkle', content: [text('shiny')] }, text(' b'))))).toBe('a shiny b');
      expect(adfToMarkdown(doc(p(text('a '), { type: 'placeholderish', attrs: { text: 'fill me' } })))).toBe('a fill me');
    });

    it('shows [type] for an unknown node without any text', () => {
      expect(adfToMarkdown(doc(p(text('x '), { type: 'widget', attrs: { id: 7 } })))).toBe('x [widget]');
      expect(adfToMarkdown(doc({ type: 'extension', attrs: { extensionKey: 'jira-chart' } }))).toBe('jira-chart');
    });

    it('keeps text with unknown marks (underline, colour) as plain text', () => {
      expect(adfToMarkdown(doc(p(text('red', { type: 'textColor', attrs: { color: '#ff0000' } }), text(' under', 'underline'))))).toBe('red under');
    });
  });

  describe('escaping', () => {
    it('escapes characters that would become formatting, leaving ordinary prose alone', () => {
      expect(adfToMarkdown(doc(p(text('2 * 3 = 6, snake_case_name, _lead and `tick`'))))).toBe('2 \\* 3 = 6, snake_case_name, \\_lead and \\`tick\\`');
      expect(adfToMarkdown(doc(p(text('[WIP] fix and [text](not a link)'))))).toBe('[WIP] fix and \\[text](not a link)');
      expect(adfToMarkdown(doc(p(text('~~not struck~~ but ~ fine'))))).toBe('\\~\\~not struck\\~\\~ but ~ fine');
    });

    it('escapes paragraph lines that would start a heading, list, quote or rule', () => {
      expect(adfToMarkdown(doc(p(text('# not a heading'))))).toBe('\\# not a heading');
      expect(adfToMarkdown(doc(p(text('1. not a list'))))).toBe('1\\. not a list');
      expect(adfToMarkdown(doc(p(text('- not a bullet'), { type: 'hardBreak' }, text('> not a quote'))))).toBe('\\- not a bullet\n\\> not a quote');
      expect(adfToMarkdown(doc(p(text('---'))))).toBe('\\---');
    });
  });
});
