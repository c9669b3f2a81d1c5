import type { ChatStore } from '../protocol/chat-store.interface.js';
import type { ChatUser } from '../protocol/chat-user.interface.js';
import type { ResumeState } from '../runtime/resume-state.js';
/**
 * Loads what a client that reopens `threadId` gets: the thread's completed steps, its elements
 * with the URL of their stored bytes (under the app's path `root`) and those bytes for the
 * session, if the store has it and it is `user`'s; otherwise the error the client gets
 * (`Thread not found.`, whatever the reason).
 */
export declare function loadResume(store: ChatStore, threadId: string, user: ChatUser | undefined, root: string): Promise<ResumeState>;
