/** Thrown at bootstrap when `ChatModule.forRoot()` is given an option it cannot use. */
export declare class ChatOptionsError extends Error {
    readonly name = "ChatOptionsError";
    constructor(option: string, problem: string);
}
