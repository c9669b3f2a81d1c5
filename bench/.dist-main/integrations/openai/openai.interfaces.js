export {};
//# sourceMappingURL=openai.interfaces.js.map