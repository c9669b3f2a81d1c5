export {};
//# sourceMappingURL=chat-handler.interface.js.map