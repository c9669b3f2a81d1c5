/**
 * The rate limit on client events, as token buckets: a session may send `points` events at
 * once, and gets them back at `points / perSeconds` a second; all the sessions of one client
 * address share `perAddress` events in the same window.
 */
export interface ChatRateLimit {
    /** Events a session may send in a burst. */
    points: number;
    /** Seconds in which a spent burst comes back whole. */
    perSeconds: number;
    /**
     * Events all the sessions of one client address may send in a burst, refilled over
     * `perSeconds` too (a new session id does not get a new budget). @default 10 × points
     */
    perAddress?: number;
}
