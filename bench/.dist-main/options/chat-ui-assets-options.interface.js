export {};
//# sourceMappingURL=chat-ui-assets-options.interface.js.map