import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MessageChannel, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { AsyncifyClosedError } from '../errors/asyncify-closed.error.js';
import { AsyncifyFunctionError } from '../errors/asyncify-function.error.js';
import { AsyncifyQueueFullError } from '../errors/asyncify-queue-full.error.js';
import { AsyncifyScopeError } from '../errors/asyncify-scope.error.js';
import { handlerContext } from '../session/handler-context.js';
import type { AsyncifyCallOptions } from '../options/asyncify-options.interface.js';
import { WorkerChatBridge } from './worker-chat.bridge.js';

/** The worker file a piscina pool must run to serve `AsyncifyService` (for the `pool` option). */
export const ASYNCIFY_WORKER = fileURLToPath(new URL('./asyncify.worker.js', import.meta.url));

/** What a sync function gives back once it ran on a worker (a generator: its return value). */
export type AsyncifyResult<R> =
  R extends Generator<unknown, infer T, unknown>
    ? T
    : R extends AsyncGenerator<unknown, infer T, unknown>
      ? T
      : Awaited<R>;

type AnyFunction = (...args: any[]) => unknown;

/**
 * The arguments a worker gets: clones. A function cannot be cloned, so a parameter typed as one
 * is refused at compile time with what to do instead.
 */
export type WorkerArgs<A extends unknown[]> = {
  [K in keyof A]: A[K] extends (...args: any[]) => unknown
    ? 'A function cannot be sent to a worker thread: export it from a module file and use runFile()'
    : A[K];
};
type Yielding<T, A extends unknown[]> = (
  ...args: A
) => Iterator<T, unknown, undefined> | AsyncIterator<T, unknown, undefined>;

interface WorkerTask {
  /** A function by key; its source is sent only to a thread that asks for it. */
  key?: number;
  source?: string;
  url?: string;
  exportName?: string;
  args: unknown[];
  port?: MessagePort;
  /** The session's ids, for `workerChat()` on the worker (a module task from a chat handler). */
  chat?: { sessionId: string; threadId: string };
}

type WorkerOutcome =
  | { ok: true; value: unknown }
  | { ok: false; missing: true }
  | {
      ok: false;
      missing?: undefined;
      error: { name: string; message: string; stack?: string; code?: unknown };
    };

interface FunctionSource {
  key: number;
  source: string;
}

let nextKey = 0;

/** The calls of `AsyncifyService`, with per-call options bound (`asyncify.with({ signal })`). */
export interface AsyncifyCalls {
  run<F extends AnyFunction>(
    fn: F,
    ...args: WorkerArgs<Parameters<F>>
  ): Promise<AsyncifyResult<ReturnType<F>>>;
  wrap<F extends AnyFunction>(
    fn: F,
  ): (...args: WorkerArgs<Parameters<F>>) => Promise<AsyncifyResult<ReturnType<F>>>;
  runFile<R = unknown>(moduleUrl: string | URL, exportName: string, ...args: unknown[]): Promise<R>;
  stream<T, A extends unknown[]>(fn: Yielding<T, A>, ...args: WorkerArgs<A>): AsyncIterable<T>;
  streamFile<T = unknown>(
    moduleUrl: string | URL,
    exportName: string,
    ...args: unknown[]
  ): AsyncIterable<T>;
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
@Injectable()
export class AsyncifyService implements AsyncifyCalls, OnApplicationShutdown {
  private pool?: Piscina;
  private closed = false;
  private readonly sources = new WeakMap<AnyFunction, FunctionSource>();

  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {}

