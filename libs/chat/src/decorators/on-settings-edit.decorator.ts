import { CHAT_ON_SETTINGS_EDIT } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/**
 * Runs when a chat settings widget changes before the user confirms the settings (Chainlit's
 * `chat_settings_edit`). The settings do not change: `@OnSettingsUpdate` runs on confirm.
 * Signature: `(edited: Record<string, unknown>, session: ChatSession)`.
 */
export const OnSettingsEdit = (options: ChatHandlerOptions = {}): MethodDecorator =>
  createChatHandlerDecorator(CHAT_ON_SETTINGS_EDIT, options);
