import type { LlmStreamOptions, LlmStreamResult, LlmToolCall, LlmUsage } from './openai.interfaces.js';
/** What a provider's stream reader gets: where tokens go, and the signal to pass on. */
export interface LlmIo {
    signal: AbortSignal;
    token(text: string | null | undefined): void;
}
/** What a provider's stream reader found besides the tokens. */
export interface LlmOutcome {
    usage?: LlmUsage;
    toolCalls: LlmToolCall[];
    finishReason?: string;
}
export interface LlmCallSpec {
    model: string;
    /** The prompt as the step shows it (messages, or a Responses input). */
    input: unknown;
    /** The call's settings (model parameters), never the client or its key. */
    settings: Record<string, unknown>;
}
/**
 * Runs one streamed LLM call for a session: tokens into a message, an `llm` step with what
 * Chainlit's instrumentation shows, usage reported, Stop honoured (the stream ends with what
 * arrived), errors thrown for the handler (the user gets them as an error message).
 */
export declare function runLlmCall(spec: LlmCallSpec, options: LlmStreamOptions, read: (io: LlmIo) => Promise<LlmOutcome>): Promise<LlmStreamResult>;
