/** `session.ask(..., { raiseOnTimeout: true })` got no answer in time. */
export class AskTimeoutError extends Error {
    constructor(timeout) {
        super(`The user did not answer within ${timeout} s`);
        this.timeout = timeout;
        this.name = 'AskTimeoutError';
    }
}
//# sourceMappingURL=ask-timeout.error.js.map