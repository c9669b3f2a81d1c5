export { SESSION_COOKIE } from './chat-http.controller.js';
//# sourceMappingURL=index.js.map