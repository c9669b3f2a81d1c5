export * from './chat-settings.widgets.js';
//# sourceMappingURL=index.js.map