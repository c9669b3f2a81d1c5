import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_SETTINGS_UPDATE } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when the client sends new chat settings values.
 * Signature: `(settings: S, session: ChatSession)`; `S` defaults to `Record<string, unknown>`.
 * Name the values' type to take them typed: `@OnSettingsUpdate<ChatSettingsValues<typeof
 * widgets>>()` (the values are checked against the widgets before the handler runs).
 */
export const OnSettingsUpdate = <S = Record<string, unknown>>(
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[settings: S, session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_SETTINGS_UPDATE, options);
