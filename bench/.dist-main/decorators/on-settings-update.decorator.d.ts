import type { ChatSession } from '../session/chat-session.js';
import { type ChatHandlerDecorator, type ChatHandlerOptions } from './chat-handler.decorator.js';
/**
 * Runs when the client sends new chat settings values.
 * Signature: `(settings: S, session: ChatSession)`; `S` defaults to `Record<string, unknown>`.
 * Name the values' type to take them typed: `@OnSettingsUpdate<ChatSettingsValues<typeof
 * widgets>>()` (the values are checked against the widgets before the handler runs).
 */
export declare const OnSettingsUpdate: <S = Record<string, unknown>>(options?: ChatHandlerOptions) => ChatHandlerDecorator<[settings: S, session: ChatSession]>;
