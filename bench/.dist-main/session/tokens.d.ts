/**
 * Splits a text into the tokens a stream would carry (words with their following whitespace),
 * as an AsyncIterable; handy for tests, demos and canned answers. `delayMs` spaces them out.
 */
export declare function tokensOf(text: string, options?: {
    delayMs?: number;
    signal?: AbortSignal;
}): AsyncGenerator<string>;
