/**
 * A session would go past one of the module's limits (`maxSessionFiles`, `maxSessionFileBytes`):
 * the file or element is refused, and the message names the limit.
 */
export declare class SessionLimitError extends Error {
    readonly option: 'maxSessionFiles' | 'maxSessionFileBytes';
    readonly name = "SessionLimitError";
    constructor(option: 'maxSessionFiles' | 'maxSessionFileBytes', message: string);
}
