export { ACCESS_TOKEN_COOKIE, ChatAuth } from './chat-auth.service.js';
export type * from './chat-user.interface.js';
