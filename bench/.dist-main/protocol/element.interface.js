export {};
//# sourceMappingURL=element.interface.js.map