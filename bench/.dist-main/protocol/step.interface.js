export {};
//# sourceMappingURL=step.interface.js.map