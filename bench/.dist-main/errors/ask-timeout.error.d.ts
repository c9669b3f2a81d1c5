/** `session.ask(..., { raiseOnTimeout: true })` got no answer in time. */
export declare class AskTimeoutError extends Error {
    readonly timeout: number;
    readonly name = "AskTimeoutError";
    constructor(timeout: number);
}
