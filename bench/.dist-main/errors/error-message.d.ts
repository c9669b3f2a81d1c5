/** What an error says, for a log line or the user: its message, or the thrown value as text. */
export declare function errorMessage(error: unknown): string;
