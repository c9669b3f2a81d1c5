import type { ChatEventMap } from '../protocol/chat-event.interface.js';
import type { SessionFile } from '../session/session-files.js';
/** What a client that reopens a stored thread gets: its history, or why it cannot be resumed. */
export type ResumeState = {
    thread: ChatEventMap['resume_thread'];
    /** The bytes of its elements, served again to the session. */
    files: SessionFile[];
    /** An answer was in progress when the server stopped: the user is told it was lost. */
    lost: boolean;
} | {
    error: string;
};
