import { Injectable } from '@nestjs/common';
import {
  CHAT_ON_ACTION,
  CHAT_ON_CHAT_END,
  CHAT_ON_CHAT_RESUME,
  CHAT_ON_CHAT_START,
  CHAT_ON_DISCONNECT,
  CHAT_ON_MESSAGE,
  CHAT_ON_SETTINGS_EDIT,
  CHAT_ON_SETTINGS_UPDATE,
  CHAT_ON_STOP,
  CHAT_ON_WINDOW_MESSAGE,
} from '../decorators/chat-decorators.constants.js';
import type { ChatHandlerMetadata } from '../decorators/chat-handler.decorator.js';
import type { ChatHandlerKind } from './chat-handler.interface.js';

export const CHAT_HANDLER_KEYS: Readonly<Record<ChatHandlerKind, string>> = {
  chatStart: CHAT_ON_CHAT_START,
  message: CHAT_ON_MESSAGE,
  chatEnd: CHAT_ON_CHAT_END,
  disconnect: CHAT_ON_DISCONNECT,
  stop: CHAT_ON_STOP,
  settingsUpdate: CHAT_ON_SETTINGS_UPDATE,
  settingsEdit: CHAT_ON_SETTINGS_EDIT,
  action: CHAT_ON_ACTION,
  chatResume: CHAT_ON_CHAT_RESUME,
  windowMessage: CHAT_ON_WINDOW_MESSAGE,
};

/** Reads what the handler decorators stored on a method. */
@Injectable()
export class ChatMetadataAccessor {
  getHandlerMetadata(kind: ChatHandlerKind, method: unknown): ChatHandlerMetadata[] {
    if (typeof method !== 'function') return [];
    return Reflect.getMetadata(CHAT_HANDLER_KEYS[kind], method) ?? [];
  }
}
