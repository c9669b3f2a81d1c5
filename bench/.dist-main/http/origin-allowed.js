/**
 * Whether a request from a browser page of its `Origin` may reach the chat: the same origin
 * unless `cors` says otherwise. Requests without an Origin (not from a browser page) pass.
 */
export function originAllowed(headers, cors) {
    const origin = headers.origin;
    if (!origin)
        return true;
    if (typeof origin !== 'string')
        return false;
    if (cors === false) {
        try {
            return new URL(origin).host === headers.host;
        }
        catch {
            return false;
        }
    }
    const allowed = cors.origin;
    if (allowed === undefined ||
        allowed === true ||
        allowed === '*' ||
        typeof allowed === 'function') {
        return true;
    }
    const list = Array.isArray(allowed) ? allowed : [allowed];
    return list.some((entry) => (entry instanceof RegExp ? entry.test(origin) : entry === origin));
}
//# sourceMappingURL=origin-allowed.js.map