import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatSessionInit } from '../session/chat-session.js';
/** Reads and checks the handshake `auth` of a socket; the error message is the connect_error. */
export declare function parseHandshake(auth: unknown): ChatSessionInit;
/** Checks a handshake against the app: required user env keys, a known chat profile. */
export declare function checkHandshake(init: ChatSessionInit, options: Pick<ResolvedChatOptions, 'userEnv' | 'chatProfiles'>): ChatSessionInit;
