/**
 * Splits a text into the tokens a stream would carry (words with their following whitespace),
 * as an AsyncIterable; handy for tests, demos and canned answers. `delayMs` spaces them out.
 */
export async function* tokensOf(text, options = {}) {
    const { delayMs = 0, signal } = options;
    for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
        if (signal?.aborted)
            return;
        if (delayMs > 0)
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (signal?.aborted)
            return;
        yield token;
    }
}
//# sourceMappingURL=tokens.js.map