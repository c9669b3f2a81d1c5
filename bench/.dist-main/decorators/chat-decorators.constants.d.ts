/** Metadata keys of the handler decorators; exported so custom decorators can reuse them. */
export declare const CHAT_ON_CHAT_START = "chat:on_chat_start";
export declare const CHAT_ON_MESSAGE = "chat:on_message";
export declare const CHAT_ON_CHAT_END = "chat:on_chat_end";
export declare const CHAT_ON_DISCONNECT = "chat:on_disconnect";
export declare const CHAT_ON_STOP = "chat:on_stop";
export declare const CHAT_ON_SETTINGS_UPDATE = "chat:on_settings_update";
export declare const CHAT_ON_SETTINGS_EDIT = "chat:on_settings_edit";
export declare const CHAT_ON_ACTION = "chat:on_action";
export declare const CHAT_ON_CHAT_RESUME = "chat:on_chat_resume";
export declare const CHAT_ON_WINDOW_MESSAGE = "chat:on_window_message";
