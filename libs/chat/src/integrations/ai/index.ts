export {
  streamAiText,
  type AiTextParams,
  type AiTextResult,
  type AiToolResult,
} from './stream-ai-text.js';
export type {
  LlmStreamOptions,
  LlmStreamResult,
  LlmToolCall,
  LlmUsage,
} from '../openai/openai.interfaces.js';
