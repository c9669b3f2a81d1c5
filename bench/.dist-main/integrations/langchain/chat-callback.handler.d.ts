import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { Message } from '../../session/message.js';
import type { StepType } from '../../protocol/step.interface.js';
import type { ChatSession } from '../../session/chat-session.js';
/** Runnables that only wire others together: hidden, their children shown under their parent. */
export declare const WRAPPER_RUNNABLES: string[];
export interface ChatCallbackOptions {
    /** Default: the session of the chat handler being run. */
    session?: ChatSession;
    /**
     * Which runs to hide (their children attach to the nearest shown ancestor). Default: the
     * wrapper runnables (`WRAPPER_RUNNABLES`), unless given a run name of their own.
     */
    hide?: (run: {
        className: string;
        name: string;
        type: StepType;
    }) => boolean;
    /** Stream tokens into the `llm` step as they arrive. @default true */
    streamTokens?: boolean;
    /**
     * Stream the answer into this message (or a new one with `true`): the text of the last LLM
     * call that produced text, token by token.
     */
    answer?: boolean | Message;
}
/**
 * A LangChain.js callback handler that shows a run as nested steps of a chat session: chains and
 * agents as `run` steps, chat models and LLMs as `llm`, tools as `tool`, retrievers as
 * `retrieval`. Pass `handler.config()` (callbacks and the session's signal) to `invoke`/`stream`.
 * Its callbacks are awaited (`awaitHandlers`), so steps are complete when the run returns; it
 * never throws from a callback.
 */
export declare class ChatCallbackHandler extends BaseCallbackHandler {
    name: string;
    awaitHandlers: boolean;
    readonly session: ChatSession;
    /** The message the answer streams into, when `answer` is set. */
    readonly answer?: Message;
    private readonly runs;
    private readonly rootParentId?;
    private readonly hide;
    private readonly streamTokens;
    private answerRun?;
    private answerFresh;
    constructor(options?: ChatCallbackOptions);
    /** What to pass to `invoke()` / `stream()`: this handler, and the signal Stop fires. */
    config(): {
        callbacks: ChatCallbackHandler[];
        signal: AbortSignal;
    };
    handleChainStart(chain: Serialized, inputs: unknown, runId: string, parentRunId?: unknown, _tags?: unknown, _metadata?: unknown, _runType?: unknown, runName?: unknown): Promise<void>;
    handleChainEnd(outputs: unknown, runId: string): Promise<void>;
    handleChainError(error: unknown, runId: string): Promise<void>;
    handleChatModelStart(llm: Serialized, messages: unknown[][], runId: string, parentRunId?: string, _extra?: Record<string, unknown>, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string): Promise<void>;
    handleLLMStart(llm: Serialized, prompts: string[], runId: string, parentRunId?: string, _extra?: Record<string, unknown>, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string): Promise<void>;
    handleLLMNewToken(token: string, _idx: unknown, runId: string): Promise<void>;
    handleLLMEnd(output: {
        generations?: {
            text?: string;
        }[][];
    }, runId: string): Promise<void>;
    handleLLMError(error: unknown, runId: string): Promise<void>;
    handleToolStart(tool: Serialized, input: string, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string): Promise<void>;
    handleToolEnd(output: unknown, runId: string): Promise<void>;
    handleToolError(error: unknown, runId: string): Promise<void>;
    handleRetrieverStart(retriever: Serialized, query: string, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, name?: string): Promise<void>;
    handleRetrieverEnd(documents: {
        pageContent?: string;
    }[], runId: string): Promise<void>;
    handleRetrieverError(error: unknown, runId: string): Promise<void>;
    /** Ends the answer's stream (call after the run, when `answer` is set). */
    finish(): Promise<Message | undefined>;
    private startLlm;
    private start;
    private end;
    private fail;
    private take;
}
