import type { ContextId } from '@nestjs/core';
import { Subject, type Observable } from 'rxjs';
import type { BaseStep } from '../messages/base-step.js';
import type {
  ChatEvent,
  ChatEventMap,
  ChatEventName,
  ToastType,
} from '../messages/chat-event.interface.js';
import { Message } from '../messages/message.js';
import type {
  MessageOptions,
  StepOptions,
  StepType,
  UserMessage,
} from '../messages/step.interface.js';
import { AskTimeoutError } from '../errors/ask-timeout.error.js';
import { randomUUID } from 'node:crypto';
import { Step } from '../messages/step.js';
import { isTokenSource, type TokenSource } from '../messages/token-source.js';
import { chatStorage } from './chat-context.storage.js';
import type { ChatTask } from './chat-task.js';

/** Who a session is, from its client's handshake. */
export interface ChatSessionInit {
  id: string;
  threadId: string;
  clientType: string;
  env: Record<string, string>;
  chatProfile?: string;
  user?: unknown;
}

/** @internal what a session needs from the module. */
export interface ChatSessionHost {
  publish(event: ChatEvent): void;
  readonly assistantName: string;
}

const IDLE_SIGNAL = new AbortController().signal;

/**
 * One client's chat. It outlives a dropped socket: a client that reconnects with the same
 * `sessionId` within `sessionTimeoutMs` gets the same session back, values and running tasks intact.
 */
export class ChatSession {
  readonly id: string;
  readonly threadId: string;
  readonly clientType: string;
  readonly env: Readonly<Record<string, string>>;
  readonly chatProfile?: string;
  readonly user?: unknown;
  /** Every event this session sends to its client. Completes when the session ends. */
  readonly events$: Observable<ChatEvent>;

  private readonly subject = new Subject<ChatEvent>();
  private readonly values = new Map<string, unknown>();
  private host: ChatSessionHost | undefined;

  /** @internal state kept by the runtime */
  readonly internal = {
    chatStarted: false,
    interacted: false,
    clearRequested: false,
    ended: false,
    sockets: new Set<string>(),
    expiry: undefined as NodeJS.Timeout | undefined,
    task: undefined as ChatTask | undefined,
    queue: Promise.resolve() as Promise<unknown>,
    streaming: new Set<BaseStep>(),
    contextId: undefined as ContextId | undefined,
    scoped: new Map<unknown, unknown>(),
    /** Pending asks by id: what to send again on reconnect, and how to answer them. */
    asks: new Map<
      string,
      { payload: ChatEventMap['ask']; answer(response: unknown): void; cancel(): void }
    >(),
  };

  /** @internal sessions are made by the runtime when a client connects */
  constructor(init: ChatSessionInit, host: ChatSessionHost) {
    this.id = init.id;
    this.threadId = init.threadId;
    this.clientType = init.clientType;
    this.env = Object.freeze({ ...init.env });
    this.chatProfile = init.chatProfile;
    this.user = init.user;
    this.host = host;
    this.events$ = this.subject.asObservable();
  }

  /**
   * Fires when the current task is stopped (the user pressed Stop, or the session ended).
   * Pass it on to what you await: `fetch(url, { signal: session.signal })`.
   */
  get signal(): AbortSignal {
    const store = chatStorage.getStore();
    if (store?.session === this && store.task) return store.task.signal;
    return this.internal.task?.signal ?? IDLE_SIGNAL;
  }

  /** True once the session is over; its events$ has completed. */
  get ended(): boolean {
    return this.internal.ended;
  }

  get<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  /** A new assistant message, not sent yet: `send()`, `stream()` or `pipe()` it. */
  message(content = '', options: MessageOptions = {}): Message {
    if (typeof content !== 'string') {
      throw new TypeError('session.message(content): content must be a string');
    }
    const author = options.author ?? this.host?.assistantName ?? 'Assistant';
    return new Message(this, content, author, options);
  }

  /**
   * Sends an assistant message: a string at once, an Observable or AsyncIterable of tokens as a
   * stream (it resolves when the stream ends, or when the task is stopped).
   */
  async send(content: string | TokenSource, options: MessageOptions = {}): Promise<Message> {
    if (typeof content === 'string') return this.message(content, options).send();
    if (isTokenSource(content)) return this.message('', options).pipe(content);
    throw new TypeError(
      'session.send(content): content must be a string, an Observable<string> or an AsyncIterable<string>',
    );
  }

