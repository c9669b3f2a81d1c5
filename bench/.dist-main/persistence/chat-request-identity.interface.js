export {};
//# sourceMappingURL=chat-request-identity.interface.js.map