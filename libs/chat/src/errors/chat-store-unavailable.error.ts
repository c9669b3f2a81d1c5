import { ServiceUnavailableException } from '@nestjs/common';

/**
 * The chat store cannot be reached (the database is down or restarting): a write that someone
 * waits for (a thread route) is refused at once, with HTTP 503, instead of waiting for it.
 * The history the sessions send meanwhile is held and stored when the database is back.
 */
export class ChatStoreUnavailableError extends ServiceUnavailableException {
  override readonly name = 'ChatStoreUnavailableError';
  constructor(cause: string) {
    super(`The chat history store is unreachable (${cause}); try again when it is back`);
  }
}
