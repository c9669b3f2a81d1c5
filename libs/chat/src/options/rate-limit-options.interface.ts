/**
 * A per-session rate limit on client events, as a token bucket: a session may send `points`
 * events at once, and gets them back at `points / perSeconds` a second.
 */
export interface ChatRateLimit {
  /** Events a session may send in a burst. */
  points: number;
  /** Seconds in which a spent burst comes back whole. */
  perSeconds: number;
}
