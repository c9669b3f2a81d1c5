export {};
//# sourceMappingURL=resume-state.js.map