import type { ChatModuleOptions, ResolvedChatOptions } from './chat-module-options.interface.js';
import { ChatOptionsError } from './errors/chat-options.error.js';

export const DEFAULT_CHAT_OPTIONS: ResolvedChatOptions = {
  path: '/ws/socket.io',
  cors: false,
  sessionTimeoutMs: 300_000,
  maxMessageBytes: 1_048_576,
  assistantName: 'Assistant',
};

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ChatOptionsError(name, `must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Applies the defaults and checks every option, naming the one that is wrong. */
export function resolveChatOptions(options: ChatModuleOptions = {}): ResolvedChatOptions {
  if (options === null || typeof options !== 'object') {
    throw new ChatOptionsError('options', `must be an object, got ${typeof options}`);
  }
  const o = { ...DEFAULT_CHAT_OPTIONS, ...stripUndefined(options) };
  if (typeof o.path !== 'string' || !o.path.startsWith('/') || o.path.length < 2) {
    throw new ChatOptionsError(
      'path',
      `must be a string starting with "/", got ${JSON.stringify(o.path)}`,
    );
  }
  if (typeof o.assistantName !== 'string' || o.assistantName.trim() === '') {
    throw new ChatOptionsError('assistantName', 'must be a non-empty string');
  }
  checkInteger('sessionTimeoutMs', o.sessionTimeoutMs, 0);
  checkInteger('maxMessageBytes', o.maxMessageBytes, 1024);
  const cors = o.cors === true ? { origin: true, credentials: true } : o.cors;
  if (cors !== false && (cors === null || typeof cors !== 'object')) {
    throw new ChatOptionsError('cors', 'must be a boolean or an object of CORS options');
  }
  return { ...o, path: o.path.replace(/\/+$/, ''), cors };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
