export { ACCESS_TOKEN_COOKIE, ChatAuth } from './chat-auth.js';
//# sourceMappingURL=index.js.map