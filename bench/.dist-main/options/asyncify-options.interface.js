export {};
//# sourceMappingURL=asyncify-options.interface.js.map