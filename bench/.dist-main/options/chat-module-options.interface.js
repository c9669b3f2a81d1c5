export {};
//# sourceMappingURL=chat-module-options.interface.js.map