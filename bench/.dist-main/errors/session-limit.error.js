/**
 * A session would go past one of the module's limits (`maxSessionFiles`, `maxSessionFileBytes`):
 * the file or element is refused, and the message names the limit.
 */
export class SessionLimitError extends Error {
    constructor(option, message) {
        super(message);
        this.option = option;
        this.name = 'SessionLimitError';
    }
}
//# sourceMappingURL=session-limit.error.js.map