  /** Worker threads alive now (the pool starts on the first call). */
  get threadCount(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** The same calls with options: `asyncify.with({ signal, transfer }).run(fn, ...args)`. */
  with(options: AsyncifyCallOptions): AsyncifyCalls {
    return {
      run: (fn, ...args) => this.call('run', { key: this.keyOf(fn, 'run'), args }, options, fn),
      wrap: (fn) => {
        const key = this.keyOf(fn, 'wrap');
        return (...args) => this.call('wrap', { key, args }, options, fn);
      },
      runFile: (moduleUrl, exportName, ...args) =>
        this.callWithChat(fileTask(moduleUrl, exportName, args), options) as Promise<never>,
      stream: (fn, ...args) =>
        // A stream's port can be sent once: its task always carries the source.
        this.iterate('stream', this.sourceTask(fn, 'stream', args), options, fn),
      streamFile: (moduleUrl, exportName, ...args) =>
        this.iterate(
          'streamFile',
          fileTask(moduleUrl, exportName, args),
          options,
        ) as AsyncIterable<never>,
    } as AsyncifyCalls;
  }

  run<F extends AnyFunction>(
    fn: F,
    ...args: WorkerArgs<Parameters<F>>
  ): Promise<AsyncifyResult<ReturnType<F>>> {
    return this.with({}).run(fn, ...args);
  }

  /** An async function with the same parameters that runs `fn` on a worker. */
  wrap<F extends AnyFunction>(
    fn: F,
  ): (...args: WorkerArgs<Parameters<F>>) => Promise<AsyncifyResult<ReturnType<F>>> {
    return this.with({}).wrap(fn);
  }

  runFile<R = unknown>(
    moduleUrl: string | URL,
    exportName: string,
    ...args: unknown[]
  ): Promise<R> {
    return this.with({}).runFile<R>(moduleUrl, exportName, ...args);
  }

  stream<T, A extends unknown[]>(fn: Yielding<T, A>, ...args: WorkerArgs<A>): AsyncIterable<T> {
    return this.with({}).stream(fn, ...args);
  }

  streamFile<T = unknown>(
    moduleUrl: string | URL,
    exportName: string,
    ...args: unknown[]
  ): AsyncIterable<T> {
    return this.with({}).streamFile<T>(moduleUrl, exportName, ...args);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool && !this.options.asyncify.pool) await pool.destroy();
  }

  private getPool(method: string): Piscina {
    if (this.closed) throw new AsyncifyClosedError(method);
    if (this.pool) return this.pool;
    const { pool, minThreads, maxThreads, idleTimeoutMs, maxQueue, resourceLimits } =
      this.options.asyncify;
    this.pool =
      pool ??
      new Piscina({
        filename: ASYNCIFY_WORKER,
        minThreads,
        maxThreads,
        idleTimeout: idleTimeoutMs,
        maxQueue,
        resourceLimits,
      });
    return this.pool;
  }

  private sourceTask(fn: AnyFunction, method: string, args: unknown[]): WorkerTask {
    const key = this.keyOf(fn, method);
    return { key, source: this.sources.get(fn)!.source, args };
  }

