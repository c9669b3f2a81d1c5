export * from './chat-redis-options.interface.js';
