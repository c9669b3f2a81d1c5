import { type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { AsyncifyCallOptions } from '../options/asyncify-options.interface.js';
/** The worker file a piscina pool must run to serve `AsyncifyService` (for the `pool` option). */
export declare const ASYNCIFY_WORKER: string;
/** What a sync function gives back once it ran on a worker (a generator: its return value). */
export type AsyncifyResult<R> = R extends Generator<unknown, infer T, unknown> ? T : R extends AsyncGenerator<unknown, infer T, unknown> ? T : Awaited<R>;
type AnyFunction = (...args: any[]) => unknown;
type Yielding<T, A extends unknown[]> = (...args: A) => Iterator<T, unknown, undefined> | AsyncIterator<T, unknown, undefined>;
/** The calls of `AsyncifyService`, with per-call options bound (`asyncify.with({ signal })`). */
export interface AsyncifyCalls {
    run<F extends AnyFunction>(fn: F, ...args: Parameters<F>): Promise<AsyncifyResult<ReturnType<F>>>;
    wrap<F extends AnyFunction>(fn: F): (...args: Parameters<F>) => Promise<AsyncifyResult<ReturnType<F>>>;
    runFile<R = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): Promise<R>;
    stream<T, A extends unknown[]>(fn: Yielding<T, A>, ...args: A): AsyncIterable<T>;
    streamFile<T = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): AsyncIterable<T>;
}
/**
 * Runs sync, CPU-bound code on worker threads so one user's work never freezes everyone else's
 * chat. A closure cannot cross into a thread, so there are three honest forms:
 * - `run(fn, ...args)` / `wrap(fn)`: `fn` is self-contained (uses only its arguments and globals);
 *   its source is compiled on the worker once and cached; arguments and result are cloned.
 * - `runFile(moduleUrl, exportName, ...args)`: an exported function of a module file, with its
 *   own imports (a tokenizer, a parser, a vector search).
 * - `stream(fn, ...args)` / `streamFile(...)`: a generator on the worker; what it yields arrives
 *   as an AsyncIterable, in order — return it from `@OnMessage` to stream it into the chat.
 * Inside a chat handler the session's signal is every call's default, so Stop ends the work: the
 * thread is replaced and the next call is served.
 */
export declare class AsyncifyService implements AsyncifyCalls, OnApplicationShutdown {
    private readonly options;
    private pool?;
    private closed;
    private readonly sources;
    constructor(options: ResolvedChatOptions);
    /** Worker threads alive now (the pool starts on the first call). */
    get threadCount(): number;
    /** The same calls with options: `asyncify.with({ signal, transfer }).run(fn, ...args)`. */
    with(options: AsyncifyCallOptions): AsyncifyCalls;
    run<F extends AnyFunction>(fn: F, ...args: Parameters<F>): Promise<AsyncifyResult<ReturnType<F>>>;
    /** An async function with the same parameters that runs `fn` on a worker. */
    wrap<F extends AnyFunction>(fn: F): (...args: Parameters<F>) => Promise<AsyncifyResult<ReturnType<F>>>;
    runFile<R = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): Promise<R>;
    stream<T, A extends unknown[]>(fn: Yielding<T, A>, ...args: A): AsyncIterable<T>;
    streamFile<T = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): AsyncIterable<T>;
    onApplicationShutdown(): Promise<void>;
    private getPool;
    private sourceTask;
    private keyOf;
    /** The signal of a call: its own, else the current chat task's (so Stop reaches the worker). */
    private signalOf;
    private call;
    private iterate;
}
export {};
