import type { Message } from '../../session/message.js';
import type { ChatSession } from '../../session/chat-session.js';
/** Options of `streamChatCompletion()` and `streamResponse()`. */
export interface LlmStreamOptions {
    /** The session to stream to. Default: the session of the chat handler being run. */
    session?: ChatSession;
    /** The message to stream into. Default: a new assistant message. */
    message?: Message;
    /**
     * Show the call as an `llm` step (model, input, output, settings, token counts, time to first
     * token, tokens per second): `true`, a step name, or `false` for none.
     * @default true (named after the model)
     */
    step?: boolean | string;
    /** Aborts the request. Default: the session's signal, so Stop ends the call. */
    signal?: AbortSignal;
}
export interface LlmUsage {
    input: number;
    output: number;
    total: number;
}
/** A tool call the model asked for, its arguments as the JSON text the model wrote. */
export interface LlmToolCall {
    id: string;
    name: string;
    arguments: string;
}
export interface LlmStreamResult {
    /** The text that arrived (all of it, or up to Stop). */
    content: string;
    usage?: LlmUsage;
    toolCalls: LlmToolCall[];
    finishReason?: string;
    /** True when the session's task was stopped mid-call. */
    stopped: boolean;
    /** The message the text streamed into (not sent if no text arrived). */
    message: Message;
}
