/** A function given to `run()` or `wrap()` read a name from its enclosing scope. */
export declare class AsyncifyScopeError extends Error {
    readonly functionName: string;
    readonly missing: string;
    readonly name = "AsyncifyScopeError";
    constructor(method: string, functionName: string, missing: string, options?: ErrorOptions);
}
