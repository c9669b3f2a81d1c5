export * from './openai.interfaces.js';
export { streamChatCompletion } from './stream-chat-completion.js';
export { streamResponse } from './stream-response.js';
//# sourceMappingURL=index.js.map