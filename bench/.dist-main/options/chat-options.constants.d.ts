/** Injection token of the resolved options (defaults applied, validated). */
export declare const CHAT_OPTIONS: unique symbol;
