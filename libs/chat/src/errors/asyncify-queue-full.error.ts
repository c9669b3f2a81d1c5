/** More calls wait than `asyncify.maxQueue` allows. */
export class AsyncifyQueueFullError extends Error {
  override readonly name = 'AsyncifyQueueFullError';
  constructor(method: string, maxQueue: number) {
    super(
      `AsyncifyService.${method}: ${maxQueue} calls are already waiting for a worker thread ` +
        '(asyncify.maxQueue); try again later or raise the limit',
    );
  }
}
