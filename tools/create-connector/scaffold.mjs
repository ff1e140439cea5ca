// Copies templates/connector to packages/<name>, renaming `starter` on the way.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameText, spellings, stripTemplateOnly } from './names.mjs';

/** The repository this tool lives in; the template always comes from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATE_DIR = join(REPO_ROOT, 'templates', 'connector');

/** Build output, installs, caches and the template's own release history stay behind. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', '.vite', '.vite-temp']);
const SKIPPED_FILES = new Set(['CHANGELOG.md', '.DS_Store']);
const SKIPPED_SUFFIXES = ['.tgz', '.log'];

export class ScaffoldError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Scaffolds `packages/<name>` under `root` and its initial changeset. The package is written to a
 * temporary sibling and renamed into place, so a failure never leaves half a connector behind.
 */
export async function scaffold({ name, title, root = REPO_ROOT, templateDir = TEMPLATE_DIR }) {
  const target = spellings(name, title);
  const packagesDir = join(root, 'packages');
  const packageDir = join(packagesDir, name);
  const changesetPath = join(root, '.changeset', `${name}-initial.md`);

  if (!existsSync(join(root, 'pnpm-workspace.yaml'))) {
    throw new ScaffoldError(`${root} is not the connectors workspace (no pnpm-workspace.yaml); pass --dir <workspace root> or run it from the repository.`, 2);
  }
  if (!existsSync(join(templateDir, 'package.json'))) throw new ScaffoldError(`The template is missing: ${templateDir}.`);
  if (existsSync(packageDir)) {
    throw new ScaffoldError(`packages/${name} already exists; nothing was changed. Pick another name, or remove that folder first.`);
  }
  if (existsSync(changesetPath)) {
    throw new ScaffoldError(`.changeset/${name}-initial.md already exists; nothing was changed. Remove it if it is left over from an earlier attempt.`);
  }

  const staging = join(packagesDir, `.${name}.scaffold-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const files = [];
  try {
    await copyRenamed(templateDir, staging, target, files);
    const manifestPath = join(staging, 'package.json');
    await writeFile(manifestPath, finishManifest(await readFile(manifestPath, 'utf8'), name));
    await rename(staging, packageDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }

  await mkdir(dirname(changesetPath), { recursive: true });
  await writeFile(
    changesetPath,
    `---\n"@connectors/${name}": minor\n---\n\nNew connector: ${target.title} (\`@connectors/${name}\`), scaffolded from the template.\n`,
  );
  return { packageDir, changesetPath, files: files.sort(), target, variables: await configVariables(packageDir) };
}

async function copyRenamed(fromDir, toDir, target, files, base = toDir) {
  await mkdir(toDir, { recursive: true });
  for (const entry of await readdir(fromDir, { withFileTypes: true })) {
    if (entry.isDirectory() ? SKIPPED_DIRS.has(entry.name) : SKIPPED_FILES.has(entry.name) || SKIPPED_SUFFIXES.some((s) => entry.name.endsWith(s))) continue;
    const from = join(fromDir, entry.name);
    const to = join(toDir, renameText(entry.name, target));
    if (entry.isDirectory()) {
      await copyRenamed(from, to, target, files, base);
    } else if (entry.isFile()) {
      const bytes = await readFile(from);
      // Text is renamed (and loses its template-only notes); anything binary (a NUL byte) is copied as it is.
      if (bytes.includes(0)) await writeFile(to, bytes);
      else {
        const text = bytes.toString('utf8');
        await writeFile(to, renameText(entry.name.endsWith('.md') ? stripTemplateOnly(text) : text, target));
      }
      files.push(relative(base, to).split(sep).join('/'));
    }
  }
}

/**
 * A new connector starts at 0.0.0, like every package before its first release (its initial
 * changeset, a minor, releases it as 0.1.0), and lives in packages/<name>. Edited as text so the
 * template's formatting survives, then checked by parsing.
 */
export function finishManifest(text, name) {
  const edited = text
    .replace(/("version"\s*:\s*)"[^"]*"/, '$1"0.0.0"')
    .replace(/("directory"\s*:\s*)"[^"]*"/, `$1"packages/${name}"`);
  const manifest = JSON.parse(edited);
  if (manifest.version === '0.0.0' && manifest.repository?.directory === `packages/${name}`) return edited;
  // The template's layout changed in a way the text edit missed: rewrite it as JSON instead.
  manifest.version = '0.0.0';
  manifest.repository = { ...(typeof manifest.repository === 'object' ? manifest.repository : {}), directory: `packages/${name}` };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The environment variables the new package declares, for the summary (best effort). */
async function configVariables(packageDir) {
  try {
    const text = await readFile(join(packageDir, 'src', 'config.ts'), 'utf8');
    return [...text.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]);
  } catch {
    return [];
  }
}
