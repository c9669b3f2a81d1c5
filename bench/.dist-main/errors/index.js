export * from './ask-timeout.error.js';
export * from './asyncify-closed.error.js';
export * from './asyncify-function.error.js';
export * from './asyncify-queue-full.error.js';
export * from './asyncify-scope.error.js';
export * from './chat-options.error.js';
export * from './session-not-found.error.js';
export * from './task-stopped.error.js';
export * from './session-limit.error.js';
export * from './handler-timeout.error.js';
//# sourceMappingURL=index.js.map