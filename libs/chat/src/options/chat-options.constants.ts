/** Injection token of the resolved options (defaults applied, validated). */
export const CHAT_OPTIONS = Symbol('CHAT_OPTIONS');
