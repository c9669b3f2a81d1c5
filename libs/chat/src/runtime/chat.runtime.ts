import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ANSWER_LOST_MESSAGE, TASK_STOPPED_MESSAGE } from './chat-runtime.constants.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatHandler, ChatHandlerKind } from '../discovery/chat-handler.interface.js';
import { ChatExplorer } from '../discovery/chat.explorer.js';
import { HandlerTimeoutError } from '../errors/handler-timeout.error.js';
import { TaskStoppedError } from '../errors/task-stopped.error.js';
import { BaseStep } from '../session/base-step.js';
import type { Action } from '../protocol/action.interface.js';
import type { UploadedFile } from '../protocol/element.interface.js';
import type { StepDict, UserMessage } from '../protocol/step.interface.js';
import { isTokenSource } from '../session/token-source.js';
import { chatStorage, type ChatContextStore } from '../session/handler-context.js';
import { ChatEvents } from '../session/chat-events.js';
import {
  ChatSession,
  type ChatSessionHost,
  type ChatSessionInit,
  type ResumeState,
} from '../session/chat-session.js';
import type { SessionFile } from '../session/session-files.js';

type ResumeThread = Extract<ResumeState, { thread: unknown }>['thread'];
import { ChatSessions } from '../session/chat-sessions.js';
import { ChatTask } from '../session/chat-task.js';

/** A user message as the gateway hands it over, validated. */
export interface IncomingMessage {
  id?: string;
  /** The user's name as the client shows it. */
  author?: string;
  content: string;
  createdAt?: string;
  files?: UploadedFile[];
  command?: string;
}

/** What `POST /project/action` answers. */
export interface ActionResult {
  success: boolean;
  response: unknown;
}

/**
 * The session lifecycle: sessions made and restored, tasks run one at a time per session with
 * their AbortSignal, handlers called in their context, errors contained, sessions ended.
 */
