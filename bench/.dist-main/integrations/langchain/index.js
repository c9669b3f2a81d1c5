export * from './chat-callback.handler.js';
//# sourceMappingURL=index.js.map