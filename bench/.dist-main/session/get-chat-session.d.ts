import type { ExecutionContext } from '@nestjs/common';
import { ChatSession } from './chat-session.js';
/**
 * The chat session of a guard's ExecutionContext (type `'chat'`), whatever the handler's
 * arguments: `getChatSession(context)?.user` in a guard on a chat handler.
 */
export declare function getChatSession(context: ExecutionContext): ChatSession | undefined;
