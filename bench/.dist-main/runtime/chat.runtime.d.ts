import { type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatExplorer } from '../discovery/chat.explorer.js';
import type { Action } from '../protocol/action.interface.js';
import type { StepDict, UserMessage } from '../protocol/step.interface.js';
import type { ResumeState } from './resume-state.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSession, type ChatSessionInit } from '../session/chat-session.js';
import { ChatSessions } from '../session/chat-sessions.js';
/** A user message as the gateway hands it over, validated. */
export interface IncomingMessage {
    id?: string;
    /** The user's name as the client shows it. */
    author?: string;
    content: string;
    createdAt?: string;
    /** Ids of the session's uploads the message carries (`fileReferences`). */
    fileIds?: string[];
    command?: string;
}
/** What `POST /project/action` answers. */
export interface ActionResult {
    success: boolean;
    response: unknown;
}
/**
 * The session lifecycle: sessions made and restored, tasks run one at a time per session with
 * their AbortSignal, handlers called in their context, errors contained, sessions ended.
 */
export declare class ChatRuntime implements OnModuleInit, OnApplicationShutdown {
    private readonly options;
    private readonly explorer;
    private readonly sessions;
    private readonly logger;
    private readonly host;
    private readonly states;
    private shuttingDown;
    private releaseErrors?;
    constructor(options: ResolvedChatOptions, explorer: ChatExplorer, sessions: ChatSessions, events: ChatEvents);
    /** Errors that escape handler code (a timer, an unawaited promise) are its session's. */
    onModuleInit(): void;
    onApplicationShutdown(): void;
    /** Whether a live session has this id (a client coming back to it resumes nothing). */
    isLive(sessionId: string): boolean;
    /**
     * A socket connected: its session, made now or found again (`restored`). A new session that
     * reopens a stored thread gets `resume` (its history, or why not) on its first connect.
     */
    attach(init: ChatSessionInit, socketId: string, resume?: ResumeState): {
        session: ChatSession;
        restored: boolean;
    };
    /**
     * The client is ready: idle state, then chat start once per session. A socket that socket.io
     * `recovered` (connection state recovery, with the `redis` option) was sent every event it
     * missed, in order: sending the streaming message again would repeat its tokens, so it only
     * gets the pending asks again (their answer comes back on the socket that asked).
     */
    connected(session: ChatSession, recovered?: boolean): void;
    /**
     * The client reopened a stored thread: its history (`resume_thread`), its values back in the
     * session, then `@OnChatResume` — whose messages come after the history.
     */
    private resume;
    /**
     * A user message: run the message handlers as the session's next task. Throws, running
     * nothing, when it carries files it may not (the `upload` option) or that the session lacks.
     */
    message(session: ChatSession, incoming: IncomingMessage): Promise<void>;
    /**
     * The user edited one of their messages: the messages after it are deleted, then the message
     * handlers run again on the new text, as the session's next task.
     */
    edit(session: ChatSession, incoming: IncomingMessage & {
        id: string;
    }): Promise<void>;
    /**
     * An action button was clicked: its `@OnAction(name)` handlers run at once, beside the
     * session's task and a pending ask (not queued behind them), with their own signal, which Stop
     * and the session's end fire too. The last handler's return value is the response.
     */
    action(session: ChatSession, action: Action): Promise<ActionResult>;
    /** The page that embeds the chat posted a message. */
    windowMessage(session: ChatSession, data: unknown): Promise<void>;
    /** New chat settings values from the client. */
    settingsUpdate(session: ChatSession, settings: Record<string, unknown>): Promise<void>;
    /** A settings widget changed, not yet confirmed: `@OnSettingsEdit` runs; no setting changes. */
    settingsEdit(session: ChatSession, edited: Record<string, unknown>): Promise<void>;
    /**
     * Stop: fire the signals of the task and of the actions running; the streams they leave end
     * with what the client has (`update_message`); then the stopped message, `@OnStop` and
     * `task_end`, in that order.
     */
    stop(session: ChatSession): Promise<void>;
    /** Ends the session's streams now, as the client has them (`update_message`, not streaming). */
    private endStreams;
    /** The client's answer to a pending ask. */
    answer(session: ChatSession, askId: string, response: unknown): void;
    /** The client starts a new chat: this session ends when its socket closes. */
    clear(session: ChatSession): void;
    /** A socket closed. The last one: `@OnDisconnect`, then the session waits for its client. */
    detach(session: ChatSession, socketId: string): Promise<void>;
    /** Ends a session: its task stops, `@OnChatEnd` runs, its stream completes, its state goes. */
    end(session: ChatSession): Promise<void>;
    /** Shutdown: no more disconnect handling; every session ends. */
    endAll(): Promise<void>;
    /** The runtime's state of a live session; throws for one it did not make or that ended. */
    private stateOf;
    /** Runs `body` as the session's next task, after the ones before it. */
    private enqueue;
    /** Calls each handler of a kind in order; one that fails is reported and the next one runs. */
    private runHandlers;
    /**
     * Runs one handler call within `handlerTimeoutMs`. Past it: the task's signal is aborted
     * (what the handler still sends is refused), the user is told, and `HandlerTimeoutError` is
     * thrown; the call itself is left to settle on its own.
     */
    private within;
    /** What a message handler returned: a string is sent, a stream is streamed. */
    private deliver;
    /** Logs a handler's error (`undefined`: code it left running) and tells the user. */
    private report;
}
/** A user message as a step, the shape the client and storage know. */
export declare function userStep(message: UserMessage, author?: string): StepDict;