  /**
   * Runs `fn` as a step shown to the user: nested under the enclosing step (or the user message
   * being handled), timed, its output what `fn` sets or returns, marked `isError` if it throws.
   */
  async step<T>(
    name: string,
    type: StepType,
    fn: (step: Step) => Promise<T> | T,
    options: StepOptions = {},
  ): Promise<T> {
    const store = chatStorage.getStore();
    const inherited = store?.session === this ? store : undefined;
    const parentId = options.parentId ?? inherited?.step?.id ?? inherited?.message?.id;
    const step = new Step(this, name, type, { ...options, parentId });
    await step.send();
    const context = { ...(inherited ?? { session: this }), step };
    try {
      const result = await chatStorage.run(context, () => fn(step));
      if (step.output === '' && result !== undefined) {
        if (typeof result === 'string') step.output = result;
        else {
          step.output = JSON.stringify(result, null, 2) ?? '';
          step.language ??= 'json';
        }
      }
      step.end = new Date().toISOString();
      await step.update();
      return result;
    } catch (error) {
      step.isError = true;
      if (step.output === '') step.output = error instanceof Error ? error.message : String(error);
      step.end = new Date().toISOString();
      await step.update();
      throw error;
    }
  }

  /**
   * Asks the user and waits for the answer (a user message), or `undefined` after `timeout`
   * seconds (the client is told: `ask_timeout`) or when the task is stopped. A pending ask is
   * sent again when the client reconnects.
   */
  ask(
    text: string,
    options: { timeout?: number; raiseOnTimeout?: boolean; author?: string } = {},
  ): Promise<UserMessage | undefined> {
    const { timeout = 60, raiseOnTimeout = false } = options;
    if (!(timeout > 0))
      throw new RangeError('session.ask: timeout must be a number of seconds > 0');
    const message = this.message(text, { author: options.author });
    message.waitForAnswer = true;
    const signal = this.signal;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const finish = (value: UserMessage | undefined, error?: Error) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (!this.internal.asks.delete(message.id)) return;
        this.emit('clear_ask', {});
        // The client shows itself idle while it asks; the task goes on.
        if (this.internal.task && !signal.aborted) this.emit('task_start', {});
        if (error) reject(error);
        else resolve(value);
      };
      const timer = setTimeout(() => {
        this.emit('ask_timeout', {});
        finish(undefined, raiseOnTimeout ? new AskTimeoutError(timeout) : undefined);
      }, timeout * 1000);
      const onAbort = () => finish(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      const payload = {
        msg: message.toDict(),
        spec: { type: 'text' as const, timeout, step_id: message.id },
      };
      this.internal.asks.set(message.id, {
        payload,
        cancel: () => finish(undefined),
        answer: (response) => {
          const reply = response as { id?: unknown; output?: unknown; createdAt?: unknown } | null;
          if (typeof reply?.output !== 'string') return; // not an answer: keep waiting
          finish({
            id: typeof reply.id === 'string' ? reply.id : randomUUID(),
            content: reply.output,
            threadId: this.threadId,
            createdAt:
              typeof reply.createdAt === 'string' ? reply.createdAt : new Date().toISOString(),
            files: [],
          });
        },
      });
      this.emit('ask', payload);
    });
  }

  /** Shows a notification. */
  toast(message: string, type: ToastType = 'info'): void {
    this.emit('toast', { message, type });
  }

  /** @internal the one way events leave a session: its stream, and every session's stream. */
  emit<K extends ChatEventName>(name: K, data: ChatEventMap[K]): void {
    if (this.internal.ended) return;
    const event = { sessionId: this.id, threadId: this.threadId, name, data } as ChatEvent;
    this.subject.next(event);
    this.host?.publish(event);
  }

  /** @internal messages that are streaming now: a client that reconnects gets them again. */
  trackStreaming(step: BaseStep, streaming: boolean): void {
    if (streaming) this.internal.streaming.add(step);
    else this.internal.streaming.delete(step);
  }

  /** @internal ends the session: completes its stream and lets go of everything it holds. */
  close(): void {
    if (this.internal.ended) return;
    this.internal.ended = true;
    clearTimeout(this.internal.expiry);
    this.internal.task?.abort();
    this.subject.complete();
    this.values.clear();
    this.internal.streaming.clear();
    this.internal.scoped.clear();
    for (const ask of this.internal.asks.values()) ask.cancel();
    this.internal.sockets.clear();
    this.host = undefined;
  }
}
