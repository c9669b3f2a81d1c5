export {};
//# sourceMappingURL=chat-storage-options.interface.js.map