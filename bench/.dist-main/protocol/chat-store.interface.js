export {};
//# sourceMappingURL=chat-store.interface.js.map