import { ChatOptionsError } from '../errors/chat-options.error.js';
import { isObject, show } from '../options/option-checks.js';
/** Checks the `playground` option: `false`, `true` (at `/`) or `{ path }`. */
export function resolvePlaygroundOptions(value) {
    if (value === false)
        return false;
    if (value === true)
        return { path: '' };
    const path = isObject(value) ? (value.path ?? '/') : undefined;
    if (typeof path !== 'string' || !path.startsWith('/')) {
        throw new ChatOptionsError('playground', `must be a boolean or { path } with a path starting with "/", got ${show(value)}`);
    }
    return { path: path.replace(/\/+$/, '') };
}
//# sourceMappingURL=playground-options.js.map