import type { ChatSession } from '../session/chat-session.js';
/** Takes an error that escaped a handler of `session`; `false` if the session is not its own. */
export type ContainHandlerError = (session: ChatSession, error: unknown) => boolean;
/**
 * Contains the errors that escape chat handler code, for as long as the returned function is not
 * called (the app's lifetime): one process listener, whichever number of apps.
 */
export declare function containHandlerErrors(contain: ContainHandlerError): () => void;
