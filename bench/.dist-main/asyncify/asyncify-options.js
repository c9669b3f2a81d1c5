import { ChatOptionsError } from '../errors/chat-options.error.js';
import { DEFAULT_CHAT_OPTIONS } from '../options/chat-options.defaults.js';
import { checkInteger, stripUndefined } from '../options/option-checks.js';
/** Checks the `asyncify` option and applies its defaults. */
export function resolveAsyncifyOptions(options = {}) {
    if (options === null || typeof options !== 'object') {
        throw new ChatOptionsError('asyncify', 'must be an object');
    }
    const defaults = DEFAULT_CHAT_OPTIONS.asyncify;
    const given = stripUndefined(options);
    const minThreads = checkInteger('asyncify.minThreads', given.minThreads ?? defaults.minThreads, 1);
    const maxThreads = checkInteger('asyncify.maxThreads', given.maxThreads ?? Math.max(minThreads, defaults.maxThreads), 1);
    if (maxThreads < minThreads) {
        throw new ChatOptionsError('asyncify.maxThreads', `(${maxThreads}) must be at least asyncify.minThreads (${minThreads})`);
    }
    const idleTimeoutMs = checkInteger('asyncify.idleTimeoutMs', given.idleTimeoutMs ?? defaults.idleTimeoutMs, 0);
    const maxQueue = given.maxQueue ?? defaults.maxQueue;
    if (maxQueue !== Number.POSITIVE_INFINITY)
        checkInteger('asyncify.maxQueue', maxQueue, 0);
    if (given.resourceLimits !== undefined &&
        (given.resourceLimits === null || typeof given.resourceLimits !== 'object')) {
        throw new ChatOptionsError('asyncify.resourceLimits', 'must be an object of worker ResourceLimits');
    }
    if (given.pool !== undefined && typeof given.pool?.run !== 'function') {
        throw new ChatOptionsError('asyncify.pool', 'must be a piscina pool (an object with run())');
    }
    return { ...given, minThreads, maxThreads, idleTimeoutMs, maxQueue };
}
//# sourceMappingURL=asyncify-options.js.map