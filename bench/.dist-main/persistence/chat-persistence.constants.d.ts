/** Injection token of the resolved storage option: `false`, or where to store. */
export declare const CHAT_STORAGE: unique symbol;
/** Injection token of a `ChatRequestIdentity`: who calls the thread routes. */
export declare const CHAT_REQUEST_IDENTITY: unique symbol;
/** The longest thread name taken from a first message, in characters. */
export declare const THREAD_NAME_MAX_LENGTH = 100;
