/** What an error says, for a log line or the user: its message, or the thrown value as text. */
export function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=error-message.js.map