// How a connector name is spelled in each place the template spells `starter`.

export const TEMPLATE_NAME = 'starter';
export const NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;
export const TITLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 .&+()-]{0,39}$/;

/** Names that would collide with a workspace package, the template, or a generic word in prose. */
export const RESERVED_NAMES = new Set([
  'contract',
  'testkit',
  'starter',
  'template',
  'templates',
  'connector',
  'connectors',
  'create-connector',
  'docs',
  'demo',
  'bench',
  'tools',
  'mcp',
  'sdk',
  'cli',
  'core',
  'test',
]);

/** Why a name cannot be used, or undefined when it can. */
export function nameProblem(name) {
  if (typeof name !== 'string' || name === '') return 'a connector name is required';
  if (!NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid connector name: use 2-31 characters, lowercase letters, digits and dashes, starting with a letter (${NAME_PATTERN})`;
  }
  if (name.endsWith('-') || name.includes('--')) return `"${name}" is not a valid connector name: dashes must separate words`;
  if (RESERVED_NAMES.has(name)) return `"${name}" is reserved; pick the vendor's name, e.g. "hubspot"`;
  return undefined;
}

export function titleProblem(title) {
  if (!TITLE_PATTERN.test(title)) {
    return `--title "${title}" is not usable: use 1-40 letters, digits, spaces and . & + ( ) -, starting with a letter or digit`;
  }
  return undefined;
}

const words = (name) => name.split('-');
const capitalise = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Every spelling of one name: `google-sheets` → GoogleSheets, googleSheets, google_sheets, GOOGLE_SHEETS. */
export function spellings(name, title = defaultTitle(name)) {
  return {
    kebab: name,
    snake: words(name).join('_'),
    camel: words(name)
      .map((word, i) => (i === 0 ? word : capitalise(word)))
      .join(''),
    pascal: words(name).map(capitalise).join(''),
    screaming: words(name).join('_').toUpperCase(),
    title,
  };
}

export function defaultTitle(name) {
  return words(name).map(capitalise).join(' ');
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;

/**
 * Renames the template's `starter` throughout one text:
 * - `STARTER` (env vars) → SCREAMING_SNAKE;
 * - `Starter` inside an identifier (`StarterContext`, `createStarterClient`) → PascalCase,
 *   a standalone `Starter` (prose, the vendor name in messages) → the title;
 * - `starter` followed by `_` (tool names like `starter_list_tasks`) → snake_case, followed by
 *   a letter or digit (`starterApi`) → camelCase, anywhere else (ids, package and bin names,
 *   URLs, file names) → the name as given.
 */
export function renameText(text, target) {
  return text.replace(/starter/gi, (match, offset) => {
    const before = offset > 0 ? text.charAt(offset - 1) : '';
    const after = text.charAt(offset + match.length);
    if (match === 'STARTER') return target.screaming;
    if (match === 'Starter') return IDENTIFIER_CHAR.test(before) || IDENTIFIER_CHAR.test(after) ? target.pascal : target.title;
    if (match === 'starter') {
      if (after === '_') return target.snake;
      if (/[A-Za-z0-9$]/.test(after)) return target.camel;
      return target.kebab;
    }
    // Mixed case like `sTarter` is not something the template writes; leave it for the leftover check to catch.
    return match;
  });
}

const VARIANTS = ['workspace', 'standalone'];

/**
 * The Markdown of one kind of project: `<!-- template-only -->` blocks (notes about the template
 * itself) go; `<!-- workspace-only -->` and `<!-- standalone-only -->` blocks stay, without their
 * markers, for that kind of project (`variant`) and go for the other.
 */
export function keepVariant(text, variant) {
  if (!VARIANTS.includes(variant)) throw new Error(`Unknown project kind ${variant}; expected ${VARIANTS.join(' or ')}.`);
  let kept = text.replace(/<!-- template-only -->[\s\S]*?<!-- \/template-only -->\n*/g, '');
  for (const other of VARIANTS) {
    const block = new RegExp(`<!-- ${other}-only -->\\n([\\s\\S]*?)<!-- \\/${other}-only -->\\n(\\n*)`, 'g');
    kept = kept.replace(block, (_block, body, blankLines) => (other === variant ? body + blankLines : blankLines));
  }
  return kept;
}

/** npm's rules for a package name (lowercase, URL-safe, at most 214 characters), scoped or not. */
const PACKAGE_NAME_PATTERN = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export function packageNameProblem(packageName) {
  if (packageName.length > 214 || !PACKAGE_NAME_PATTERN.test(packageName)) {
    return `--package "${packageName}" is not a valid npm package name: lowercase letters, digits, - . _ ~, optionally under a @scope/`;
  }
  if (packageName.startsWith('@connectors/'))
    return `--package "${packageName}": the @connectors scope belongs to the connectors project; use your own scope or an unscoped name`;
  return undefined;
}
