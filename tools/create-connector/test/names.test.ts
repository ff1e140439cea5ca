import { describe, expect, it } from 'vitest';
import { defaultTitle, keepVariant, nameProblem, packageNameProblem, renameText, spellings, titleProblem } from '../names.mjs';

describe('spellings', () => {
  it('spells a dashed name for each place it appears', () => {
    expect(spellings('google-sheets')).toEqual({
      kebab: 'google-sheets',
      snake: 'google_sheets',
      camel: 'googleSheets',
      pascal: 'GoogleSheets',
      screaming: 'GOOGLE_SHEETS',
      title: 'Google Sheets',
    });
    expect(defaultTitle('acme')).toBe('Acme');
  });
});

describe('renameText', () => {
  const acme = spellings('acme', 'Acme CRM');
  const sheets = spellings('google-sheets');

  it.each([
    ['@connectors/starter', '@connectors/acme', '@connectors/google-sheets'],
    ["id: 'starter',", "id: 'acme',", "id: 'google-sheets',"],
    ['"connectors-starter": "./dist/bin.js"', '"connectors-acme": "./dist/bin.js"', '"connectors-google-sheets": "./dist/bin.js"'],
    ['https://api.starter.example', 'https://api.acme.example', 'https://api.google-sheets.example'],
    ['STARTER_API_TOKEN', 'ACME_API_TOKEN', 'GOOGLE_SHEETS_API_TOKEN'],
    ['export type StarterContext', 'export type AcmeContext', 'export type GoogleSheetsContext'],
    ['createStarterClient(', 'createAcmeClient(', 'createGoogleSheetsClient('],
    ['useFakeStarterApi()', 'useFakeAcmeApi()', 'useFakeGoogleSheetsApi()'],
    ['const { scope } = starterApi();', 'const { scope } = acmeApi();', 'const { scope } = googleSheetsApi();'],
    ["vendor: 'Starter',", "vendor: 'Acme CRM',", "vendor: 'Google Sheets',"],
    ['the Starter Tasks API', 'the Acme CRM Tasks API', 'the Google Sheets Tasks API'],
    ['`starter_list_tasks`', '`acme_list_tasks`', '`google_sheets_list_tasks`'],
    ['"id": "starter-api-token"', '"id": "acme-api-token"', '"id": "google-sheets-api-token"'],
  ])('%s', (input, forAcme, forSheets) => {
    expect(renameText(input, acme)).toBe(forAcme);
    expect(renameText(input, sheets)).toBe(forSheets);
  });

  it('leaves text without the template name alone', () => {
    const text = "import { z } from 'zod';\nconst taskId = 'tsk_01hq3k5t8m';\n";
    expect(renameText(text, acme)).toBe(text);
  });
});

describe('keepVariant', () => {
  const text = [
    '# Starter',
    '',
    '<!-- template-only -->',
    '> This is the template.',
    '<!-- /template-only -->',
    '',
    'Real text.',
    '',
    '<!-- workspace-only -->',
    'pnpm --filter it test',
    '<!-- /workspace-only -->',
    '<!-- standalone-only -->',
    'npm test',
    '<!-- /standalone-only -->',
    '',
    'The end.',
    '',
  ].join('\n');

  it('drops the notes about the template and keeps the workspace’s lines in the workspace', () => {
    expect(keepVariant(text, 'workspace')).toBe('# Starter\n\nReal text.\n\npnpm --filter it test\n\nThe end.\n');
  });

  it('keeps the standalone lines, without markers, in a project of its own', () => {
    expect(keepVariant(text, 'standalone')).toBe('# Starter\n\nReal text.\n\nnpm test\n\nThe end.\n');
  });

  it('refuses a kind of project it does not know', () => {
    expect(() => keepVariant(text, 'monorepo')).toThrow(/Unknown project kind/);
  });
});

describe('packageNameProblem', () => {
  it.each(['acme-connector', '@me/acme', 'acme.mcp', 'mcp-acme_2'])('accepts %s', (name) => {
    expect(packageNameProblem(name)).toBeUndefined();
  });
  it.each(['Acme', 'acme connector', '@me/', '.acme', 'x'.repeat(215)])('refuses %j', (name) => {
    expect(packageNameProblem(name)).toMatch(/not a valid npm package name/);
  });
  it('keeps the @connectors scope for the project’s own packages', () => {
    expect(packageNameProblem('@connectors/acme')).toMatch(/belongs to the connectors project/);
  });
});

describe('nameProblem', () => {
  it.each(['acme', 'hubspot', 'google-sheets', 'x9', 'a-b-c'])('accepts %s', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['a', /not a valid connector name/],
    ['Acme', /not a valid connector name/],
    ['1password', /not a valid connector name/],
    ['acme_crm', /not a valid connector name/],
    ['acme.crm', /not a valid connector name/],
    ['x'.repeat(32), /not a valid connector name/],
    ['acme-', /dashes/],
    ['acme--crm', /dashes/],
    ['contract', /reserved/],
    ['testkit', /reserved/],
    ['starter', /reserved/],
  ])('refuses %j', (name, message) => {
    expect(nameProblem(name)).toMatch(message);
  });
});

describe('titleProblem', () => {
  it.each(['Acme CRM', 'Google Sheets', 'AT&T', 'Monday.com', 'X (formerly Twitter)'])('accepts %s', (title) => {
    expect(titleProblem(title)).toBeUndefined();
  });

  it.each(["O'Reilly", 'Acme "CRM"', 'Back`tick', '${oops}', 'a\nb', 'x'.repeat(41)])('refuses %j', (title) => {
    expect(titleProblem(title)).toMatch(/not usable/);
  });
});
