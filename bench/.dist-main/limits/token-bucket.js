/**
 * A token bucket: `points` tokens, refilled continuously at `points / perSeconds` a second.
 * It keeps no timer: the refill is computed when a token is taken.
 */
export class TokenBucket {
    constructor(limit, now = performance.now.bind(performance)) {
        this.limit = limit;
        this.now = now;
        this.tokens = limit.points;
        this.last = this.now();
    }
    /** Takes one token; `false` when none is left. */
    take() {
        this.refill();
        if (this.tokens < 1)
            return false;
        this.tokens -= 1;
        return true;
    }
    /** Whether it is whole again (nothing spent that has not come back). */
    get full() {
        this.refill();
        return this.tokens >= this.limit.points;
    }
    refill() {
        const now = this.now();
        const perMs = this.limit.points / (this.limit.perSeconds * 1000);
        this.tokens = Math.min(this.limit.points, this.tokens + (now - this.last) * perMs);
        this.last = now;
    }
}
//# sourceMappingURL=token-bucket.js.map