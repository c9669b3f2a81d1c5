/** Injection token of the resolved storage option: `false`, or where to store. */
export const CHAT_STORAGE = Symbol('CHAT_STORAGE');
/** Injection token of a `ChatRequestIdentity`: who calls the thread routes. */
export const CHAT_REQUEST_IDENTITY = Symbol('CHAT_REQUEST_IDENTITY');
/** The longest thread name taken from a first message, in characters. */
export const THREAD_NAME_MAX_LENGTH = 100;
//# sourceMappingURL=chat-persistence.constants.js.map