import type { ChatRateLimit } from '../options/rate-limit-options.interface.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Which client events reach their handlers: known events within the session's rate limit (the
 * `rateLimit` option, one bucket per session, shared by its sockets).
 */
export class SocketAdmission<Session extends object> {
  private readonly buckets = new WeakMap<Session, TokenBucket>();

  constructor(
    private readonly events: ReadonlySet<string>,
    private readonly limit: false | ChatRateLimit,
  ) {}

  /** Why `event` is refused for `session`, or `undefined` to let it through. */
  refusal(session: Session, event: unknown): string | undefined {
    const name = JSON.stringify(String(event).slice(0, 100));
    const limit = this.limit;
    if (limit) {
      let bucket = this.buckets.get(session);
      if (!bucket) this.buckets.set(session, (bucket = new TokenBucket(limit)));
      if (!bucket.take()) {
        return `rate limit: at most ${limit.points} events per ${limit.perSeconds} s; ${name} refused`;
      }
    }
    if (typeof event !== 'string' || !this.events.has(event)) return `unknown event ${name}`;
    return undefined;
  }
}
