/** The pool was closed (the app is shutting down) before the call could finish. */
export class AsyncifyClosedError extends Error {
    constructor(method) {
        super(`AsyncifyService.${method}: the worker pool is closed (the application is shutting down)`);
        this.name = 'AsyncifyClosedError';
    }
}
//# sourceMappingURL=asyncify-closed.error.js.map