/** Thrown at bootstrap when `ChatModule.forRoot()` is given an option it cannot use. */
export class ChatOptionsError extends Error {
    constructor(option, problem) {
        super(`ChatModule: option "${option}" ${problem}`);
        this.name = 'ChatOptionsError';
    }
}
//# sourceMappingURL=chat-options.error.js.map