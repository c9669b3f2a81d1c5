import type { StepDict } from '../protocol/step.interface.js';
import type { StoredElement, ChatFeedback, ChatFeedbackInput, ChatStore, ChatThread, ChatThreadPatch, ChatThreadSummary, StoredUser, ListThreadsQuery, NewChatThread, Paginated, StoredStep } from '../protocol/chat-store.interface.js';
import type { SqlClient } from './sql-client.interface.js';
/**
 * The SQL store: one schema (see `chat-store.migrations.ts`) over any PostgreSQL-compatible
 * driver that runs parameterized statements. `SqlChatStore.open(client)` migrates, then serves.
 */
export declare class SqlChatStore implements ChatStore {
    private readonly connection;
    private readonly client;
    private constructor();
    /** A store over `client`, its schema brought up to date. */
    static open(client: SqlClient): Promise<SqlChatStore>;
    upsertUser(user: {
        identifier: string;
        metadata?: Record<string, unknown>;
    }): Promise<StoredUser>;
    getUser(identifier: string): Promise<StoredUser | undefined>;
    createThread(thread: NewChatThread): Promise<void>;
    updateThread(id: string, patch: ChatThreadPatch): Promise<boolean>;
    getThreadSummary(id: string): Promise<ChatThreadSummary | undefined>;
    getThread(id: string): Promise<ChatThread | undefined>;
    listThreads(query: ListThreadsQuery): Promise<Paginated<ChatThreadSummary>>;
    deleteThread(id: string): Promise<boolean>;
    upsertStep(step: StepDict): Promise<void>;
    getStep(id: string): Promise<StoredStep | undefined>;
    listFavoriteSteps(userIdentifier: string, limit: number): Promise<StoredStep[]>;
    deleteStep(id: string): Promise<boolean>;
    upsertElement(element: StoredElement): Promise<void>;
    getElement(id: string): Promise<StoredElement | undefined>;
    deleteElement(id: string): Promise<boolean>;
    upsertFeedback(feedback: ChatFeedbackInput): Promise<ChatFeedback | undefined>;
    getFeedback(id: string): Promise<ChatFeedback | undefined>;
    deleteFeedback(id: string): Promise<boolean>;
    close(): Promise<void>;
}
