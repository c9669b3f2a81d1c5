export type { StreamOptions } from './base-step.js';
export { BaseStep } from './base-step.js';
export * from './chat-event.interface.js';
export * from './message.js';
export * from './of-chat-event.operator.js';
export * from './step.interface.js';
export * from './step.js';
export type { TokenSource } from './token-source.js';
export * from './tokens.js';
