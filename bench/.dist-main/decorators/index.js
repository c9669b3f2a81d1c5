export * from './chat-handler.decorator.js';
export * from './on-chat-end.decorator.js';
export * from './on-chat-start.decorator.js';
export * from './on-disconnect.decorator.js';
export * from './on-message.decorator.js';
export * from './on-settings-update.decorator.js';
export * from './on-settings-edit.decorator.js';
export * from './on-stop.decorator.js';
export * from './on-action.decorator.js';
export * from './on-chat-resume.decorator.js';
export * from './on-window-message.decorator.js';
export * from './chat-decorators.constants.js';
//# sourceMappingURL=index.js.map