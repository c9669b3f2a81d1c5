import { TokenBucket } from './token-bucket.js';
/** A client that goes on sending this many times its burst after a refusal is disconnected. */
export const FLOOD_FACTOR = 10;
/**
 * Which client events reach their handlers: known events within the rate limit (the
 * `rateLimit` option), counted per session and per client address, so that new session ids
 * get no new budget. A refusal is answered once per window; a flood closes the socket.
 */
export class SocketAdmission {
    constructor(events, limit, now = performance.now.bind(performance)) {
        this.events = events;
        this.limit = limit;
        this.now = now;
        this.sessions = new WeakMap();
        this.addresses = new Map();
    }
    /** `undefined` to let `event` through, else what to do instead. */
    check(session, address, event) {
        const name = JSON.stringify(String(event).slice(0, 100));
        const limit = this.limit;
        if (limit) {
            const own = this.budgetOf(session, limit);
            if (!own.bucket.take())
                return this.refuse(own, limit, `${limit.points} events`, name);
            const shared = this.addressBudget(address, limit);
            if (!shared.bucket.take()) {
                const points = limit.perAddress ?? FLOOD_FACTOR * limit.points;
                return this.refuse(shared, limit, `${points} events from one address`, name);
            }
        }
        if (typeof event !== 'string' || !this.events.has(event)) {
            return { notice: `unknown event ${name}` };
        }
        return undefined;
    }
    refuse(budget, limit, most, name) {
        budget.refused++;
        const now = this.now();
        if (now >= budget.quietUntil) {
            budget.quietUntil = now + limit.perSeconds * 1000;
            budget.refused = 1;
            return {
                notice: `rate limit: at most ${most} per ${limit.perSeconds} s; ${name} refused, and the ` +
                    `events after it are refused without an answer: wait ${limit.perSeconds} s`,
            };
        }
        return { disconnect: budget.refused > FLOOD_FACTOR * limit.points };
    }
    budgetOf(session, limit) {
        let budget = this.sessions.get(session);
        if (!budget)
            this.sessions.set(session, (budget = this.newBudget(limit.points, limit)));
        return budget;
    }
    addressBudget(address, limit) {
        let budget = this.addresses.get(address);
        if (!budget) {
            if (this.addresses.size >= 10_000)
                this.forgetWhole();
            budget = this.newBudget(limit.perAddress ?? FLOOD_FACTOR * limit.points, limit);
            this.addresses.set(address, budget);
        }
        return budget;
    }
    newBudget(points, limit) {
        return {
            bucket: new TokenBucket({ points, perSeconds: limit.perSeconds }, this.now),
            quietUntil: 0,
            refused: 0,
        };
    }
    /** Addresses whose budget is whole again need no entry: it would be made the same. */
    forgetWhole() {
        for (const [address, budget] of this.addresses) {
            if (budget.bucket.full)
                this.addresses.delete(address);
        }
    }
}
//# sourceMappingURL=socket-admission.js.map