/** Events on the sessions' streams that stay on the server (never emitted to a socket). */
export const SERVER_ONLY_EVENTS = new Set(['user_message']);
//# sourceMappingURL=chat-event.interface.js.map