  private keyOf(fn: AnyFunction, method: string): number {
    if (typeof fn !== 'function') {
      throw new AsyncifyFunctionError(
        `AsyncifyService.${method}: expected a function, got ${typeof fn}`,
      );
    }
    const known = this.sources.get(fn);
    if (known) return known.key;
    const source = Function.prototype.toString.call(fn);
    if (source.includes('[native code]')) {
      throw new AsyncifyFunctionError(
        `AsyncifyService.${method}: the function "${fn.name || 'anonymous'}" is native or bound ` +
          'and has no source to send to a worker; pass a plain function or use runFile()',
      );
    }
    if (/^class[\s{]/.test(source)) {
      throw new AsyncifyFunctionError(
        `AsyncifyService.${method}: "${fn.name || 'anonymous'}" is a class; pass a function or use runFile()`,
      );
    }
    const key = nextKey++;
    this.sources.set(fn, { key, source });
    return key;
  }

  /** The signal of a call: its own, else the current chat task's (so Stop reaches the worker). */
  private signalOf(options: AsyncifyCallOptions): AbortSignal | undefined {
    return options.signal ?? handlerContext.getStore()?.task?.signal ?? undefined;
  }

  private async call(
    method: string,
    task: WorkerTask,
    options: AsyncifyCallOptions,
    fn?: AnyFunction,
    signal = this.signalOf(options),
    extraTransfer: TransferListItem[] = [],
  ): Promise<any> {
    const pool = this.getPool(method);
    signal?.throwIfAborted();
    if (task.key !== undefined && task.source === undefined && options.transfer?.length && fn) {
      // What is transferred can be sent once: no second try with the source.
      task = { ...task, source: this.sources.get(fn)?.source };
    }
    let outcome: WorkerOutcome;
    try {
      outcome = await pool.run(task, {
        signal,
        transferList: [...(options.transfer ?? []), ...extraTransfer],
      });
    } catch (error) {
      if (this.closed) throw new AsyncifyClosedError(method);
      if (error instanceof Error && error.message === 'Task queue is at limit') {
        throw new AsyncifyQueueFullError(method, this.options.asyncify.maxQueue);
      }
      throw error;
    }
    if (outcome.ok) return outcome.value;
    if (outcome.missing) {
      // This thread has not compiled the function yet: send its source along, once.
      const source = fn && this.sources.get(fn)?.source;
      if (source === undefined || task.source !== undefined) {
        throw new Error(`AsyncifyService.${method}: the worker could not compile the function`);
      }
      return this.call(method, { ...task, source }, options, fn, signal, extraTransfer);
    }
    const { name, message, stack, code } = outcome.error;
    const missing = /^(\S+) is not defined$/.exec(message)?.[1];
    if (task.key !== undefined && name === 'ReferenceError' && missing) {
      const cause = Object.assign(new ReferenceError(message), { stack });
      throw new AsyncifyScopeError(method, fn?.name || 'anonymous', missing, { cause });
    }
    const error = new Error(message);
    error.name = name;
    if (stack) error.stack = stack;
    if (code !== undefined) Object.assign(error, { code });
    throw error;
  }

  /**
   * `runFile` from a chat handler: the task gets a port, and what the worker's `workerChat()`
   * sends on it reaches the session; the call resolves once the worker's last message came.
   */
  private async callWithChat(task: WorkerTask, options: AsyncifyCallOptions): Promise<unknown> {
    const bridge = this.bridgeOf();
    if (!bridge) return this.call('runFile', task, options);
    const { port1, port2 } = new MessageChannel();
    let ended!: () => void;
    const end = new Promise<void>((resolve) => (ended = resolve));
    port1.on('message', (message: { chat?: object; end?: true }) => {
      if (message.chat) bridge.receive(message.chat);
      else if (message.end) ended();
    });
    try {
      const value = await this.call(
        'runFile',
        { ...task, port: port2, chat: bridge.ids },
        options,
        undefined,
        undefined,
        [port2],
      );
      await end;
      return value;
    } finally {
      bridge.close();
      port1.close();
    }
  }

  /** A bridge to the session of the chat handler running now, if any. */
  private bridgeOf():
    (WorkerChatBridge & { ids: { sessionId: string; threadId: string } }) | undefined {
    const store = handlerContext.getStore();
    if (!store?.session) return undefined;
    const { session } = store;
    const bridge = new WorkerChatBridge(session, store.step?.id ?? store.message?.id);
    return Object.assign(bridge, { ids: { sessionId: session.id, threadId: session.threadId } });
  }

  private async *iterate<T>(
    method: string,
    task: WorkerTask,
    options: AsyncifyCallOptions,
    fn?: AnyFunction,
  ): AsyncGenerator<T> {
    // The caller's signal, and our own to stop the worker when the consumer stops early.
    const own = new AbortController();
    const outer = this.signalOf(options);
    const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal;
    const { port1, port2 } = new MessageChannel();
    const bridge = task.url ? this.bridgeOf() : undefined;
    const queue: T[] = [];
    let head = 0;
    let ended = false;
    let settled = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    port1.on('message', (message: { value?: T; end?: true; chat?: object }) => {
      if (message.chat) return bridge?.receive(message.chat);
      if (message.end) ended = true;
      else queue.push(message.value as T);
      wake?.();
    });
    const chat = bridge?.ids;
    this.call(method, { ...task, port: port2, chat }, options, fn, signal, [port2]).then(
      () => ((settled = true), wake?.()),
      (error) => ((failure = error), (settled = true), wake?.()),
    );
    try {
      for (;;) {
        while (head < queue.length) {
          const value = queue[head];
          queue[head++] = undefined as T;
          if (head > 1024 && head * 2 > queue.length) {
            queue.splice(0, head);
            head = 0;
          }
          yield value;
        }
        if (failure !== undefined) throw failure;
        // Done when the task returned and its last token came (they travel on two channels).
        if (settled && ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      if (!settled)
        own.abort(new DOMException('The stream was closed by its consumer', 'AbortError'));
      bridge?.close();
      port1.close();
    }
  }
}

function fileTask(moduleUrl: string | URL, exportName: string, args: unknown[]): WorkerTask {
  let url: string;
  if (moduleUrl instanceof URL) url = moduleUrl.href;
  else if (/^[a-z][a-z0-9+.-]*:/i.test(moduleUrl)) url = moduleUrl;
  else if (isAbsolute(moduleUrl)) url = pathToFileURL(moduleUrl).href;
  else {
    throw new TypeError(
      `AsyncifyService.runFile: "${moduleUrl}" is relative; pass new URL('./file.js', import.meta.url) or an absolute path`,
    );
  }
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError(
      'AsyncifyService.runFile: exportName must be the name of an exported function',
    );
  }
  return { url, exportName, args };
}
