export { BaseStep } from './base-step.js';
export * from './chat-context.js';
export * from './chat-events.js';
export { ChatSession, } from './chat-session.js';
export * from './chat-sessions.js';
export * from './get-chat-session.js';
export * from './message.js';
export * from './of-chat-event.operator.js';
export * from './step.js';
export * from './tokens.js';
//# sourceMappingURL=index.js.map