export {};
//# sourceMappingURL=rate-limit-options.interface.js.map