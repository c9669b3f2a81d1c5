/** The pool was closed (the app is shutting down) before the call could finish. */
export declare class AsyncifyClosedError extends Error {
    readonly name = "AsyncifyClosedError";
    constructor(method: string);
}
