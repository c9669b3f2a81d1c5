export {};
//# sourceMappingURL=action.interface.js.map