/**
 * A token bucket: `points` tokens, refilled continuously at `points / perSeconds` a second.
 * It keeps no timer: the refill is computed when a token is taken.
 */
export declare class TokenBucket {
    private readonly limit;
    private readonly now;
    private tokens;
    private last;
    constructor(limit: {
        points: number;
        perSeconds: number;
    }, now?: () => number);
    /** Takes one token; `false` when none is left. */
    take(): boolean;
    /** Whether it is whole again (nothing spent that has not come back). */
    get full(): boolean;
    private refill;
}
