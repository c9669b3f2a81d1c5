export { SESSION_COOKIE } from './chat-http.controller.js';
