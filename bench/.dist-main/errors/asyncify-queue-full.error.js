/** More calls wait than `asyncify.maxQueue` allows. */
export class AsyncifyQueueFullError extends Error {
    constructor(method, maxQueue) {
        super(`AsyncifyService.${method}: ${maxQueue} calls are already waiting for a worker thread ` +
            '(asyncify.maxQueue); try again later or raise the limit');
        this.name = 'AsyncifyQueueFullError';
    }
}
//# sourceMappingURL=asyncify-queue-full.error.js.map