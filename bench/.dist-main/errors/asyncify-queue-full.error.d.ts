/** More calls wait than `asyncify.maxQueue` allows. */
export declare class AsyncifyQueueFullError extends Error {
    readonly name = "AsyncifyQueueFullError";
    constructor(method: string, maxQueue: number);
}
