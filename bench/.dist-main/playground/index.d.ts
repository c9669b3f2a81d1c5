export { ChatPlayground } from './chat-playground.js';
