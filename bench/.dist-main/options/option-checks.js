import { ChatOptionsError } from '../errors/chat-options.error.js';
/** The checks every option resolver shares; each error names the option that is wrong. */
export function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** A value as an error message shows it: strings quoted, NaN as NaN. */
export function show(value) {
    if (typeof value === 'number' || value === null || value === undefined)
        return String(value);
    return JSON.stringify(value) ?? typeof value;
}
/** `value` without its undefined fields, so that defaults apply to them. */
export function stripUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
export function checkInteger(name, value, min) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
        throw new ChatOptionsError(name, `must be an integer >= ${min}, got ${show(value)}`);
    }
    return value;
}
export function checkPositive(name, value) {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw new ChatOptionsError(name, `must be a number > 0, got ${show(value)}`);
    }
    return value;
}
export function checkObject(name, value) {
    if (!isObject(value))
        throw new ChatOptionsError(name, 'must be an object');
    return value;
}
export function checkStrings(name, value) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
        throw new ChatOptionsError(name, 'must be an array of non-empty strings');
    }
    return value;
}
//# sourceMappingURL=option-checks.js.map