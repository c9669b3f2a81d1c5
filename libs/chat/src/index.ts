export * from './asyncify/index.js';
export * from './auth/index.js';
export * from './options/index.js';
export { ANSWER_LOST_MESSAGE, TASK_STOPPED_MESSAGE } from './runtime/chat-runtime.constants.js';
export { ChatModule } from './chat.module.js';

export * from './decorators/index.js';
export {
  CHAT_CONTEXT_TYPE,
  type ChatContextType,
  type ChatHandlerContext,
  chatContextOf,
} from './discovery/chat-context-of.js';
export * from './errors/index.js';
export * from './health/index.js';
export * from './http/index.js';
export * from './protocol/index.js';
export * from './persistence/index.js';
export * from './session/index.js';
export * from './settings/index.js';
