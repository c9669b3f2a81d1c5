export {};
//# sourceMappingURL=chat-auth-options.interface.js.map