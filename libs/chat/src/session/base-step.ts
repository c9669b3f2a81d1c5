import { randomUUID } from 'node:crypto';
import { isObservable, type Observable, type Subscription } from 'rxjs';
import { handlerContext } from './handler-context.js';
import type { ChatSession } from './chat-session.js';
import { assignDefined } from './assign-defined.js';
import type { StepDict, StepOptions, StepType } from '../protocol/step.interface.js';
import type { TokenSource } from './token-source.js';

export interface StreamOptions {
  /** Replace the whole output (or input) instead of appending. */
  isSequence?: boolean;
  /** Target the step's input instead of its output. */
  isInput?: boolean;
}

/**
 * What messages and steps share: an id, an output that can be sent, streamed, updated, removed.
 * Every change becomes an event on the session's stream; nothing here touches a socket.
 */
export abstract class BaseStep {
  readonly id: string = randomUUID();
  readonly createdAt: string = new Date().toISOString();
  name: string;
  output: string;
  input?: string;
  parentId?: string;
  start?: string;
  end?: string;
  isError?: boolean;
  language?: string;
  metadata?: Record<string, unknown>;
  tags?: string[];
  showInput?: boolean | string;
  defaultOpen?: boolean;
  /** The message asks the user something (`session.ask()`). */
  waitForAnswer?: boolean;
  /** What an LLM call was (provider, model, settings, token counts, timings): `llm` steps. */
  generation?: Record<string, unknown>;
  private sent = false;
  private streamingNow = false;

  protected constructor(
    protected readonly session: ChatSession,
    readonly type: StepType,
    name: string,
    output: string,
    options: StepOptions,
  ) {
    this.name = name;
    this.output = output;
    this.parentId = options.parentId;
    this.isError = options.isError;
    this.language = options.language;
    this.metadata = options.metadata;
    this.tags = options.tags;
    this.showInput = options.showInput;
    this.defaultOpen = options.defaultOpen;
  }

  /** True between the first streamed token and the `update()` that ends the stream. */
  get streaming(): boolean {
    return this.streamingNow;
  }

  get threadId(): string {
    return this.session.threadId;
  }

  /** Sends it to the client (`new_message`); on one already sent, same as `update()`. */
  async send(): Promise<this> {
    if (this.sent) return this.update();
    this.assertActive();
    this.sent = true;
    this.start ??= new Date().toISOString();
    this.session.emit('new_message', this.toDict());
    await this.shown();
    return this;
  }

  /** @internal marks it as shown by other means (an `ask`), and gives what was shown */
  markShown(): StepDict {
    this.sent = true;
    this.start ??= new Date().toISOString();
    return this.toDict();
  }

  /** Runs once, right after it first appears on the client: what comes with it goes out. */
  protected async shown(): Promise<void> {}

  /**
   * Appends a token. On a message not sent yet, the first token starts it (`stream_start`,
   * holding that token); the next ones are `stream_token` events. `update()` ends the stream.
   */
  stream(token: string, options: StreamOptions = {}): void {
    if (typeof token !== 'string') {
      throw new TypeError(`stream(token): token must be a string, got ${describe(token)}`);
    }
    if (token === '') return;
    this.assertActive();
    const { isSequence = false, isInput = false } = options;
    if (isInput) this.input = isSequence ? token : (this.input ?? '') + token;
    else this.output = isSequence ? token : this.output + token;
    if (!this.streamingNow) {
      this.streamingNow = true;
      this.session.trackStreaming(this, true);
    }
    if (!this.sent) {
      this.sent = true;
      this.start ??= new Date().toISOString();
      this.session.emit('stream_start', this.toDict());
      this.shown().catch((error: unknown) => this.session.reportError(error));
    } else {
      this.session.emit('stream_token', { id: this.id, token, isSequence, isInput });
    }
  }

  /** Sends the current state (`update_message`); ends streaming. Sends it first if needed. */
  async update(): Promise<this> {
    if (!this.sent) {
      this.sent = true;
      this.session.emit('new_message', this.toDict());
      await this.shown();
      return this;
    }
    this.endStreaming();
    this.session.emit('update_message', this.toDict());
    return this;
  }

