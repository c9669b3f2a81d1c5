import { CHAT_ON_SETTINGS_UPDATE } from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';

/**
 * Runs when the client sends new chat settings values.
 * Signature: `(settings: Record<string, unknown>, session: ChatSession)`.
 */
export const OnSettingsUpdate = (options: ChatHandlerOptions = {}): MethodDecorator =>
  createChatHandlerDecorator(CHAT_ON_SETTINGS_UPDATE, options);
