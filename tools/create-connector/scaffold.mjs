// Copies the connector template, renaming `starter` on the way: into packages/<name> of the
// connectors workspace, or as a standalone project that depends on the published packages.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { renameText, spellings, keepVariant } from './names.mjs';
import { isSkipped, templateSource } from './template-source.mjs';

export class ScaffoldError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Whether `dir` is the root of a connectors workspace (where new connectors go to packages/). */
export function isConnectorsWorkspace(dir) {
  const contract = join(dir, 'packages', 'contract', 'package.json');
  if (!existsSync(join(dir, 'pnpm-workspace.yaml')) || !existsSync(contract)) return false;
  try {
    return JSON.parse(readFileSync(contract, 'utf8')).name === '@connectors/contract';
  } catch {
    return false;
  }
}

/** The connectors workspace `dir` is in, or undefined. */
export function findWorkspace(dir) {
  for (let current = dir; ; current = dirname(current)) {
    if (isConnectorsWorkspace(current)) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** Template files that only the workspace's own tools read (the demo, bench, and the registry files and tool snapshots they generate). */
const WORKSPACE_ONLY_PATHS = new Set(['demo', 'bench', 'server.json', 'mcpb', 'toolsnaps']);

/**
 * Scaffolds `packages/<name>` under the workspace `root`, and its initial changeset.
 * The package is written to a temporary sibling and renamed into place, so a failure never leaves
 * half a connector behind.
 */
export async function scaffold({ name, title, root, template = templateSource() }) {
  const target = spellings(name, title);
  const packageDir = join(root, 'packages', name);
  const changesetPath = join(root, '.changeset', `${name}-initial.md`);
  if (!isConnectorsWorkspace(root)) {
    throw new ScaffoldError(`${root} is not a connectors workspace (pnpm-workspace.yaml and packages/contract).`, 2);
  }
  refuseExisting(packageDir, `packages/${name}`);
  if (existsSync(changesetPath)) {
    throw new ScaffoldError(`.changeset/${name}-initial.md already exists; nothing was changed. Remove it if it is left over from an earlier attempt.`);
  }

  const files = await copyInto(packageDir, template, {
    target,
    variant: 'workspace',
    finish: async (staging) => {
      const manifestPath = join(staging, 'package.json');
      await writeFile(manifestPath, finishManifest(await readFile(manifestPath, 'utf8'), name));
    },
  });
  await mkdir(dirname(changesetPath), { recursive: true });
  await writeFile(
    changesetPath,
    `---\n"@connectors/${name}": minor\n---\n\nNew connector: ${target.title} (\`@connectors/${name}\`), scaffolded from the template.\n`,
  );
  return { packageDir, changesetPath, files, target, variables: await configVariables(packageDir) };
}

/**
 * Scaffolds `<parent>/<name>` as a project of its own: published as `packageName`, depending on
 * the released @connectors/contract and @connectors/testkit, with its own build tools and
 * compiler options instead of the workspace's.
 */
export async function scaffoldStandalone({ name, title, parent, packageName, template = templateSource() }) {
  const target = spellings(name, title);
  const projectDir = join(parent, name);
  if (!existsSync(parent)) throw new ScaffoldError(`${parent} does not exist; nothing was changed.`, 2);
  refuseExisting(projectDir, projectDir);
  const binName = packageName.replace(/^@[^/]+\//, '');

  const files = await copyInto(projectDir, template, {
    target,
    variant: 'standalone',
    skip: (path) => WORKSPACE_ONLY_PATHS.has(path),
    // The package is the user's, not one of ours: its name and bin replace @connectors/<name>.
    text: (text) => text.replaceAll(`@connectors/${name}`, packageName).replaceAll(`connectors-${name}`, binName),
    finish: async (staging, written) => {
      const manifestPath = join(staging, 'package.json');
      await writeFile(manifestPath, standaloneManifest(JSON.parse(await readFile(manifestPath, 'utf8')), { packageName, binName, meta: template.meta }));
      await writeFile(
        join(staging, 'tsconfig.json'),
        `${JSON.stringify({ compilerOptions: template.meta.compilerOptions, include: ['src', 'test'] }, null, 2)}\n`,
      );
      await writeFile(join(staging, '.gitignore'), 'node_modules/\ndist/\ncoverage/\n*.tgz\n');
      const licensePath = join(staging, 'LICENSE');
      const license = await readFile(licensePath, 'utf8');
      await writeFile(licensePath, license.replace(/^Copyright \(c\) .*$/m, `Copyright (c) ${new Date().getFullYear()} The ${packageName} authors`));
      written.push('.gitignore');
    },
  });
  // Versions from a checkout that was never released (0.0.0) are not on npm: say so, instead of an install that 404s.
  const unreleased = Object.entries(template.meta.versions)
    .filter(([dep, range]) => dep.startsWith('@connectors/') && /^\^?0\.0\.0$/.test(range))
    .map(([dep]) => dep);
  return { packageDir: projectDir, files, target, variables: await configVariables(projectDir), unreleased };
}

function refuseExisting(dir, shown) {
  if (existsSync(dir)) throw new ScaffoldError(`${shown} already exists; nothing was changed. Pick another name, or remove that folder first.`);
}

/** Copies the template to a temporary sibling of `dir`, lets `finish` edit it, then renames it into place. */
async function copyInto(dir, template, { target, variant, skip = () => false, text = (t) => t, finish }) {
  if (!existsSync(join(template.dir, 'package.json'))) throw new ScaffoldError(`The template is missing: ${template.dir}.`);
  await mkdir(dirname(dir), { recursive: true });
  const staging = join(dirname(dir), `.${target.kebab}.scaffold-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const files = [];
  try {
    await copyRenamed(template.dir, staging, { target, variant, skip, text, files, base: staging });
    await finish(staging, files);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return files.sort();
}

async function copyRenamed(fromDir, toDir, options) {
  const { target, variant, skip, text, files, base } = options;
  await mkdir(toDir, { recursive: true });
  for (const entry of await readdir(fromDir, { withFileTypes: true })) {
    const from = join(fromDir, entry.name);
    const to = join(toDir, renameText(entry.name, target));
    if (isSkipped(entry.name, entry.isDirectory()) || skip(relative(base, to).split(sep).join('/'))) continue;
    if (entry.isDirectory()) {
      await copyRenamed(from, to, options);
    } else if (entry.isFile()) {
      const bytes = await readFile(from);
      // Text is renamed (Markdown keeps the notes for this kind of project); anything binary (a NUL byte) is copied as it is.
      if (bytes.includes(0)) await writeFile(to, bytes);
      else {
        const source = bytes.toString('utf8');
        await writeFile(to, text(renameText(entry.name.endsWith('.md') ? keepVariant(source, variant) : source, target)));
      }
      files.push(relative(base, to).split(sep).join('/'));
    }
  }
}

/**
 * A new connector in the workspace starts at 0.0.0, like every package before its first release
 * (its initial changeset, a minor, releases it as 0.1.0), lives in packages/<name>, and is
 * published (the template itself is private). Edited as text so the template's formatting
 * survives, then checked by parsing.
 */
export function finishManifest(text, name) {
  const edited = text
    .replace(/^\s*"private"\s*:\s*true\s*,\n/m, '')
    .replace(/("version"\s*:\s*)"[^"]*"/, '$1"0.0.0"')
    .replace(/("directory"\s*:\s*)"[^"]*"/, `$1"packages/${name}"`);
  const manifest = JSON.parse(edited);
  if (manifest.version === '0.0.0' && manifest.repository?.directory === `packages/${name}` && manifest.private === undefined) return edited;
  // The template's layout changed in a way the text edit missed: rewrite it as JSON instead.
  delete manifest.private;
  manifest.version = '0.0.0';
  manifest.repository = { ...(typeof manifest.repository === 'object' ? manifest.repository : {}), directory: `packages/${name}` };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The standalone project's package.json: its own name and bin, version 0.1.0, the released
 * @connectors packages instead of `workspace:` ranges, and the build tools the workspace root
 * would otherwise provide. No registry name (that namespace is the connectors project's) and no
 * lint script (its tools are the workspace's).
 */
export function standaloneManifest(manifest, { packageName, binName, meta }) {
  const { private: _private, mcpName: _mcpName, repository: _repository, ...rest } = manifest;
  const released = (deps = {}) =>
    Object.fromEntries(
      Object.entries(deps).map(([dep, range]) => {
        if (!range.startsWith('workspace:')) return [dep, range];
        if (!meta.versions[dep]) throw new ScaffoldError(`The template depends on ${dep}, whose released version is unknown.`);
        return [dep, meta.versions[dep]];
      }),
    );
  const { lint: _lint, ...scripts } = rest.scripts ?? {};
  const tools = Object.fromEntries(Object.entries(meta.versions).filter(([dep]) => !dep.startsWith('@connectors/')));
  return `${JSON.stringify(
    {
      ...rest,
      name: packageName,
      version: '0.1.0',
      bin: { [binName]: './dist/bin.js' },
      scripts,
      ...(rest.dependencies ? { dependencies: released(rest.dependencies) } : {}),
      ...(rest.peerDependencies ? { peerDependencies: released(rest.peerDependencies) } : {}),
      devDependencies: sortKeys({ ...released(rest.devDependencies), ...tools }),
      // esbuild (under tsup) installs its binary in a script pnpm runs only when allowed.
      pnpm: { onlyBuiltDependencies: ['esbuild'] },
    },
    null,
    2,
  )}\n`;
}

const sortKeys = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));

/** The environment variables the new package declares, for the summary (best effort). */
async function configVariables(packageDir) {
  try {
    const text = await readFile(join(packageDir, 'src', 'config.ts'), 'utf8');
    return [...text.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]);
  } catch {
    return [];
  }
}