  /** Removes it from the client (`delete_message`). */
  async remove(): Promise<void> {
    this.endStreaming();
    this.session.emit('delete_message', { id: this.id, threadId: this.threadId });
  }

  /**
   * Streams every token of `source`, then ends the stream (`update()`). Stopping the task ends it
   * at once with what arrived; an error of the source ends it too, then is thrown.
   */
  async pipe(source: TokenSource): Promise<this> {
    const signal = handlerContext.getStore()?.task?.signal;
    try {
      if (isObservable(source)) await this.pipeObservable(source, signal);
      else await this.pipeIterable(source, signal);
    } catch (error) {
      if (this.sent) await this.update();
      throw error;
    }
    // Stopped: Stop has ended the stream already, as the client has it.
    if (this.sent && !(signal?.aborted && !this.streamingNow)) await this.update();
    return this;
  }

  toDict(): StepDict {
    const dict: StepDict = {
      id: this.id,
      threadId: this.threadId,
      name: this.name,
      type: this.type,
      output: this.output,
      createdAt: this.createdAt,
      streaming: this.streamingNow,
    };
    return assignDefined(dict, {
      parentId: this.parentId,
      input: this.input,
      start: this.start,
      end: this.end,
      isError: this.isError,
      language: this.language,
      metadata: this.metadata,
      tags: this.tags,
      showInput: this.showInput,
      defaultOpen: this.defaultOpen,
      generation: this.generation,
      waitForAnswer: this.waitForAnswer,
    });
  }

  /** Inside a stopped task, the message API refuses to go on: the task unwinds here. */
  protected assertActive(): void {
    const store = handlerContext.getStore();
    if (store?.session === this.session && store.task?.signal.aborted) {
      throw store.task.signal.reason;
    }
  }

  private endStreaming(): void {
    if (!this.streamingNow) return;
    this.streamingNow = false;
    this.session.trackStreaming(this, false);
  }

  private streamToken(token: unknown): void {
    if (typeof token !== 'string') {
      throw new TypeError(
        `pipe(source): the source emitted ${describe(token)}; it must emit strings`,
      );
    }
    this.stream(token);
  }

  private async pipeIterable(source: AsyncIterable<string>, signal?: AbortSignal): Promise<void> {
    const iterator = source[Symbol.asyncIterator]();
    try {
      await this.pipeFrom(iterator, signal);
    } catch (error) {
      // A bad token (or the message API refusing): let the source clean up, as `for await` would.
      iterator.return?.().catch(() => undefined);
      throw error;
    }
  }

  private async pipeFrom(iterator: AsyncIterator<string>, signal?: AbortSignal): Promise<void> {
    if (!signal) {
      for (let r = await iterator.next(); !r.done; r = await iterator.next())
        this.streamToken(r.value);
      return;
    }
    // Each step waits for the next token or the abort, whichever comes first. (Not Promise.race
    // on one long-lived abort promise: that would keep a reaction per token until the end.)
    // `aborted` is set by the listener: the signal's getter costs more, read twice per token.
    let aborted = signal.aborted;
    let interrupt: (() => void) | undefined;
    const onAbort = () => {
      aborted = true;
      interrupt?.();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (aborted) break;
        const result = await new Promise<IteratorResult<string> | undefined>((resolve, reject) => {
          interrupt = () => resolve(undefined);
          iterator.next().then(resolve, reject);
        });
        if (result === undefined || aborted) break;
        if (result.done) return;
        this.streamToken(result.value);
      }
      // Stopped: let the source clean up, without waiting on it.
      iterator.return?.().catch(() => undefined);
    } finally {
      interrupt = undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  private pipeObservable(source: Observable<string>, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return resolve();
      let subscription: Subscription | undefined;
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        subscription?.unsubscribe();
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = () => settle();
      signal?.addEventListener('abort', onAbort, { once: true });
      subscription = source.subscribe({
        next: (token) => {
          if (settled) return;
          try {
            this.streamToken(token);
          } catch (error) {
            settle(error);
          }
        },
        error: (error) => settle(error ?? new Error('pipe(source): the source failed')),
        complete: () => settle(),
      });
      if (settled) subscription.unsubscribe();
    });
  }
}

function describe(value: unknown): string {
  if (value == null) return String(value);
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}
