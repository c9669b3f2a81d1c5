import { lastValueFrom, Observable, type Subscriber, type Subscription } from 'rxjs';

/** Hands a handler's result on: the runtime sends it (a message handler's) or ignores it. */
export type HandlerDelivery = (result: unknown) => Promise<void>;

/**
 * What a handler returned, as it leaves the interceptors: the value itself when the handler has
 * no interceptors, otherwise the interceptors' Observable (and whether the handler returned a
 * token stream, known once the handler has run).
 */
export class HandlerReturn {
  private constructor(
    private readonly value: unknown,
    private readonly intercepted?: Observable<unknown>,
    private readonly streamed?: () => boolean,
  ) {}

  static of(value: unknown): HandlerReturn {
    return new HandlerReturn(value);
  }

  static intercepted(out$: Observable<unknown>, streamed: () => boolean): HandlerReturn {
    return new HandlerReturn(undefined, out$, streamed);
  }

  /**
   * Delivers the result (when `deliver` is given) and resolves with it. Through interceptors, a
   * handler's token stream stays a stream (each token as the interceptors emit it); any other
   * value is the last one the interceptors emit, as Nest resolves an interceptor's Observable.
   */
  async settle(deliver?: HandlerDelivery): Promise<unknown> {
    if (!this.intercepted) {
      if (deliver) await deliver(this.value);
      return this.value;
    }
    if (!deliver) return lastValueFrom(this.intercepted, { defaultValue: undefined });
    return deliverIntercepted(this.intercepted, this.streamed!, deliver);
  }
}

/**
 * Subscribes to the interceptors' Observable and delivers, as soon as it is known that the
 * handler streams, the stream of what they emit (what arrived meanwhile first); otherwise, when
 * it completes, the last value. Unsubscribing from the delivered stream (Stop) unsubscribes from
 * the interceptors, and through them from the handler's source.
 */
function deliverIntercepted(
  out$: Observable<unknown>,
  streamed: () => boolean,
  deliver: HandlerDelivery,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const pending: unknown[] = [];
    let sink: Subscriber<unknown> | undefined;
    let ended: { error: unknown } | 'complete' | undefined;
    let handed = false;
    let cancelled = false;
    let last: unknown;
    let source: Subscription | undefined;
    const stream$ = new Observable<unknown>((subscriber) => {
      for (const value of pending.splice(0)) subscriber.next(value);
      if (ended === 'complete') subscriber.complete();
      else if (ended) subscriber.error(ended.error);
      else sink = subscriber;
      return () => {
        sink = undefined;
        cancelled = true;
        source?.unsubscribe();
      };
    });
    const hand = (value: unknown) => {
      handed = true;
      // Once delivered (or refused), nothing more is read from the interceptors.
      deliver(value).then(
        () => (source?.unsubscribe(), resolve(value)),
        (error: unknown) => (source?.unsubscribe(), reject(error)),
      );
    };
    source = out$.subscribe({
      next: (value) => {
        last = value;
        if (sink) return sink.next(value);
        pending.push(value);
        if (!handed && streamed()) hand(stream$);
      },
      error: (error: unknown) => {
        if (sink) return sink.error(error);
        ended = { error };
        if (!handed) {
          handed = true;
          reject(error);
        }
      },
      complete: () => {
        if (sink) return sink.complete();
        ended = 'complete';
        if (!handed) hand(streamed() ? stream$ : last);
      },
    });
    if (cancelled) source.unsubscribe();
  });
}

/**
 * An AsyncIterable as an Observable, so interceptors can map its tokens. Unsubscribing lets the
 * source clean up (`return()`) at once, without waiting for its next value.
 */
export function observeIterable<T>(source: AsyncIterable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const iterator = source[Symbol.asyncIterator]();
    let finished = false;
    void (async () => {
      try {
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
          if (subscriber.closed) return;
          subscriber.next(r.value);
        }
        finished = true;
        subscriber.complete();
      } catch (error) {
        finished = true;
        subscriber.error(error);
      }
    })();
    return () => {
      if (finished) return;
      finished = true;
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    };
  });
}
