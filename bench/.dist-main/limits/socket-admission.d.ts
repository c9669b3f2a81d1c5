import type { ChatRateLimit } from '../options/rate-limit-options.interface.js';
/** A client that goes on sending this many times its burst after a refusal is disconnected. */
export declare const FLOOD_FACTOR = 10;
/** What to do with a client event that is not let through. */
export interface Refusal {
    /** What the client is told, if it is to be told (once per window); nothing otherwise. */
    notice?: string;
    /** The client floods: close its socket (its session stays). */
    disconnect?: boolean;
}
/**
 * Which client events reach their handlers: known events within the rate limit (the
 * `rateLimit` option), counted per session and per client address, so that new session ids
 * get no new budget. A refusal is answered once per window; a flood closes the socket.
 */
export declare class SocketAdmission<Session extends object> {
    private readonly events;
    private readonly limit;
    private readonly now;
    private readonly sessions;
    private readonly addresses;
    constructor(events: ReadonlySet<string>, limit: false | ChatRateLimit, now?: () => number);
    /** `undefined` to let `event` through, else what to do instead. */
    check(session: Session, address: string, event: unknown): Refusal | undefined;
    private refuse;
    private budgetOf;
    private addressBudget;
    private newBudget;
    /** Addresses whose budget is whole again need no entry: it would be made the same. */
    private forgetWhole;
}
