import type { ChatSession } from './chat-session.js';
import type { StepDict, StepOptions, StepType } from '../protocol/step.interface.js';
import type { TokenSource } from './token-source.js';
export interface StreamOptions {
    /** Replace the whole output (or input) instead of appending. */
    isSequence?: boolean;
    /** Target the step's input instead of its output. */
    isInput?: boolean;
}
/**
 * What messages and steps share: an id, an output that can be sent, streamed, updated, removed.
 * Every change becomes an event on the session's stream; nothing here touches a socket.
 */
export declare abstract class BaseStep {
    protected readonly session: ChatSession;
    readonly type: StepType;
    readonly id: string;
    readonly createdAt: string;
    name: string;
    output: string;
    input?: string;
    parentId?: string;
    start?: string;
    end?: string;
    isError?: boolean;
    language?: string;
    metadata?: Record<string, unknown>;
    tags?: string[];
    showInput?: boolean | string;
    defaultOpen?: boolean;
    /** The message asks the user something (`session.ask()`). */
    waitForAnswer?: boolean;
    /** What an LLM call was (provider, model, settings, token counts, timings): `llm` steps. */
    generation?: Record<string, unknown>;
    private sent;
    private streamingNow;
    protected constructor(session: ChatSession, type: StepType, name: string, output: string, options: StepOptions);
    /** True between the first streamed token and the `update()` that ends the stream. */
    get streaming(): boolean;
    get threadId(): string;
    /** Sends it to the client (`new_message`); on one already sent, same as `update()`. */
    send(): Promise<this>;
    /** Runs once, right after it first appears on the client: what comes with it goes out. */
    protected shown(): Promise<void>;
    /**
     * Appends a token. On a message not sent yet, the first token starts it (`stream_start`,
     * holding that token); the next ones are `stream_token` events. `update()` ends the stream.
     */
    stream(token: string, options?: StreamOptions): void;
    /** Sends the current state (`update_message`); ends streaming. Sends it first if needed. */
    update(): Promise<this>;
    /** Removes it from the client (`delete_message`). */
    remove(): Promise<void>;
    /**
     * Streams every token of `source`, then ends the stream (`update()`). Stopping the task ends it
     * at once with what arrived; an error of the source ends it too, then is thrown.
     */
    pipe(source: TokenSource): Promise<this>;
    toDict(): StepDict;
    /** Inside a stopped task, the message API refuses to go on: the task unwinds here. */
    protected assertActive(): void;
    private endStreaming;
    private streamToken;
    private pipeIterable;
    private pipeFrom;
    private pipeObservable;
}
