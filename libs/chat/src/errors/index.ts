export * from './chat-options.error.js';
export * from './session-not-found.error.js';
export * from './task-stopped.error.js';
