var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';
const settle = () => undefined;
/**
 * Writes in order, one queue per thread: each write starts when the ones queued before it for
 * the same thread are done; threads do not wait for each other. A failed write is logged (or
 * handed to its caller) and the queue goes on.
 */
let ThreadWriteQueue = class ThreadWriteQueue {
    constructor() {
        this.logger = new Logger('ChatPersistence');
        this.tails = new Map();
    }
    /** Threads with writes queued or running. */
    get size() {
        return this.tails.size;
    }
    /** Runs `write` after the thread's queued writes; resolves or rejects with its outcome. */
    run(threadId, write) {
        const result = (this.tails.get(threadId) ?? Promise.resolve()).then(() => write());
        const tail = result.then(settle, settle);
        this.tails.set(threadId, tail);
        void tail.then(() => {
            if (this.tails.get(threadId) === tail)
                this.tails.delete(threadId);
        });
        return result;
    }
    /** Queues `write`; if it fails, the error is logged as "Could not store {what} ...". */
    push(threadId, what, write) {
        this.run(threadId, write).catch((error) => {
            this.logger.error(`Could not store ${what} of thread ${threadId}: ${errorMessage(error)}`, error instanceof Error ? error.stack : undefined);
        });
    }
    /** Resolves when the writes queued so far are done (later ones are not waited for). */
    async flush() {
        await Promise.all(this.tails.values());
    }
    /** Resolves when no write is left, including writes queued meanwhile (for shutdown). */
    async drain() {
        while (this.tails.size > 0)
            await this.flush();
    }
};
ThreadWriteQueue = __decorate([
    Injectable()
], ThreadWriteQueue);
export { ThreadWriteQueue };
//# sourceMappingURL=thread-write.queue.js.map