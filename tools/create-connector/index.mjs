#!/usr/bin/env node
// `pnpm create-connector <name>` in the connectors repository, `pnpm create @connectors/connector <name>` anywhere else.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTitle, nameProblem, packageNameProblem, titleProblem } from './names.mjs';
import { findWorkspace, isConnectorsWorkspace, scaffold, scaffoldStandalone, ScaffoldError } from './scaffold.mjs';

const PNPM = 'npx -y pnpm@10.34.8';

const USAGE = `Usage: pnpm create @connectors/connector <name> [--title "Display Name"] [--package <npm name>] [--dir <folder>]
       ${PNPM} create-connector <name> [--title "Display Name"]     (in the connectors repository)

In the connectors repository, copies the connector template to packages/<name> as
@connectors/<name>, renamed throughout, and writes the changeset .changeset/<name>-initial.md.
Anywhere else, creates <name>/ as a project of its own: published as --package, depending on the
released @connectors/contract and @connectors/testkit.

  <name>          lowercase vendor name: letters, digits, dashes (e.g. hubspot, google-sheets)
  --title TEXT    how the vendor is written in prose (default: from the name, e.g. "Google Sheets")
  --package NAME  npm name of a project of its own (default: <name>-connector)
  --dir PATH      where to create it: a connectors repository, or the folder to create <name>/ in
                  (default: the repository the current folder is in, else the current folder)
  -h, --help      show this help
`;

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { title: { type: 'string' }, package: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail(error.message.replace(/\. To specify a positional argument.*$/s, '.'), 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1)
    return fail(`Expected one connector name, got ${positionals.length}: ${positionals.join(' ')}. Quote a --title that has spaces.`, 2);

  const [name] = positionals;
  const problem = nameProblem(name);
  if (problem) return fail(problem, 2);
  const title = values.title?.trim() || defaultTitle(name);
  const badTitle = titleProblem(title);
  if (badTitle) return fail(badTitle, 2);
  const dir = values.dir === undefined ? undefined : resolve(values.dir);
  const workspace = dir === undefined ? findWorkspace(process.cwd()) : isConnectorsWorkspace(dir) ? dir : undefined;
  if (workspace && values.package !== undefined) {
    return fail(`--package is for a project of its own; in the connectors repository the package is @connectors/${name}.`, 2);
  }
  const packageName = values.package ?? `${name}-connector`;
  const badPackage = packageNameProblem(packageName);
  if (badPackage) return fail(badPackage, 2);

  let result;
  try {
    result = workspace
      ? await scaffold({ name, title, root: workspace })
      : await scaffoldStandalone({ name, title, packageName, parent: dir ?? process.cwd() });
  } catch (error) {
    if (error instanceof ScaffoldError) return fail(error.message, error.exitCode);
    throw error;
  }
  process.stdout.write(workspace ? workspaceSummary(name, title, result) : standaloneSummary(name, title, packageName, result));
  return 0;
}

const toolsLine = ({ target, variables }) => `Tools are named ${target.snake}_<action>${variables.length ? `; it reads ${variables.join(', ')}` : ''}.`;

function workspaceSummary(name, title, result) {
  return `Created packages/${name}: @connectors/${name} ("${title}"), ${result.files.length} files.
${toolsLine(result)}
Changeset: .changeset/${name}-initial.md

Next steps:
  1. Link it into the workspace:   ${PNPM} install
  2. Build and test it as it is:   ${PNPM} --filter @connectors/${name}... build && ${PNPM} --filter @connectors/${name} test
  3. Generate its reference page:  ${PNPM} run docs   (docs/connectors/${name}.md; the root test checks it is current)
${vendorSteps(title, 4)}  6. Update README.md and demo/scenario.json; see docs/writing-a-connector.md.
`;
}

function standaloneSummary(name, title, packageName, result) {
  const unreleased = result.unreleased?.length
    ? `
${result.unreleased.join(' and ')} ${result.unreleased.length > 1 ? 'are' : 'is'} not on npm yet (this scaffolder comes from a checkout before
the first release), so \`npm install\` in the new project fails with 404 until then. Meanwhile, build the
checkout (its README's two commands) and install them from it, e.g.
  npm install ${result.unreleased.map((dep) => `<checkout>/packages/${dep.replace('@connectors/', '')}`).join(' ')}
`
    : '';
  return `Created ${name}/: ${packageName} ("${title}"), ${result.files.length} files.
${toolsLine(result)}
${unreleased}
Next steps:
  1. Install and test it as it is: cd ${name} && npm install && npm run build && npm test   (or pnpm)
${vendorSteps(title, 2)}  4. Update README.md; see https://github.com/connectors/connectors/blob/main/docs/writing-a-connector.md
`;
}

const vendorSteps = (title, first) => `  ${first}. Point src/config.ts and src/client.ts at the ${title} API (base URL, auth, error and rate-limit hooks).
  ${first + 1}. Replace the example tools in src/tools/ (one file per tool) and their tests in test/tools/ (one per tool),
     with fixtures trimmed from real ${title} responses in test/fixtures/api-*.json.
`;

function fail(message, code) {
  process.stderr.write(`create-connector: ${message}\nRun with --help for usage.\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
