/** Injection token of the resolved options (defaults applied, validated). */
export const CHAT_OPTIONS = Symbol('CHAT_OPTIONS');
//# sourceMappingURL=chat-options.constants.js.map