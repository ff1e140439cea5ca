// Where the template comes from: this repository's templates/connector, or the copy the published
// @connectors/create-connector carries in template/ (made by build-template.mjs). Either way it
// comes with what a standalone project needs and the repository knows: the versions to depend on
// and the compiler options the template's tsconfig.json inherits.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** The repository this tool lives in, when it runs from a checkout. */
export const REPO_ROOT = join(HERE, '..', '..');
export const PACKED_TEMPLATE_DIR = join(HERE, 'template');
/** Written into the packed template, skipped when copying. */
export const TEMPLATE_META = '.template.json';

/** The build tools a standalone project installs itself (in the repository they live at the root). */
const ROOT_DEV_TOOLS = ['@types/node', 'tsup', 'typescript', 'vitest'];

/** Build output, installs, caches and the template's own release history are not part of it. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', '.vite', '.vite-temp']);
const SKIPPED_FILES = new Set(['CHANGELOG.md', '.DS_Store', TEMPLATE_META]);
const SKIPPED_SUFFIXES = ['.tgz', '.log'];

/** Whether a file or folder of the template is left out of copies of it. */
export function isSkipped(name, isDirectory) {
  return isDirectory ? SKIPPED_DIRS.has(name) : SKIPPED_FILES.has(name) || SKIPPED_SUFFIXES.some((s) => name.endsWith(s));
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * The template folder and its metadata: the repository's when this runs from a checkout (the
 * packed copy there may be stale), else the copy the published package carries.
 */
export function templateSource() {
  const dir = join(REPO_ROOT, 'templates', 'connector');
  if (existsSync(join(REPO_ROOT, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'package.json'))) return { dir, meta: repositoryMeta(REPO_ROOT) };
  const packedMeta = join(PACKED_TEMPLATE_DIR, TEMPLATE_META);
  if (!existsSync(packedMeta)) throw new Error(`The template is missing: neither ${dir} nor ${packedMeta} exists.`);
  return { dir: PACKED_TEMPLATE_DIR, meta: readJson(packedMeta) };
}

/**
 * What the repository knows and a standalone project must be told: each `workspace:` dependency
 * of the template at its package's current version, the root's build tools at their pinned
 * versions, and the compiler options of tsconfig.base.json.
 */
export function repositoryMeta(root) {
  const template = readJson(join(root, 'templates', 'connector', 'package.json'));
  const rootManifest = readJson(join(root, 'package.json'));
  const versions = {};
  for (const name of Object.keys({ ...template.dependencies, ...template.devDependencies })) {
    const range = template.dependencies?.[name] ?? template.devDependencies?.[name];
    if (!range.startsWith('workspace:')) continue;
    const dir = name.replace(/^@connectors\//, '');
    versions[name] = `^${readJson(join(root, 'packages', dir, 'package.json')).version}`;
  }
  for (const name of ROOT_DEV_TOOLS) {
    const range = rootManifest.devDependencies?.[name];
    if (!range) throw new Error(`The repository's package.json has no devDependency ${name}.`);
    versions[name] = range;
  }
  const { compilerOptions } = readJson(join(root, 'tsconfig.base.json'));
  return { versions, compilerOptions };
}
