/** Metadata keys of the handler decorators; exported so custom decorators can reuse them. */
export const CHAT_ON_CHAT_START = 'chat:on_chat_start';
export const CHAT_ON_MESSAGE = 'chat:on_message';
export const CHAT_ON_CHAT_END = 'chat:on_chat_end';
export const CHAT_ON_DISCONNECT = 'chat:on_disconnect';
export const CHAT_ON_STOP = 'chat:on_stop';
export const CHAT_ON_SETTINGS_UPDATE = 'chat:on_settings_update';
export const CHAT_ON_SETTINGS_EDIT = 'chat:on_settings_edit';
export const CHAT_ON_ACTION = 'chat:on_action';
export const CHAT_ON_CHAT_RESUME = 'chat:on_chat_resume';
export const CHAT_ON_WINDOW_MESSAGE = 'chat:on_window_message';
//# sourceMappingURL=chat-decorators.constants.js.map