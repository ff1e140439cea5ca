// The Client ID Metadata Document Coconut's authorization server fetches from clientMetadataUrl:
// it is this repository's docs/clients/coconut.json, and must describe the client the login is.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { connector } from '../src/connector.js';

it('docs/clients/coconut.json is the document at clientMetadataUrl, for a public client with a loopback redirect', () => {
  const url = connector.oauth!.discover!.clientMetadataUrl!;
  const path = /^https:\/\/raw\.githubusercontent\.com\/connectors\/connectors\/main\/(.+)$/.exec(url)?.[1];
  expect(path).toBe('docs/clients/coconut.json');
  const document = JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
  // The client id is the document's own URL (draft-ietf-oauth-client-id-metadata-document).
  expect(document.client_id).toBe(url);
  expect(document.client_name).toBe(connector.oauth!.discover!.clientName);
  // `auth login` listens on 127.0.0.1 at a free port, path /callback: loopback URIs match any port (RFC 8252 §7.3).
  expect(document.redirect_uris).toContain('http://127.0.0.1/callback');
  expect(document.token_endpoint_auth_method).toBe('none');
  expect(document.grant_types).toEqual(['authorization_code', 'refresh_token']);
});
