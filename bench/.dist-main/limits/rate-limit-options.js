import { ChatOptionsError } from '../errors/chat-options.error.js';
import { isObject, show } from '../options/option-checks.js';
/** Checks the `rateLimit` option: `false`, or a burst of `points` refilled over `perSeconds`. */
export function resolveRateLimit(value) {
    if (value === false)
        return false;
    const points = isObject(value) ? value.points : undefined;
    const perSeconds = isObject(value) ? value.perSeconds : undefined;
    if (!isObject(value) ||
        typeof points !== 'number' ||
        !Number.isSafeInteger(points) ||
        points < 1 ||
        typeof perSeconds !== 'number' ||
        !(perSeconds > 0) ||
        !Number.isFinite(perSeconds)) {
        throw new ChatOptionsError('rateLimit', `must be false or { points: an integer >= 1, perSeconds: a number > 0 }, got ${show(value)}`);
    }
    const perAddress = value.perAddress;
    if (perAddress === undefined)
        return { points, perSeconds };
    if (typeof perAddress !== 'number' || !Number.isSafeInteger(perAddress) || perAddress < 1) {
        throw new ChatOptionsError('rateLimit.perAddress', `must be an integer >= 1, got ${show(perAddress)}`);
    }
    return { points, perSeconds, perAddress };
}
//# sourceMappingURL=rate-limit-options.js.map