import { Injectable, Optional } from '@nestjs/common';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ThreadWriteQueue } from '../persistence/thread-write.queue.js';
import type { StepDict } from '../protocol/step.interface.js';
import { type ChatSession, MAX_FAVORITES } from '../session/chat-session.js';
import type { FavoriteStepDto } from './dto/client-message.dto.js';

/**
 * The messages a user starred (the `favorites` option), as Chainlit keeps them: with storage on
 * and a logged-in user, in the store, across the user's threads; otherwise with the session.
 */
@Injectable()
export class ChatFavorites {
  constructor(
    @Optional() private readonly persistence?: ChatPersistence,
    @Optional() private readonly queue?: ThreadWriteQueue,
  ) {}

  /** The session's favorites: `set_favorites`. */
  async send(session: ChatSession): Promise<void> {
    session.emit('set_favorites', await this.list(session));
  }

  /**
   * Marks a message favorite or not: it is sent again with `metadata.favorite`
   * (`update_message`), stored so when storage is on, then the favorites (`set_favorites`).
   * With storage the message is the stored one (of this thread, or with a user, of one of the
   * user's threads); without, the client's, and only the session's own messages are taken.
   */
  async mark(session: ChatSession, message: FavoriteStepDto): Promise<void> {
    const favorite = message.metadata?.favorite === true;
    const user = this.storedUser(session);
    const known =
      session.hasMessage(message.id) || session.favorites().some((s) => s.id === message.id);
    if (!this.persistence?.enabled) {
      if (!known) throw new Error(`message ${message.id} is not a message of this session`);
      const step: StepDict = {
        id: message.id,
        threadId: session.threadId,
        parentId: message.parentId,
        name: message.name ?? '',
        type: (message.type ?? 'assistant_message') as StepDict['type'],
        output: message.output ?? '',
        createdAt: message.createdAt ?? new Date().toISOString(),
      };
      session.emit('update_message', session.markFavorite(step, favorite));
      return this.send(session);
    }
    const store = this.persistence.store;
    const stored = await store.getStep(message.id);
    const here = stored?.threadId === session.threadId;
    const owner =
      stored && !here && user
        ? (await store.getThreadSummary(stored.threadId))?.userIdentifier
        : undefined;
    if (!stored || (!here && (!user || owner !== user))) {
      throw new Error(
        known
          ? `message ${message.id} is not stored in this thread yet`
          : `message ${message.id} is not a message of this session`,
      );
    }
    const { feedback: _feedback, ...step } = stored;
    const marked = user
      ? { ...step, metadata: { ...step.metadata, favorite } }
      : session.markFavorite(step, favorite);
    if (here) session.emit('update_message', marked);
    else {
      // A message of another of the user's threads: stored there, not in this one.
      await this.queue?.run(stored.threadId, () => store.upsertStep(marked));
    }
    await this.queue?.run(session.threadId, async () => undefined); // this thread's writes done
    return this.send(session);
  }

  private async list(session: ChatSession): Promise<StepDict[]> {
    const user = this.storedUser(session);
    const store = this.persistence?.enabled ? this.persistence.store : undefined;
    if (!user || !store?.listFavoriteSteps) return session.favorites();
    await this.queue?.run(session.threadId, async () => undefined);
    const steps = await store.listFavoriteSteps(user, MAX_FAVORITES);
    return steps.map(({ feedback: _feedback, ...step }) => step);
  }

  /** The identifier whose favorites the store keeps: a logged-in user's, with storage on. */
  private storedUser(session: ChatSession): string | undefined {
    const store = this.persistence?.enabled ? this.persistence.store : undefined;
    return store?.listFavoriteSteps ? session.user?.identifier : undefined;
  }
}
