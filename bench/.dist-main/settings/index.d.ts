export * from './chat-settings.widgets.js';
