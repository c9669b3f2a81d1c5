import { isObservable, type Observable } from 'rxjs';

/** What can be streamed into a message: an Observable or an AsyncIterable of string tokens. */
export type TokenSource = Observable<string> | AsyncIterable<string>;

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}

export function isTokenSource(value: unknown): value is TokenSource {
  return isObservable(value) || isAsyncIterable(value);
}
