export * from './asyncify-options.interface.js';
export type * from './chat-auth-options.interface.js';
export * from './chat-module-options.interface.js';
export * from './chat-options.constants.js';
export * from './chat-options.defaults.js';
export * from './chat-redis-options.interface.js';
export * from './chat-storage-options.interface.js';
export type { ChatRateLimit } from './rate-limit-options.interface.js';
export type * from './chat-ui-assets-options.interface.js';
