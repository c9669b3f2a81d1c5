export * from './chat.constants.js';
export * from './chat-module-options.interface.js';
export { ChatModule } from './chat.module.js';
export { DEFAULT_CHAT_OPTIONS } from './chat-options.js';
export * from './decorators/index.js';
export * from './errors/index.js';
export * from './http/index.js';
export * from './messages/index.js';
export * from './session/index.js';
