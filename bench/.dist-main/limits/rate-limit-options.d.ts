import type { ChatRateLimit } from '../options/rate-limit-options.interface.js';
/** Checks the `rateLimit` option: `false`, or a burst of `points` refilled over `perSeconds`. */
export declare function resolveRateLimit(value: unknown): false | ChatRateLimit;
