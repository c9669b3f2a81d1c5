var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { MessageChannel } from 'node:worker_threads';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { AsyncifyClosedError } from '../errors/asyncify-closed.error.js';
import { AsyncifyFunctionError } from '../errors/asyncify-function.error.js';
import { AsyncifyQueueFullError } from '../errors/asyncify-queue-full.error.js';
import { AsyncifyScopeError } from '../errors/asyncify-scope.error.js';
import { handlerContext } from '../session/handler-context.js';
/** The worker file a piscina pool must run to serve `AsyncifyService` (for the `pool` option). */
export const ASYNCIFY_WORKER = fileURLToPath(new URL('./asyncify.worker.js', import.meta.url));
let nextKey = 0;
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
let AsyncifyService = class AsyncifyService {
    constructor(options) {
        this.options = options;
        this.closed = false;
        this.sources = new WeakMap();
    }
    /** Worker threads alive now (the pool starts on the first call). */
    get threadCount() {
        return this.pool?.threads.length ?? 0;
    }
    /** The same calls with options: `asyncify.with({ signal, transfer }).run(fn, ...args)`. */
    with(options) {
        return {
            run: (fn, ...args) => this.call('run', { key: this.keyOf(fn, 'run'), args }, options, fn),
            wrap: (fn) => {
                const key = this.keyOf(fn, 'wrap');
                return (...args) => this.call('wrap', { key, args }, options, fn);
            },
            runFile: (moduleUrl, exportName, ...args) => this.call('runFile', fileTask(moduleUrl, exportName, args), options),
            stream: (fn, ...args) => 
            // A stream's port can be sent once: its task always carries the source.
            this.iterate('stream', this.sourceTask(fn, 'stream', args), options, fn),
            streamFile: (moduleUrl, exportName, ...args) => this.iterate('streamFile', fileTask(moduleUrl, exportName, args), options),
        };
    }
    run(fn, ...args) {
        return this.with({}).run(fn, ...args);
    }
    /** An async function with the same parameters that runs `fn` on a worker. */
    wrap(fn) {
        return this.with({}).wrap(fn);
    }
    runFile(moduleUrl, exportName, ...args) {
        return this.with({}).runFile(moduleUrl, exportName, ...args);
    }
    stream(fn, ...args) {
        return this.with({}).stream(fn, ...args);
    }
    streamFile(moduleUrl, exportName, ...args) {
        return this.with({}).streamFile(moduleUrl, exportName, ...args);
    }
    async onApplicationShutdown() {
        this.closed = true;
        const pool = this.pool;
        this.pool = undefined;
        if (pool && !this.options.asyncify.pool)
            await pool.destroy();
    }
    getPool(method) {
        if (this.closed)
            throw new AsyncifyClosedError(method);
        if (this.pool)
            return this.pool;
        const { pool, minThreads, maxThreads, idleTimeoutMs, maxQueue, resourceLimits } = this.options.asyncify;
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
    sourceTask(fn, method, args) {
        const key = this.keyOf(fn, method);
        return { key, source: this.sources.get(fn).source, args };
    }
    keyOf(fn, method) {
        if (typeof fn !== 'function') {
            throw new AsyncifyFunctionError(`AsyncifyService.${method}: expected a function, got ${typeof fn}`);
        }
        const known = this.sources.get(fn);
        if (known)
            return known.key;
        const source = Function.prototype.toString.call(fn);
        if (source.includes('[native code]')) {
            throw new AsyncifyFunctionError(`AsyncifyService.${method}: the function "${fn.name || 'anonymous'}" is native or bound ` +
                'and has no source to send to a worker; pass a plain function or use runFile()');
        }
        if (/^class[\s{]/.test(source)) {
            throw new AsyncifyFunctionError(`AsyncifyService.${method}: "${fn.name || 'anonymous'}" is a class; pass a function or use runFile()`);
        }
        const key = nextKey++;
        this.sources.set(fn, { key, source });
        return key;
    }
    /** The signal of a call: its own, else the current chat task's (so Stop reaches the worker). */
    signalOf(options) {
        return options.signal ?? handlerContext.getStore()?.task?.signal ?? undefined;
    }
    async call(method, task, options, fn, signal = this.signalOf(options), extraTransfer = []) {
        const pool = this.getPool(method);
        signal?.throwIfAborted();
        if (task.key !== undefined && task.source === undefined && options.transfer?.length && fn) {
            // What is transferred can be sent once: no second try with the source.
            task = { ...task, source: this.sources.get(fn)?.source };
        }
        let outcome;
        try {
            outcome = await pool.run(task, {
                signal,
                transferList: [...(options.transfer ?? []), ...extraTransfer],
            });
        }
        catch (error) {
            if (this.closed)
                throw new AsyncifyClosedError(method);
            if (error instanceof Error && error.message === 'Task queue is at limit') {
                throw new AsyncifyQueueFullError(method, this.options.asyncify.maxQueue);
            }
            throw error;
        }
        if (outcome.ok)
            return outcome.value;
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
        if (stack)
            error.stack = stack;
        if (code !== undefined)
            Object.assign(error, { code });
        throw error;
    }
    async *iterate(method, task, options, fn) {
        // The caller's signal, and our own to stop the worker when the consumer stops early.
        const own = new AbortController();
        const outer = this.signalOf(options);
        const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal;
        const { port1, port2 } = new MessageChannel();
        const queue = [];
        let head = 0;
        let ended = false;
        let settled = false;
        let failure;
        let wake;
        port1.on('message', (message) => {
            if (message.end)
                ended = true;
            else
                queue.push(message.value);
            wake?.();
        });
        this.call(method, { ...task, port: port2 }, options, fn, signal, [port2]).then(() => ((settled = true), wake?.()), (error) => ((failure = error), (settled = true), wake?.()));
        try {
            for (;;) {
                while (head < queue.length) {
                    const value = queue[head];
                    queue[head++] = undefined;
                    if (head > 1024 && head * 2 > queue.length) {
                        queue.splice(0, head);
                        head = 0;
                    }
                    yield value;
                }
                if (failure !== undefined)
                    throw failure;
                // Done when the task returned and its last token came (they travel on two channels).
                if (settled && ended)
                    return;
                await new Promise((resolve) => (wake = resolve));
                wake = undefined;
            }
        }
        finally {
            if (!settled)
                own.abort(new DOMException('The stream was closed by its consumer', 'AbortError'));
            port1.close();
        }
    }
};
AsyncifyService = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object])
], AsyncifyService);
export { AsyncifyService };
function fileTask(moduleUrl, exportName, args) {
    let url;
    if (moduleUrl instanceof URL)
        url = moduleUrl.href;
    else if (/^[a-z][a-z0-9+.-]*:/i.test(moduleUrl))
        url = moduleUrl;
    else if (isAbsolute(moduleUrl))
        url = pathToFileURL(moduleUrl).href;
    else {
        throw new TypeError(`AsyncifyService.runFile: "${moduleUrl}" is relative; pass new URL('./file.js', import.meta.url) or an absolute path`);
    }
    if (typeof exportName !== 'string' || exportName === '') {
        throw new TypeError('AsyncifyService.runFile: exportName must be the name of an exported function');
    }
    return { url, exportName, args };
}
//# sourceMappingURL=asyncify.service.js.map