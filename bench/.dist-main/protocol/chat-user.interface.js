export {};
//# sourceMappingURL=chat-user.interface.js.map