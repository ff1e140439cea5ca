import { describe, expect, it } from 'vitest';
import { adfToMarkdown, type AdfNode } from '../src/adf/adf-to-markdown.js';
import { markdownToAdf, parseInline } from '../src/adf/markdown-to-adf.js';

const blocks = (md: string) => markdownToAdf(md).content;
const text = (value: string, ...marks: (string | { type: string; attrs: Record<string, unknown> })[]): AdfNode => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)) } : {}),
});
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const li = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });
const br = { type: 'hardBreak' };

/** Drops the random localIds of task lists so documents compare. */
function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([key]) => key !== 'localId')
      .map(([key, value]) => [key, stripIds(value)]),
  );
}

describe('markdownToAdf: blocks', () => {
  it('makes a version 1 doc, empty for empty input', () => {
    expect(markdownToAdf('')).toEqual({ type: 'doc', version: 1, content: [] });
    expect(markdownToAdf('  \n\n ')).toEqual({ type: 'doc', version: 1, content: [] });
  });

  it('parses ATX and setext headings', () => {
    expect(blocks('# One\n## Two ##\n###### Six\n\nTitle\n=====\n\nSub\n---')).toEqual([
      { type: 'heading', attrs: { level: 1 }, content: [text('One')] },
      { type: 'heading', attrs: { level: 2 }, content: [text('Two')] },
      { type: 'heading', attrs: { level: 6 }, content: [text('Six')] },
      { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
      { type: 'heading', attrs: { level: 2 }, content: [text('Sub')] },
    ]);
    expect(blocks('#hashtag')).toEqual([p(text('#hashtag'))]);
  });

  it('splits paragraphs on blank lines and keeps single newlines as hard breaks (CRLF too)', () => {
    expect(blocks('one\ntwo  \nthree\\\nfour\r\n\r\nnext')).toEqual([p(text('one'), br, text('two'), br, text('three'), br, text('four')), p(text('next'))]);
  });

  it('parses fenced code blocks with a language, tildes, longer fences and unclosed fences', () => {
    expect(blocks('```ts\nconst a = 1;\n\n  indented\n```')).toEqual([
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;\n\n  indented')] },
    ]);
    expect(blocks('~~~\nplain **not bold**\n~~~')).toEqual([{ type: 'codeBlock', content: [text('plain **not bold**')] }]);
    expect(blocks('````md\n```js\nx\n```\n````')).toEqual([{ type: 'codeBlock', attrs: { language: 'md' }, content: [text('```js\nx\n```')] }]);
    expect(blocks('```\n```')).toEqual([{ type: 'codeBlock' }]);
    expect(blocks('```python\nprint(1)')).toEqual([{ type: 'codeBlock', attrs: { language: 'python' }, content: [text('print(1)')] }]);
  });

  it('parses rules in their three spellings', () => {
    expect(blocks('a\n\n---\n\n***\n\n_ _ _')).toEqual([p(text('a')), { type: 'rule' }, { type: 'rule' }, { type: 'rule' }]);
  });

  it('parses blockquotes with nested blocks', () => {
    expect(blocks('> quoted **text**\n> more\n>\n> - item')).toEqual([
      { type: 'blockquote', content: [p(text('quoted '), text('text', 'strong'), br, text('more')), { type: 'bulletList', content: [li(p(text('item')))] }] },
    ]);
  });

  it('turns a quote opening with [!TYPE] into a panel', () => {
    expect(blocks('> [!WARNING]\n> Mind the gap.')).toEqual([{ type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('Mind the gap.'))] }]);
    expect(blocks('> [!NOTE] Inline note')).toEqual([{ type: 'panel', attrs: { panelType: 'note' }, content: [p(text('Inline note'))] }]);
    expect(blocks('> [!TIP]\n> Use GitHub names')).toEqual([{ type: 'panel', attrs: { panelType: 'success' }, content: [p(text('Use GitHub names'))] }]);
    expect(blocks('> [!UNKNOWN] stays a quote')[0]!.type).toBe('blockquote');
  });

  it('keeps only what Jira allows inside a quote', () => {
    expect(blocks('> # Heading in quote')).toEqual([{ type: 'blockquote', content: [p(text('Heading in quote', 'strong'))] }]);
  });

  describe('lists', () => {
    it('parses bullet lists with any bullet character', () => {
      expect(blocks('- a\n* b\n+ c')).toEqual([{ type: 'bulletList', content: [li(p(text('a'))), li(p(text('b'))), li(p(text('c')))] }]);
    });

    it('parses ordered lists and keeps a start number other than 1', () => {
      expect(blocks('1. a\n2. b')).toEqual([{ type: 'orderedList', content: [li(p(text('a'))), li(p(text('b')))] }]);
      expect(blocks('3) c\n4) d')).toEqual([{ type: 'orderedList', attrs: { order: 3 }, content: [li(p(text('c'))), li(p(text('d')))] }]);
    });

    it('nests lists indented by two or four spaces, also under ordered items', () => {
      const nested = { type: 'bulletList', content: [li(p(text('x'))), li(p(text('y')))] };
      expect(blocks('- a\n  - x\n  - y\n- b')).toEqual([{ type: 'bulletList', content: [li(p(text('a')), nested), li(p(text('b')))] }]);
      expect(blocks('- a\n    - x\n    - y')).toEqual([{ type: 'bulletList', content: [li(p(text('a')), nested)] }]);
      expect(blocks('1. a\n  - x\n  - y\n2. b')).toEqual([{ type: 'orderedList', content: [li(p(text('a')), nested), li(p(text('b')))] }]);
      expect(blocks('1. a\n   - x\n   - y')).toEqual([{ type: 'orderedList', content: [li(p(text('a')), nested)] }]);
    });

    it('nests three levels deep', () => {
      expect(blocks('- 1\n  - 2\n    - 3')).toEqual([
        {
          type: 'bulletList',
          content: [li(p(text('1')), { type: 'bulletList', content: [li(p(text('2')), { type: 'bulletList', content: [li(p(text('3')))] })] })],
        },
      ]);
    });

    it('keeps a loose list as one list and multi-paragraph items together', () => {
      expect(blocks('- a\n\n- b\n\n  more b\n\nafter')).toEqual([
        { type: 'bulletList', content: [li(p(text('a'))), li(p(text('b')), p(text('more b')))] },
        p(text('after')),
      ]);
    });

    it('continues an item on an unindented next line (lazy continuation)', () => {
      expect(blocks('- first line\nsecond line')).toEqual([{ type: 'bulletList', content: [li(p(text('first line'), br, text('second line')))] }]);
    });

    it('keeps a code block inside a list item', () => {
      expect(blocks('- run:\n  ```sh\n  npm test\n  ```')).toEqual([
        { type: 'bulletList', content: [li(p(text('run:')), { type: 'codeBlock', attrs: { language: 'sh' }, content: [text('npm test')] })] },
      ]);
    });

    it('makes list items Jira accepts: a paragraph first, headings as strong text', () => {
      expect(blocks('- ## Heading item')).toEqual([{ type: 'bulletList', content: [li(p(text('Heading item', 'strong')))] }]);
      expect(blocks('-\n  - only nested')).toEqual([
        { type: 'bulletList', content: [li({ type: 'paragraph' }, { type: 'bulletList', content: [li(p(text('only nested')))] })] },
      ]);
    });

    it('starts a new list when the kind changes', () => {
      expect(blocks('- a\n1. b').map((b) => b.type)).toEqual(['bulletList', 'orderedList']);
    });

    it('parses task lists', () => {
      expect(stripIds(blocks('- [ ] write tests\n- [x] ship'))).toEqual([
        {
          type: 'taskList',
          attrs: {},
          content: [
            { type: 'taskItem', attrs: { state: 'TODO' }, content: [text('write tests')] },
            { type: 'taskItem', attrs: { state: 'DONE' }, content: [text('ship')] },
          ],
        },
      ]);
      const [list] = blocks('- [ ] a');
      expect(list!.attrs!.localId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('does not take "1.5 apples" or "-1" for a list', () => {
      expect(blocks('1.5 apples')).toEqual([p(text('1.5 apples'))]);
      expect(blocks('-1 degrees')).toEqual([p(text('-1 degrees'))]);
    });
  });

  it('parses GFM tables with inline formatting, escaped pipes and <br>', () => {
    const cell = (type: string, ...content: AdfNode[]) => ({ type, attrs: {}, content: [content.length ? p(...content) : { type: 'paragraph' }] });
    expect(blocks('| Name | Value |\n|:-----|------:|\n| **a\\|b** | 1<br>2 |\n| short |')).toEqual([
      {
        type: 'table',
        attrs: { isNumberColumnEnabled: false, layout: 'default' },
        content: [
          { type: 'tableRow', content: [cell('tableHeader', text('Name')), cell('tableHeader', text('Value'))] },
          { type: 'tableRow', content: [cell('tableCell', text('a|b', 'strong')), cell('tableCell', text('1'), br, text('2'))] },
          { type: 'tableRow', content: [cell('tableCell', text('short')), cell('tableCell')] },
        ],
      },
    ]);
  });

  it('does not take a line with a pipe for a table without a delimiter row', () => {
    expect(blocks('a | b\nc | d')).toEqual([p(text('a | b'), br, text('c | d'))]);
  });
});

describe('markdownToAdf: inline', () => {
  it('parses strong, em and strike in both spellings', () => {
    expect(parseInline('**b** __b__ *i* _i_ ~~s~~')).toEqual([
      text('b', 'strong'),
      text(' '),
      text('b', 'strong'),
      text(' '),
      text('i', 'em'),
      text(' '),
      text('i', 'em'),
      text(' '),
      text('s', 'strike'),
    ]);
  });

  it('nests marks, including ***both***', () => {
    expect(parseInline('***both***')).toEqual([text('both', 'strong', 'em')]);
    expect(parseInline('**bold *and em* bold**')).toEqual([text('bold ', 'strong'), text('and em', 'strong', 'em'), text(' bold', 'strong')]);
    expect(parseInline('~~**struck bold**~~')).toEqual([text('struck bold', 'strong', 'strike')]);
  });

  it('leaves intraword underscores, lone asterisks and unmatched delimiters as text', () => {
    expect(parseInline('snake_case_name and 2 * 3 and **open')).toEqual([text('snake_case_name and 2 * 3 and **open')]);
    expect(parseInline('a ~ b ~~~ c')).toEqual([text('a ~ b ~~~ c')]);
  });

  it('allows * emphasis inside words', () => {
    expect(parseInline('un*frigging*believable')).toEqual([text('un'), text('frigging', 'em'), text('believable')]);
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not em\\* \\_x\\_ \\`y\\` \\\\ \\[z]')).toEqual([text('*not em* _x_ `y` \\ [z]')]);
  });

  it('parses code spans literally, with longer fences and stripped padding, and never adds other marks to code', () => {
    expect(parseInline('run `npm *test*` now')).toEqual([text('run '), text('npm *test*', 'code'), text(' now')]);
    expect(parseInline('`` a `tick` ``')).toEqual([text('a `tick`', 'code')]);
    expect(parseInline('**bold `code` bold**')).toEqual([text('bold ', 'strong'), text('code', 'code'), text(' bold', 'strong')]);
    expect(parseInline('unclosed `tick')).toEqual([text('unclosed `tick')]);
  });

  it('parses links with marks in the label, titles, angle-bracket targets and parentheses', () => {
    expect(parseInline('[the **docs**](https://x.test/a "Title")')).toEqual([
      text('the ', link('https://x.test/a')),
      text('docs', link('https://x.test/a'), 'strong'),
    ]);
    expect(parseInline('[wiki](https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([text('wiki', link('https://en.wikipedia.org/wiki/Foo_(bar)'))]);
    expect(parseInline('[x](<https://x.test/a b>)')).toEqual([text('x', link('https://x.test/a b'))]);
    expect(parseInline('**[bold link](https://x.test)**')).toEqual([text('bold link', link('https://x.test'), 'strong')]);
  });

  it('links autolinks and bare URLs, leaving trailing punctuation outside', () => {
    expect(parseInline('<https://x.test/a_b_c>')).toEqual([text('https://x.test/a_b_c', link('https://x.test/a_b_c'))]);
    expect(parseInline('see https://x.test/path?q=1. Then (https://x.test/p) done')).toEqual([
      text('see '),
      text('https://x.test/path?q=1', link('https://x.test/path?q=1')),
      text('. Then ('),
      text('https://x.test/p', link('https://x.test/p')),
      text(') done'),
    ]);
  });

  it('never drops an empty link: its URL becomes the text', () => {
    expect(parseInline('[](https://x.test)')).toEqual([text('https://x.test', link('https://x.test'))]);
  });

  it('turns images into links, since Jira media needs an upload', () => {
    expect(parseInline('![diagram](https://x.test/d.png)')).toEqual([text('diagram', link('https://x.test/d.png'))]);
  });

  it('parses mentions in link form and in Jira wiki form', () => {
    expect(parseInline('hi [@Mia Krystof](mention:5b10a2844c20165700ede21g) and [~accountid:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077]')).toEqual([
      text('hi '),
      { type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Mia Krystof', accessLevel: '' } },
      text(' and '),
      { type: 'mention', attrs: { id: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', accessLevel: '' } },
    ]);
  });

  it('keeps unknown syntax as literal text: HTML, footnotes, emoji codes, brackets', () => {
    expect(parseInline('<span>x</span> [^1] :smile: [WIP] a < b > c')).toEqual([text('<span>x</span> [^1] :smile: [WIP] a < b > c')]);
  });
});

describe('round trips', () => {
  const documents: [string, AdfNode[]][] = [
    [
      'marks',
      [
        p(
          text('a '),
          text('b', 'strong'),
          text(' '),
          text('c', 'em'),
          text(' '),
          text('d', 'strike'),
          text(' '),
          text('e', 'code'),
          text(' '),
          text('f', link('https://x.test')),
        ),
      ],
    ],
    ['overlapping marks', [p(text('bold ', 'strong'), text('both', 'strong', 'em'), text(' bold', 'strong'))]],
    ['heading and rule', [{ type: 'heading', attrs: { level: 2 }, content: [text('Plan')] }, { type: 'rule' }, p(text('after'))]],
    [
      'nested lists',
      [
        {
          type: 'bulletList',
          content: [li(p(text('a')), { type: 'orderedList', attrs: { order: 2 }, content: [li(p(text('b'))), li(p(text('c')))] }), li(p(text('d')))],
        },
      ],
    ],
    ['code block', [{ type: 'codeBlock', attrs: { language: 'json' }, content: [text('{\n  "a": "*b*"\n}')] }]],
    ['quote with list', [{ type: 'blockquote', content: [p(text('q')), { type: 'bulletList', content: [li(p(text('i')))] }] }]],
    ['panel', [{ type: 'panel', attrs: { panelType: 'error' }, content: [p(text('Broken.'))] }]],
    [
      'hard breaks and mention',
      [p(text('hi '), { type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Mia', accessLevel: '' } }, br, text('next line'))],
    ],
    ['literal markdown characters', [p(text('2 * 3, _x_, `y`, [a](b), ~~z~~, # h'))]],
    ['line starts', [p(text('# not heading'), br, text('- not bullet'), br, text('1. not ordered'))]],
    ['intraword underscores', [p(text('snake_case and CONSTANT_NAME'))]],
  ];

  it.each(documents)('ADF → Markdown → ADF keeps %s', (_name, content) => {
    const markdown = adfToMarkdown({ type: 'doc', version: 1, content });
    expect(markdownToAdf(markdown).content).toEqual(content);
  });

  const markdowns = [
    '# Release 2.4\n\nFixes **checkout** for *saved* cards. See [PROJ-12](https://your-domain.atlassian.net/browse/PROJ-12).\n\n- [ ] tests\n- [x] code',
    '1. Reproduce\n2. Fix\n   - unit test\n   - e2e test\n3. Ship\n\n```ts\nexpect(total).toBe(42);\n```',
    '> [!INFO]\n> Deploy window is **Tuesday**.\n\n| env | url |\n| --- | --- |\n| prod | https://x.test |',
    'Line one\nLine two with `code` and ~~old~~ text',
  ];

  it.each(markdowns)('Markdown → ADF → Markdown is stable for %#', (markdown) => {
    expect(adfToMarkdown(markdownToAdf(markdown))).toBe(markdown);
  });
});

describe('Jira accepts what markdownToAdf produces', () => {
  const samples = [
    '# h\n- ## h in list\n> # h in quote\n> > nested quote\n\n| a |\n|---|\n| **b** `c` |',
    '**bold `code` [link `code`](https://x.test)**',
    '- \n- [ ]\n-',
    '***\n___\n- - -',
    '>\n> [!NOTE]\n\n> [!NOTE]',
    '1. a\n\n\n   b\n2.\n\n-  x',
    '[](https://x.test) [@](mention:abc) ![](https://x.test/i.png)',
    '\\\n\n  \n\t- tab',
  ];

  it.each(samples)('sample %# is valid ADF', (markdown) => {
    const problems: string[] = [];
    const inline = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status']);
    const visit = (node: AdfNode, parent: string) => {
      if (node.type === 'text') {
        if (!node.text) problems.push(`empty text in ${parent}`);
        const marks = (node.marks ?? []).map((m) => m.type);
        if (marks.includes('code') && marks.some((m) => m !== 'code' && m !== 'link')) problems.push(`code mark combined with ${marks.join('+')}`);
      }
      if (node.type === 'listItem') {
        const first = node.content?.[0]?.type;
        if (first !== 'paragraph' && first !== 'codeBlock') problems.push(`listItem starts with ${first}`);
        for (const child of node.content ?? [])
          if (!['paragraph', 'bulletList', 'orderedList', 'taskList', 'codeBlock'].includes(child.type)) problems.push(`${child.type} in listItem`);
      }
      if (node.type === 'blockquote')
        for (const child of node.content ?? [])
          if (!['paragraph', 'bulletList', 'orderedList', 'codeBlock'].includes(child.type)) problems.push(`${child.type} in blockquote`);
      if (['paragraph', 'heading', 'taskItem'].includes(node.type))
        for (const child of node.content ?? []) if (!inline.has(child.type)) problems.push(`${child.type} in ${node.type}`);
      if (['bulletList', 'orderedList'].includes(node.type) && !(node.content ?? []).length) problems.push(`empty ${node.type}`);
      for (const child of node.content ?? []) visit(child, node.type);
    };
    const doc = markdownToAdf(markdown);
    for (const block of doc.content) visit(block, 'doc');
    expect(problems).toEqual([]);
    expect(adfToMarkdown(doc)).toEqual(expect.any(String));
  });
});
