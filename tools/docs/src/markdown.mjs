/** Small Markdown helpers: every generated table goes through `table`, so escaping lives in one place. */

/** One table cell: pipes escaped, line breaks flattened, empty shown as a dash. */
export function cell(value) {
  const text = String(value ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return text === '' ? '—' : text.replace(/\|/g, '\\|');
}

/** Inline code that survives backticks in the value. */
export function code(value) {
  const text = String(value);
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function table(headers, rows) {
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function fenced(language, text) {
  return [`\`\`\`${language}`, text.replace(/\n+$/, ''), '```'].join('\n');
}

/** GitHub's heading anchor for a heading made of one code span, e.g. `starter_list_tasks`. */
export function anchor(heading) {
  return `#${heading
    .toLowerCase()
    .replace(/[^a-z0-9_ -]/g, '')
    .replace(/ /g, '-')}`;
}
