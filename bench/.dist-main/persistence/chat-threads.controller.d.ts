import { type OnModuleInit, type StreamableFile } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { ChatAuth } from '../auth/chat-auth.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { ChatPersistence } from './chat-persistence.js';
import type { ChatThread, ChatThreadSummary, Paginated, StoredElement } from '../protocol/chat-store.interface.js';
import { DeleteFeedbackDto, UpdateFeedbackDto } from './dto/feedback.dto.js';
import { ListThreadsDto } from './dto/list-threads.dto.js';
import { RenameThreadDto } from './dto/rename-thread.dto.js';
import { ThreadRefDto } from './dto/thread-ref.dto.js';
import { ThreadWriteQueue } from './thread-write.queue.js';
/**
 * The history routes of the Chainlit client: list, read, rename and delete threads, and give
 * feedback on messages. A caller sees only their own threads (see `ChatRequestIdentity`).
 * Changes go through the thread's write queue, and reads wait for the writes queued before them.
 */
export declare class ChatThreadsController implements OnModuleInit {
    private readonly persistence;
    private readonly queue;
    private readonly sessions;
    private readonly moduleRef;
    private readonly adapterHost;
    private readonly auth?;
    private identify;
    constructor(persistence: ChatPersistence, queue: ThreadWriteQueue, sessions: ChatSessions, moduleRef: ModuleRef, adapterHost: HttpAdapterHost, auth?: ChatAuth | undefined);
    /** Who calls: a `CHAT_REQUEST_IDENTITY` provided anywhere in the app, else the logged-in user. */
    onModuleInit(): void;
    /** A page of the caller's threads, newest first. */
    list(body: ListThreadsDto, req: unknown): Promise<Paginated<ChatThreadSummary>>;
    /** One of the caller's threads, with its steps and elements. */
    get(id: string, req: unknown): Promise<ChatThread>;
    /** An element of one of the caller's threads, with the URL of its bytes. */
    element(threadId: string, elementId: string, req: unknown): Promise<Omit<StoredElement, 'content'>>;
    /** The stored bytes of an element of one of the caller's threads (an image, a file). */
    elementContent(threadId: string, elementId: string, req: unknown, res: unknown): Promise<StreamableFile>;
    /** Renames one of the caller's threads. */
    rename(body: RenameThreadDto, req: unknown): Promise<{
        success: true;
    }>;
    /** Deletes one of the caller's threads, with its steps, elements and feedback. */
    remove(body: ThreadRefDto, req: unknown): Promise<{
        success: true;
    }>;
    /** Sets the feedback on a message of one of the caller's threads (one per message). */
    feedback(body: UpdateFeedbackDto, req: unknown): Promise<{
        success: true;
        feedbackId: string;
    }>;
    /** Deletes a feedback on a message of one of the caller's threads. */
    deleteFeedback(body: DeleteFeedbackDto, req: unknown): Promise<{
        success: true;
    }>;
    /** An element of one of the caller's threads, with its bytes; 404 for anything else. */
    private storedElement;
    private store;
    /** The caller's user identifier, or `undefined` for no user. */
    private caller;
    /** Throws a 404 unless the thread exists and belongs to the caller. */
    private owned;
}
