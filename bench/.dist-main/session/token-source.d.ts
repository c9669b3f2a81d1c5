import { type Observable } from 'rxjs';
/** What can be streamed into a message: an Observable or an AsyncIterable of string tokens. */
export type TokenSource = Observable<string> | AsyncIterable<string>;
export declare function isAsyncIterable(value: unknown): value is AsyncIterable<unknown>;
export declare function isTokenSource(value: unknown): value is TokenSource;
