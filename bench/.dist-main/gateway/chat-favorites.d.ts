import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ThreadWriteQueue } from '../persistence/thread-write.queue.js';
import { type ChatSession } from '../session/chat-session.js';
import type { FavoriteStepDto } from './dto/client-message.dto.js';
/**
 * The messages a user starred (the `favorites` option), as Chainlit keeps them: with storage on
 * and a logged-in user, in the store, across the user's threads; otherwise with the session.
 */
export declare class ChatFavorites {
    private readonly persistence?;
    private readonly queue?;
    constructor(persistence?: ChatPersistence | undefined, queue?: ThreadWriteQueue | undefined);
    /** The session's favorites: `set_favorites`. */
    send(session: ChatSession): Promise<void>;
    /**
     * Marks a message favorite or not: it is sent again with `metadata.favorite`
     * (`update_message`), stored so when storage is on, then the favorites (`set_favorites`).
     * With storage the message is the stored one (of this thread, or with a user, of one of the
     * user's threads); without, the client's, and only the session's own messages are taken.
     */
    mark(session: ChatSession, message: FavoriteStepDto): Promise<void>;
    private list;
    /** The identifier whose favorites the store keeps: a logged-in user's, with storage on. */
    private storedUser;
}
