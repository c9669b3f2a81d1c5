import type { Action } from './action.interface.js';
import type { ElementDict } from './element.interface.js';
import type { StepDict } from './step.interface.js';
/** What an `ask` waits for. Timeouts are in seconds, as the Chainlit client expects. */
export type AskSpec = {
    type: 'text';
    timeout: number;
    step_id: string;
} | {
    type: 'action';
    timeout: number;
    step_id: string;
    keys: string[];
} | {
    type: 'file';
    timeout: number;
    step_id: string;
    accept: string[] | Record<string, string[]>;
    max_files: number;
    max_size_mb: number;
};
/** A slash command the client offers (`session.setCommands()`). */
export interface ChatCommand {
    id: string;
    description: string;
    /** A Lucide icon name. */
    icon: string;
    /** Also show it as a button next to the input. */
    button?: boolean;
    /** Keep it selected after a message is sent. */
    persistent?: boolean;
}
export type ToastType = 'info' | 'success' | 'warning' | 'error';
/** Every event a session sends to its client, by name, with its payload. */
export interface ChatEventMap {
    new_message: StepDict;
    update_message: StepDict;
    delete_message: Pick<StepDict, 'id'> & Partial<StepDict>;
    stream_start: StepDict;
    stream_token: {
        id: string;
        token: string;
        isSequence: boolean;
        isInput: boolean;
    };
    task_start: Record<string, never>;
    task_end: Record<string, never>;
    clear_ask: Record<string, never>;
    /** Sent with an acknowledgement: the client's answer comes back through it. */
    ask: {
        msg: StepDict;
        spec: AskSpec;
    };
    ask_timeout: Record<string, never>;
    first_interaction: {
        interaction: string;
        thread_id: string;
    };
    toast: {
        message: string;
        type: ToastType;
    };
    token_usage: number;
    action: Action;
    remove_action: Action;
    element: ElementDict;
    remove_element: {
        id: string;
    };
    /** The chat settings panel: its widgets, as `ChatSettingsWidget.toDict()` gives them. */
    chat_settings: Record<string, unknown>[];
    set_commands: ChatCommand[];
    /** The messages the user marked favorite (`fetch_favorites`, `message_favorite`). */
    set_favorites: StepDict[];
    /** To the page that embeds the chat. */
    window_message: unknown;
    /** The history of a thread the client reopened (a stored `ChatThread`). */
    resume_thread: Record<string, unknown> & {
        id: string;
        steps: StepDict[];
    };
    resume_thread_error: string;
    /** A client event was refused; `message` names what was wrong. */
    exception: {
        status: 'error';
        message: string;
    };
    /**
     * A message the user sent (or edited), as a step. Not sent to the client, which shows it
     * already: it is on the stream for subscribers such as storage.
     */
    user_message: StepDict;
}
/** Events on the sessions' streams that stay on the server (never emitted to a socket). */
export declare const SERVER_ONLY_EVENTS: ReadonlySet<ChatEventName>;
export type ChatEventName = keyof ChatEventMap;
/** One event of a session, tagged with the session and thread it belongs to. */
export type ChatEvent<K extends ChatEventName = ChatEventName> = {
    [P in K]: {
        sessionId: string;
        threadId: string;
        name: P;
        data: ChatEventMap[P];
    };
}[K];
