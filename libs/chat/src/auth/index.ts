export { ACCESS_TOKEN_COOKIE, ChatAuth } from './chat-auth.js';
export { ANONYMOUS_PREFIX, IDENTITY_COOKIE } from './chat-identity.js';
export type { RevokedTokensBackend } from './revoked-tokens.js';
