export {};
//# sourceMappingURL=chat-redis-options.interface.js.map