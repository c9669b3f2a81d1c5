import { Observable } from 'rxjs';
/** Hands a handler's result on: the runtime sends it (a message handler's) or ignores it. */
export type HandlerDelivery = (result: unknown) => Promise<void>;
/**
 * What a handler returned, as it leaves the interceptors: the value itself when the handler has
 * no interceptors, otherwise the interceptors' Observable (and whether the handler returned a
 * token stream, known once the handler has run).
 */
export declare class HandlerReturn {
    private readonly value;
    private readonly intercepted?;
    private readonly streamed?;
    private constructor();
    static of(value: unknown): HandlerReturn;
    static intercepted(out$: Observable<unknown>, streamed: () => boolean): HandlerReturn;
    /**
     * Delivers the result (when `deliver` is given) and resolves with it. Through interceptors, a
     * handler's token stream stays a stream (each token as the interceptors emit it); any other
     * value is the last one the interceptors emit, as Nest resolves an interceptor's Observable.
     */
    settle(deliver?: HandlerDelivery): Promise<unknown>;
}
/**
 * An AsyncIterable as an Observable, so interceptors can map its tokens. Unsubscribing lets the
 * source clean up (`return()`) at once, without waiting for its next value.
 */
export declare function observeIterable<T>(source: AsyncIterable<T>): Observable<T>;
