export * from './action.interface.js';
export * from './chat-event.interface.js';
export * from './chat-store.interface.js';
export type * from './chat-user.interface.js';
export * from './element.interface.js';
export * from './step.interface.js';
