export * from './chat-context.js';
export * from './chat-events.service.js';
export {
  type AskFileOptions,
  type AskOptions,
  ChatSession,
  type ChatSessionInit,
} from './chat-session.js';
export * from './chat-sessions.service.js';
export * from './get-chat-session.js';
