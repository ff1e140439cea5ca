#!/usr/bin/env node
// `pnpm create-connector <name> [--title "Acme CRM"] [--dir <workspace root>]`
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTitle, nameProblem, titleProblem } from './names.mjs';
import { REPO_ROOT, scaffold, ScaffoldError } from './scaffold.mjs';

const PNPM = 'npx -y pnpm@10.34.8';

const USAGE = `Usage: ${PNPM} create-connector <name> [--title "Display Name"] [--dir <workspace root>]

Copies templates/connector to packages/<name> as @connectors/<name>, renamed throughout,
and writes the changeset .changeset/<name>-initial.md.

  <name>          lowercase vendor name: letters, digits, dashes (e.g. hubspot, google-sheets)
  --title TEXT    how the vendor is written in prose (default: from the name, e.g. "Google Sheets")
  --dir PATH      workspace root to create it in (default: this repository)
  -h, --help      show this help
`;

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { title: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail(error.message.replace(/\. To specify a positional argument.*$/s, '.'), 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) return fail(`Expected one connector name, got ${positionals.length}: ${positionals.join(' ')}. Quote a --title that has spaces.`, 2);

  const [name] = positionals;
  const problem = nameProblem(name);
  if (problem) return fail(problem, 2);
  const title = values.title?.trim() || defaultTitle(name);
  const badTitle = titleProblem(title);
  if (badTitle) return fail(badTitle, 2);
  const root = resolve(values.dir ?? REPO_ROOT);

  let result;
  try {
    result = await scaffold({ name, title, root });
  } catch (error) {
    if (error instanceof ScaffoldError) return fail(error.message, error.exitCode);
    throw error;
  }
  const { target } = result;
  process.stdout.write(`Created packages/${name}: @connectors/${name} ("${title}"), ${result.files.length} files.
Tools are named ${target.snake}_<action>${result.variables.length ? `; it reads ${result.variables.join(', ')}` : ''}.
Changeset: .changeset/${name}-initial.md

Next steps:
  1. Link it into the workspace:   ${PNPM} install
  2. Build and test it as it is:   ${PNPM} --filter @connectors/${name}... build && ${PNPM} --filter @connectors/${name} test
  3. Generate its reference page:  ${PNPM} run docs   (docs/connectors/${name}.md; the root test checks it is current)
  4. Point src/config.ts and src/client.ts at the ${title} API (base URL, auth, error and rate-limit hooks).
  5. Replace the example tools in src/tools/ (one file per tool) and their tests in test/,
     with fixtures trimmed from real ${title} responses in test/fixtures/api-*.json.
  6. Update README.md and demo/scenario.json; see docs/writing-a-connector.md.
`);
  return 0;
}

function fail(message, code) {
  process.stderr.write(`create-connector: ${message}\nRun with --help for usage.\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
