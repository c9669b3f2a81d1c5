export { ChatPlayground } from './chat-playground.js';
//# sourceMappingURL=index.js.map