export * from './chat-callback.handler.js';
