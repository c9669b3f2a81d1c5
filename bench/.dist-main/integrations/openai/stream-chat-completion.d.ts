import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { LlmStreamOptions, LlmStreamResult } from './openai.interfaces.js';
export type ChatCompletionStreamParams = Omit<ChatCompletionCreateParamsStreaming, 'stream'>;
/**
 * Streams a Chat Completions call into the chat: content deltas become tokens of an assistant
 * message, tool-call deltas are collected, usage is reported (`token_usage`) and returned.
 * Works with any OpenAI-compatible server the client points at.
 */
export declare function streamChatCompletion(client: OpenAI, params: ChatCompletionStreamParams, options?: LlmStreamOptions): Promise<LlmStreamResult>;
/** The call's settings as a step shows them: model parameters only (no prompt, no tools). */
export declare function settingsOf(params: object): Record<string, unknown>;
