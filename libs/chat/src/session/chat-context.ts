import { Injectable } from '@nestjs/common';
import { handlerContext } from './handler-context.js';
import type { ChatSession } from './chat-session.js';

/**
 * The session of the handler being run, from anywhere its code reaches (services it calls,
 * promises it awaits): inject `ChatContext` instead of passing the session around.
 */
@Injectable()
export class ChatContext {
  /** The current session, or `undefined` outside a chat handler. */
  get current(): ChatSession | undefined {
    return handlerContext.getStore()?.session;
  }

  /** The current session; throws when called outside a chat handler. */
  get session(): ChatSession {
    const session = this.current;
    if (!session) {
      throw new Error(
        'ChatContext.session: no chat session here; it is only set inside chat handlers and what they call',
      );
    }
    return session;
  }
}
