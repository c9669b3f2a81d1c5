import { CHAT_ON_SETTINGS_UPDATE } from './chat-decorators.constants.js';
import { createChatHandlerDecorator, } from './chat-handler.decorator.js';
/**
 * Runs when the client sends new chat settings values.
 * Signature: `(settings: S, session: ChatSession)`; `S` defaults to `Record<string, unknown>`.
 * Name the values' type to take them typed: `@OnSettingsUpdate<ChatSettingsValues<typeof
 * widgets>>()` (the values are checked against the widgets before the handler runs).
 */
export const OnSettingsUpdate = (options = {}) => createChatHandlerDecorator(CHAT_ON_SETTINGS_UPDATE, options);
//# sourceMappingURL=on-settings-update.decorator.js.map