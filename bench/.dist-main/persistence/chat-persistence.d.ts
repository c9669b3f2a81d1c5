import { type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
import type { ChatStorageOptions } from '../options/chat-storage-options.interface.js';
import type { ChatStore } from '../protocol/chat-store.interface.js';
import { ApplicationConfig } from '@nestjs/core';
import type { ChatUser } from '../protocol/chat-user.interface.js';
import type { ResumeState } from '../runtime/resume-state.js';
import { ThreadWriteQueue } from './thread-write.queue.js';
/** The thread's name: the first message, on one line, at most 100 characters. */
export declare function threadName(interaction: string): string;
/**
 * Stores chat history: every session's events, turned into ordered writes per thread.
 * A thread is created at its session's first interaction (named after the first message, owned
 * by the session's user); what the session showed before it (a greeting) is kept until then and
 * stored first, or dropped if the session ends without one. Streamed messages are stored whole,
 * when they start and when they are updated, never token by token. While a task runs, the
 * thread's `metadata.busy` is true.
 */
export declare class ChatPersistence implements OnModuleInit, OnApplicationShutdown {
    private readonly options;
    private readonly events;
    private readonly sessions;
    private readonly queue;
    private readonly appConfig;
    private readonly logger;
    private readonly states;
    private subscription;
    private current;
    private owned;
    constructor(options: false | ChatStorageOptions, events: ChatEvents, sessions: ChatSessions, queue: ThreadWriteQueue, appConfig: ApplicationConfig);
    /** The app's path root (its global prefix), under which stored elements are served. */
    get root(): string;
    /** Whether history is stored (the module's `storage` option). */
    get enabled(): boolean;
    /** The store; throws when storage is off. Write through the queue to keep a thread's order. */
    get store(): ChatStore;
    /**
     * What a client that reopens a thread gets (`undefined` with storage off): its history, or
     * `Thread not found.` when it is missing or another user's.
     */
    loadResume(threadId: string, user: ChatUser | undefined): Promise<ResumeState | undefined>;
    onModuleInit(): Promise<void>;
    /** Sessions have ended by now (their last events are queued): drain, then close the store. */
    onApplicationShutdown(): Promise<void>;
    private onEvent;
    private upsertStep;
    private upsertElement;
    /**
     * Marks the thread busy while a task runs (`metadata.busy`): a thread still marked busy when
     * it is reopened had an answer under way that was lost (the process died). When a task ends,
     * the session's values (`metadata.session`) and chat settings (`metadata.chat_settings`) are
     * saved too, if they changed, so a resumed thread gets them back.
     */
    private markBusy;
    /**
     * A session reopened a stored thread: what it does from now on is stored there. A thread
     * still marked busy (its answer was lost) is marked idle.
     */
    private resumed;
    /** The first interaction: the thread is created, then what the session showed before it. */
    private startThread;
    /** Queues a write on the session's thread, or keeps it until the thread exists. */
    private write;
    /** What is known of a session; forgotten when it ends. `undefined` for a session that is gone. */
    private stateOf;
}
