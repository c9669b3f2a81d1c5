export * from './openai.interfaces.js';
export { streamChatCompletion, type ChatCompletionStreamParams } from './stream-chat-completion.js';
export { streamResponse, type ResponseStreamParams } from './stream-response.js';