@Injectable()
export class ChatRuntime {
  private readonly logger = new Logger('ChatRuntime');
  private readonly host: ChatSessionHost;
  private shuttingDown = false;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly explorer: ChatExplorer,
    private readonly sessions: ChatSessions,
    events: ChatEvents,
    @Optional() private readonly persistence?: ChatPersistence,
  ) {
    this.host = {
      publish: (event) => events.publish(event),
      reportError: (session, error) => void this.report(session, 'message attachments', error),
      assistantName: options.assistantName,
      limits: {
        maxSessionFiles: options.maxSessionFiles,
        maxSessionFileBytes: options.maxSessionFileBytes,
        maxAskTimeoutSeconds: options.maxAskTimeoutSeconds,
      },
    };
  }

  /** A socket connected: its session, made now or found again (`restored`). */
  attach(init: ChatSessionInit, socketId: string): { session: ChatSession; restored: boolean } {
    let session = this.sessions.get(init.id);
    if (session && session.user?.identifier !== init.user?.identifier) {
      // Another user's session id: refused, revealing nothing of it.
      throw new Error('connection refused: session not available');
    }
    const restored = session !== undefined;
    if (!session) {
      session = new ChatSession(init, this.host);
      this.sessions.add(session);
    }
    clearTimeout(session.internal.expiry);
    session.internal.expiry = undefined;
    session.internal.sockets.add(socketId);
    return { session, restored };
  }

  /**
   * The client is ready: idle state, then chat start once per session. A socket that socket.io
   * `recovered` (connection state recovery, with the `redis` option) was sent every event it
   * missed, in order: sending the streaming message again would repeat its tokens, so it only
   * gets the pending asks again (their answer comes back on the socket that asked).
   */
  connected(session: ChatSession, recovered = false): void {
    if (recovered && session.internal.chatStarted) {
      for (const { payload } of session.internal.asks.values()) session.emit('ask', payload);
      return;
    }
    session.emit('task_end', {});
    session.emit('clear_ask', {});
    if (session.internal.task) session.emit('task_start', {});
    // A message that was streaming while the client was away: send it whole, tokens follow.
    for (const step of session.internal.streaming) session.emit('stream_start', step.toDict());
    // An ask still waiting for its answer is asked again.
    for (const { payload } of session.internal.asks.values()) session.emit('ask', payload);
    if (session.internal.chatStarted) return;
    session.internal.chatStarted = true;
    const resume = session.internal.resume;
    session.internal.resume = undefined;
    if (resume && 'thread' in resume) return this.resume(session, resume);
    if (resume) session.emit('resume_thread_error', resume.error);
    if (this.explorer.get('chatStart').length === 0) return;
    void this.enqueue(session, () => this.runHandlers(session, 'chatStart', [session]));
  }

  /**
   * Before a new session is made for a client that asks to reopen `threadId`: its stored
   * history, if the store has it and it is the user's; otherwise the error the client gets
   * (`Thread not found.`, whatever the reason) and a new thread id.
   */
  async prepareResume(init: ChatSessionInit): Promise<ChatSessionInit> {
    const store = this.persistence?.enabled ? this.persistence.store : undefined;
    if (!store || this.sessions.get(init.id)) return init;
    const thread = await store.getThread(init.threadId);
    const owner = thread?.userIdentifier ?? undefined;
    if (!thread || owner !== init.user?.identifier) {
      return { ...init, threadId: randomUUID(), resume: { error: 'Thread not found.' } };
    }
    const complete = thread.steps.filter((step) => !step.streaming);
    const files: SessionFile[] = [];
    for (const element of thread.elements) {
      if (!element.chainlitKey) continue;
      const stored = await store.getElement(element.id);
      if (!stored?.content) continue;
      const content = Buffer.from(stored.content);
      const mime = element.mime ?? 'application/octet-stream';
      files.push({
        id: element.chainlitKey,
        name: element.name,
        mime,
        size: content.length,
        content,
      });
    }
    return {
      ...init,
      resume: {
        thread: { ...thread, steps: complete } as ResumeThread,
        files,
        lost: complete.length < thread.steps.length || thread.metadata?.busy === true,
      },
    };
  }

  /**
   * The client reopened a stored thread: its history (`resume_thread`), its values back in the
   * session, then `@OnChatResume` — whose messages come after the history.
   */
  private resume(session: ChatSession, state: Extract<ResumeState, { thread: unknown }>): void {
    const { thread } = state;
    session.internal.interacted = true;
    const metadata = (thread.metadata ?? {}) as Record<string, unknown>;
    const values = metadata.session;
    if (values && typeof values === 'object') {
      for (const [key, value] of Object.entries(values)) session.set(key, value);
    }
    for (const file of state.files) {
      try {
        session.addFile(file);
      } catch (error) {
        this.logger.warn(`Thread ${thread.id}: ${(error as Error).message}`);
      }
    }
    for (const step of thread.steps) {
      if (!step.parentId || step.type === 'user_message')
        session.internal.history.set(step.id, step.type);
    }
    session.emit('resume_thread', thread);
    if (state.lost) {
      void session
        .message(ANSWER_LOST_MESSAGE, { type: 'system_message' })
        .send()
        .catch(() => undefined);
    }
    if (this.explorer.get('chatResume').length === 0) return;
    void this.enqueue(session, () => this.runHandlers(session, 'chatResume', [thread, session]));
  }

  /** A user message: run the message handlers as the session's next task. */
  message(session: ChatSession, incoming: IncomingMessage): Promise<void> {
    const message = toUserMessage(session, incoming);
    if (!session.internal.interacted) {
      session.internal.interacted = true;
      session.emit('first_interaction', {
        interaction: message.content,
        thread_id: session.threadId,
      });
    }
    session.emit('user_message', userStep(message, incoming.author));
    return this.enqueue(
      session,
      () => this.runHandlers(session, 'message', [message, session], true),
      message,
    );
  }

  /**
   * The user edited one of their messages: the messages after it are deleted, then the message
   * handlers run again on the new text, as the session's next task.
   */
  edit(session: ChatSession, incoming: IncomingMessage & { id: string }): Promise<void> {
    if (session.internal.history.get(incoming.id) !== 'user_message') {
      throw new TypeError(`edit_message: no user message "${incoming.id}" in this session`);
    }
    const message = toUserMessage(session, incoming);
    return this.enqueue(
      session,
      async () => {
        const ids = [...session.internal.history.keys()];
        const at = ids.indexOf(message.id);
        if (at < 0) return; // deleted meanwhile
        for (const id of ids.slice(at + 1)) {
          session.emit('delete_message', { id, threadId: session.threadId });
        }
        session.emit('user_message', userStep(message, incoming.author));
        await this.runHandlers(session, 'message', [message, session], true);
      },
      message,
    );
  }

  /**
   * An action button was clicked: its `@OnAction(name)` handlers run as the session's next
   * task; the last one's return value is the response.
   */
  async action(session: ChatSession, action: Action): Promise<ActionResult> {
    const handlers = this.explorer.get('action').filter((h) => h.options.name === action.name);
    let result: ActionResult = { success: false, response: null };
    await this.enqueue(session, async () => {
      for (const handler of handlers) {
        const signal = chatStorage.getStore()?.task?.signal;
        if (signal?.aborted) return;
        try {
          const response = await this.within(session, handler, () =>
            handler.invoke(session, [action, session]),
          );
          result = { success: true, response: response ?? null };
        } catch (error) {
          if (error instanceof HandlerTimeoutError) {
            result = { success: false, response: error.message };
            return;
          }
          if (signal?.aborted || error instanceof TaskStoppedError) return;
          result = {
            success: false,
            response: error instanceof Error ? error.message : String(error),
          };
          await this.report(session, handler.name, error);
        }
      }
    });
    return result;
  }

  /** The page that embeds the chat posted a message. */
  async windowMessage(session: ChatSession, data: unknown): Promise<void> {
    await chatStorage.run({ session }, () =>
      this.runHandlers(session, 'windowMessage', [data, session]),
    );
  }

  /** New chat settings values from the client. */
  async settingsUpdate(session: ChatSession, settings: Record<string, unknown>): Promise<void> {
    await chatStorage.run({ session }, () =>
      this.runHandlers(session, 'settingsUpdate', [settings, session]),
    );
  }

  /** Stop: fire the task's signal, tell the user, run `@OnStop`, then the session is idle. */
  async stop(session: ChatSession): Promise<void> {
    const task = session.internal.task;
    if (!task || task.signal.aborted) {
      session.emit('task_end', {});
      return;
    }
    task.abort();
    await chatStorage.run({ session }, async () => {
      await session.message(TASK_STOPPED_MESSAGE).send();
      await this.runHandlers(session, 'stop', [session]);
    });
    session.emit('task_end', {});
    task.markStopped();
  }

  /** The client's answer to a pending ask. */
  answer(session: ChatSession, askId: string, response: unknown): void {
    session.internal.asks.get(askId)?.answer(response);
  }

  /** The client starts a new chat: this session ends when its socket closes. */
  clear(session: ChatSession): void {
    session.internal.clearRequested = true;
  }

  /** A socket closed. The last one: `@OnDisconnect`, then the session waits for its client. */
  async detach(session: ChatSession, socketId: string): Promise<void> {
    session.internal.sockets.delete(socketId);
    if (session.internal.sockets.size > 0 || session.ended || this.shuttingDown) return;
    await chatStorage.run({ session }, () => this.runHandlers(session, 'disconnect', [session]));
    if (session.internal.sockets.size > 0 || session.ended) return;
    if (session.internal.clearRequested || this.options.sessionTimeoutMs === 0) {
      await this.end(session);
      return;
    }
    session.internal.expiry = setTimeout(
      () => void this.end(session),
      this.options.sessionTimeoutMs,
    );
    session.internal.expiry.unref();
  }

  /** Ends a session: its task stops, `@OnChatEnd` runs, its stream completes, its state goes. */
  async end(session: ChatSession): Promise<void> {
    if (session.ended || this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session);
    clearTimeout(session.internal.expiry);
    const task = session.internal.task;
    task?.abort();
    // The stopped task's last events (a stream ended with what arrived) go out before the end.
    if (task) await settled(session.internal.queue, 1000);
    const ending = chatStorage.run({ session }, () =>
      this.runHandlers(session, 'chatEnd', [session]),
    );
    if (!this.shuttingDown) await ending;
    else if (!(await settled(ending, this.options.shutdownTimeoutMs))) {
      this.logger.error(
        `Shutdown: @OnChatEnd of session ${session.id} did not finish within ` +
          `${this.options.shutdownTimeoutMs} ms (option "shutdownTimeoutMs"); closing it anyway`,
      );
    }
    session.close();
  }

  /** Shutdown: no more disconnect handling; every session ends. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  async endAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(this.sessions.list().map((session) => this.end(session)));
  }

  /** Runs `body` as the session's next task, after the ones before it. */
  private enqueue(
    session: ChatSession,
    body: () => Promise<void>,
    message?: UserMessage,
  ): Promise<void> {
    const run = async () => {
      if (session.ended) return;
      const task = new ChatTask();
      session.internal.task = task;
      session.emit('task_start', {});
      const context: ChatContextStore = { session, task, message };
      const work = chatStorage.run(context, body);
      try {
        await Promise.race([work, task.stopped]);
      } finally {
        if (session.internal.task === task) session.internal.task = undefined;
        // A stopped task's task_end comes from stop(), after @OnStop.
        if (!(task.signal.reason instanceof TaskStoppedError)) session.emit('task_end', {});
      }
    };
    const next = session.internal.queue.then(run);
    session.internal.queue = next.catch(() => undefined);
    return next;
  }

  /** Calls each handler of a kind in order; one that fails is reported and the next one runs. */
  private async runHandlers(
    session: ChatSession,
    kind: ChatHandlerKind,
    args: unknown[],
    deliver = false,
  ): Promise<void> {
    for (const handler of this.explorer.get(kind)) {
      const signal = chatStorage.getStore()?.task?.signal;
      if (signal?.aborted) return;
      try {
        await this.within(session, handler, async () => {
          const result = await handler.invoke(session, args);
          if (deliver) await this.deliver(session, handler.name, result);
        });
      } catch (error) {
        if (error instanceof HandlerTimeoutError) continue; // reported; an aborted task ends
        if (signal?.aborted || error instanceof TaskStoppedError) return;
        await this.report(session, handler.name, error);
      }
    }
  }

  /**
   * Runs one handler call within `handlerTimeoutMs`. Past it: the task's signal is aborted
   * (what the handler still sends is refused), the user is told, and `HandlerTimeoutError` is
   * thrown; the call itself is left to settle on its own.
   */
  private async within<T>(
    session: ChatSession,
    handler: ChatHandler,
    call: () => Promise<T>,
  ): Promise<T> {
    const ms = this.options.handlerTimeoutMs;
    if (ms === 0) return call();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HandlerTimeoutError(handler.name, ms)), ms);
      timer.unref();
    });
    try {
      return await Promise.race([call(), expired]);
    } catch (error) {
      if (error instanceof HandlerTimeoutError) {
        chatStorage.getStore()?.task?.abort(error);
        await chatStorage.run({ session }, () => this.report(session, handler.name, error));
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** What a message handler returned: a string is sent, a stream is streamed. */
  private async deliver(session: ChatSession, name: string, result: unknown): Promise<void> {
    if (result === undefined || result === null || result instanceof BaseStep) return;
    if (typeof result === 'string' || isTokenSource(result)) {
      await session.send(result);
      return;
    }
    throw new TypeError(
      `Chat handler "${name}" returned ${typeof result}; return a string, an Observable<string>, ` +
        'an AsyncIterable<string>, a Message or nothing',
    );
  }

  private async report(session: ChatSession, name: string, error: unknown): Promise<void> {
    const text = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `Chat handler "${name}" failed in session ${session.id}: ${text}`,
      error instanceof Error ? error.stack : undefined,
    );
    if (session.ended) return;
    try {
      await session
        .message(text || 'An error occurred.', { author: 'Error', isError: true })
        .send();
    } catch {
      // The task was stopped meanwhile: nothing more to tell.
    }
  }
}

/** Waits until `promise` settles (true), or for `ms` (false), whichever comes first. */
async function settled(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return done;
}

function toUserMessage(session: ChatSession, incoming: IncomingMessage): UserMessage {
  const message: UserMessage = {
    id: incoming.id ?? randomUUID(),
    content: incoming.content,
    threadId: session.threadId,
    createdAt: incoming.createdAt ?? new Date().toISOString(),
    files: incoming.files ?? [],
  };
  if (incoming.command) message.command = incoming.command;
  return message;
}

/** A user message as a step, the shape the client and storage know. */
export function userStep(message: UserMessage, author = 'User'): StepDict {
  return {
    id: message.id,
    threadId: message.threadId,
    name: author,
    type: 'user_message',
    output: message.content,
    createdAt: message.createdAt,
    start: message.createdAt,
    end: message.createdAt,
  };
}
