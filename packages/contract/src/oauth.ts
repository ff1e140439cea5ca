// @connectors/contract/oauth: OAuth logins (authorization code + PKCE on a loopback redirect), the
// saved-token store a connector's client reads, and where logins and state are kept on disk.
export { connectorsConfigDir, connectorsStateDir, idempotencyFilePath, tokenFilePath } from './core/paths.js';
export type { OAuthLoginOptions, OAuthSpec, OAuthUrl, ScopeContext, StoredTokens } from './definition/oauth-spec.js';
export { oauthLogin } from './oauth/login.js';
export { codeChallengeS256, createCodeVerifier, createState } from './oauth/pkce.js';
export type { OAuthStatus, OAuthTokenStoreOptions } from './oauth/token-store.js';
export { OAuthTokenStore } from './oauth/token-store.js';
