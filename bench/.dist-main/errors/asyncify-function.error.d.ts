/** A function that cannot be sent to a worker (a bound, native or class function). */
export declare class AsyncifyFunctionError extends TypeError {
    readonly name = "AsyncifyFunctionError";
}
