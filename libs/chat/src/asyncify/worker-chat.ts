import { AsyncLocalStorage } from 'node:async_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { ChatSession } from '../session/chat-session.js';
import { handlerContext } from '../session/handler-context.js';
import { Message } from '../session/message.js';
import { Step } from '../session/step.js';
import { errorMessage } from '../errors/error-message.js';
import type { MessageOptions, StepOptions, StepType } from '../protocol/step.interface.js';
import type { ChatEventMap } from '../protocol/chat-event.interface.js';

/** What a worker task that may talk to the chat runs inside (set by the asyncify worker). */
export interface WorkerChatTask {
  port: MessagePort;
  sessionId: string;
  threadId: string;
  chat?: WorkerChat;
}

/** The events a worker may send to its session: messages, steps, tokens, usage. */
export const WORKER_CHAT_EVENTS = new Set<keyof ChatEventMap>([
  'new_message',
  'stream_start',
  'stream_token',
  'update_message',
  'delete_message',
  'token_usage',
]);

/** Shared through the global object: the worker runtime and this module may be two copies. */
const KEY = Symbol.for('nest-chat.asyncify.chat');
const tasks: AsyncLocalStorage<WorkerChatTask> = ((globalThis as Record<symbol, unknown>)[KEY] ??=
  new AsyncLocalStorage<WorkerChatTask>()) as AsyncLocalStorage<WorkerChatTask>;

/**
 * The chat of the session that started this worker task, on the worker's side: messages, steps
 * and tokens sent here show in the chat as they happen (they travel over the task's MessagePort
 * to the session on the main thread). It has the session's message API — `send`, `message`,
 * `step` — and can be given to `new ChatCallbackHandler({ session })` (nest-chat/langchain), which
 * finds it by itself inside a worker task. Stop ends the task: the thread is ended and replaced,
 * and whatever was streaming ends as it stands.
 */
export class WorkerChat {
  /** Never aborted here: Stop ends the whole thread. */
  readonly signal: AbortSignal = new AbortController().signal;

  /** @internal made by `workerChat()` */
  constructor(
    private readonly port: MessagePort,
    readonly id: string,
    readonly threadId: string,
  ) {}

  /** A new assistant message, not sent yet (`send()`, `stream(token)`, `update()`). */
  message(content = '', options: MessageOptions = {}): Message {
    return new Message(this.asSession(), content, options.author ?? 'Assistant', options);
  }

  /** Sends an assistant message. */
  send(content: string, options: MessageOptions = {}): Promise<Message> {
    return this.message(content, options).send();
  }

  /**
   * Runs `fn` (sync or async) as a step shown in the chat, nested under the enclosing one, its
   * output what `fn` sets or returns, marked `isError` if it throws.
   */
  async step<T>(
    name: string,
    type: StepType,
    fn: (step: Step) => Promise<T> | T,
    options: StepOptions = {},
  ): Promise<T> {
    const store = handlerContext.getStore();
    const inherited = store?.session === this.asSession() ? store : undefined;
    const parentId = options.parentId ?? inherited?.step?.id;
    const step = new Step(this.asSession(), name, type, { ...options, parentId });
    await step.send();
    try {
      const result = await handlerContext.run({ session: this.asSession(), step }, () => fn(step));
      if (step.output === '' && result !== undefined) {
        step.output = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
      }
      step.end = new Date().toISOString();
      await step.update();
      return result;
    } catch (error) {
      step.isError = true;
      if (step.output === '') step.output = errorMessage(error);
      step.end = new Date().toISOString();
      await step.update();
      throw error;
    }
  }

  /** @internal what a message or step sends: to the session on the main thread */
  emit<K extends keyof ChatEventMap>(name: K, data: ChatEventMap[K]): void {
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a MessagePort
    this.port.postMessage({ chat: { name, data } });
  }

  /** @internal the main thread tracks streams */
  trackStreaming(): void {}

  /** @internal */
  reportError(): void {}

  /** @internal */
  showAction(): never {
    throw new Error('A message sent from a worker cannot have actions');
  }

  /** @internal */
  removeAction(): void {}

  /** @internal */
  element(): never {
    throw new Error('A message sent from a worker cannot have elements');
  }

  private asSession(): ChatSession {
    return this as unknown as ChatSession;
  }
}

/**
 * The chat of the worker task running now: call it in a module function run by
 * `AsyncifyService.runFile()` / `streamFile()` from a chat handler (import it from
 * `nest-chat/worker`, which loads no Nest code). Throws anywhere else.
 */
export function workerChat(): WorkerChat {
  const chat = currentWorkerChat();
  if (!chat) {
    throw new Error(
      'workerChat(): no chat here; call it in a function run by AsyncifyService.runFile() or ' +
        'streamFile() from a chat handler (or with asyncify.with({ session }))',
    );
  }
  return chat;
}

/** @internal the worker task's chat, if this code runs in one */
export function currentWorkerChat(): WorkerChat | undefined {
  const task = tasks.getStore();
  if (!task) return undefined;
  return (task.chat ??= new WorkerChat(task.port, task.sessionId, task.threadId));
}
