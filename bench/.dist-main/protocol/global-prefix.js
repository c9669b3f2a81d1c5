/**
 * A global prefix as a path root: `''` for none, else `/api` (one leading slash, no trailing
 * one), so that `${root}${path}` is where a chat path is served.
 */
export function prefixRoot(prefix) {
    const trimmed = prefix.replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `/${trimmed}`;
}
/** The app's global prefix as a path root (see `prefixRoot`). */
export function globalPrefixRoot(appConfig) {
    return prefixRoot(appConfig.getGlobalPrefix());
}
//# sourceMappingURL=global-prefix.js.map