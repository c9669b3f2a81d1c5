import { Injectable } from '@nestjs/common';
import { SessionNotFoundError } from '../errors/session-not-found.error.js';
import type { MessageOptions } from '../protocol/step.interface.js';
import type { ChatSession } from './chat-session.js';

/** @internal how `ChatSessions` reaches sessions on other instances (the `redis` option). */
export interface ChatSessionsRelay {
  sendTo(sessionId: string, content: string, options: MessageOptions): Promise<boolean>;
  sendToThread(threadId: string, content: string, options: MessageOptions): Promise<number>;
}

/**
 * The live sessions, to reach one from outside a chat handler: a REST controller, a queue
 * consumer, a timer. `sessions.get(id)?.send('Your report is ready.')`.
 */
@Injectable()
export class ChatSessions {
  private readonly byId = new Map<string, ChatSession>();
  /** @internal set when the module runs on Redis */
  relay?: ChatSessionsRelay;

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

  /**
   * Sends an assistant message to the session with this id, whichever instance it lives on (with
   * the `redis` option; without it, this instance only). Resolves `true` once it is sent, `false`
   * if no live session has this id. `options` travel to the other instance: plain data only.
   */
  async sendTo(sessionId: string, content: string, options: MessageOptions = {}): Promise<boolean> {
    checkContent('sendTo', content);
    const session = this.byId.get(sessionId);
    if (session) {
      await session.send(content, options);
      return true;
    }
    return (await this.relay?.sendTo(sessionId, content, options)) ?? false;
  }

  /**
   * Sends an assistant message to every live session showing this thread, on every instance
   * (with the `redis` option; without it, this instance only). Resolves with how many got it.
   */
  async sendToThread(
    threadId: string,
    content: string,
    options: MessageOptions = {},
  ): Promise<number> {
    checkContent('sendToThread', content);
    const [here, elsewhere] = await Promise.all([
      Promise.allSettled(this.findByThread(threadId).map((s) => s.send(content, options))),
      this.relay?.sendToThread(threadId, content, options) ?? 0,
    ]);
    return here.filter((result) => result.status === 'fulfilled').length + elsewhere;
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

function checkContent(method: string, content: unknown): void {
  if (typeof content !== 'string') {
    throw new TypeError(
      `ChatSessions.${method}: content must be a string (a stream cannot reach another instance)`,
    );
  }
}
