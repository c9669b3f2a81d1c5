import type { ChatSession } from '../session/chat-session.js';
import { CHAT_ON_SETTINGS_EDIT } from './chat-decorators.constants.js';
import {
  type ChatHandlerDecorator,
  type ChatHandlerOptions,
  createChatHandlerDecorator,
} from './chat-handler.decorator.js';

/**
 * Runs when a chat settings widget changes before the user confirms the settings (Chainlit's
 * `chat_settings_edit`). The settings do not change: `@OnSettingsUpdate` runs on confirm.
 * Signature: `(edited: S, session: ChatSession)`; `S` defaults to `Record<string, unknown>`.
 */
export const OnSettingsEdit = <S = Record<string, unknown>>(
  options: ChatHandlerOptions = {},
): ChatHandlerDecorator<[edited: S, session: ChatSession]> =>
  createChatHandlerDecorator(CHAT_ON_SETTINGS_EDIT, options);
