import { describe, expect, it } from 'vitest';
import { defaultTitle, nameProblem, renameText, spellings, stripTemplateOnly, titleProblem } from '../names.mjs';

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

describe('stripTemplateOnly', () => {
  it('drops the notes about the template, and only those', () => {
    const text = '# Starter\n\n<!-- template-only -->\n> This is the template.\n<!-- /template-only -->\n\nReal text.\n';
    expect(stripTemplateOnly(text)).toBe('# Starter\n\nReal text.\n');
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
