import type OpenAI from 'openai';
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import type { LlmStreamOptions, LlmStreamResult } from './openai.interfaces.js';
export type ResponseStreamParams = Omit<ResponseCreateParamsStreaming, 'stream'>;
/**
 * Streams a Responses API call into the chat: `response.output_text.delta` events become
 * tokens; function calls and usage come from `response.completed`.
 */
export declare function streamResponse(client: OpenAI, params: ResponseStreamParams, options?: LlmStreamOptions): Promise<LlmStreamResult>;
