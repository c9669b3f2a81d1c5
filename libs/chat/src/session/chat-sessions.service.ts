import { Injectable } from '@nestjs/common';
import { SessionNotFoundError } from '../errors/session-not-found.error.js';
import type { ChatSession } from './chat-session.js';

/**
 * The live sessions, to reach one from outside a chat handler: a REST controller, a queue
 * consumer, a timer. `sessions.get(id)?.send('Your report is ready.')`.
 */
@Injectable()
export class ChatSessions {
  private readonly byId = new Map<string, ChatSession>();

  /** The live session with this id, or `undefined`. */
  get(sessionId: string): ChatSession | undefined {
    return this.byId.get(sessionId);
  }

  /** The live session with this id; throws `SessionNotFoundError` if there is none. */
  getOrThrow(sessionId: string): ChatSession {
    const session = this.byId.get(sessionId);
    if (!session) throw new SessionNotFoundError(sessionId);
    return session;
  }

  /** The live sessions showing this thread (a thread open in two tabs has two). */
  findByThread(threadId: string): ChatSession[] {
    return [...this.byId.values()].filter((session) => session.threadId === threadId);
  }

  /** Every live session. */
  list(): ChatSession[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  /** @internal */
  add(session: ChatSession): void {
    this.byId.set(session.id, session);
  }

  /** @internal */
  delete(session: ChatSession): void {
    if (this.byId.get(session.id) === session) this.byId.delete(session.id);
  }
}
