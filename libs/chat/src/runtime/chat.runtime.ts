import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ANSWER_LOST_MESSAGE, TASK_STOPPED_MESSAGE } from './chat-runtime.constants.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
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
import { handlerContext, type HandlerContext } from '../session/handler-context.js';
import type { ResumeState } from './resume-state.js';
import { containHandlerErrors } from './handler-errors.js';
import { ChatEvents } from '../session/chat-events.js';
import {
  ChatSession,
  type ChatSessionHost,
  type ChatSessionInit,
} from '../session/chat-session.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { ChatTask } from '../session/chat-task.js';
import { errorMessage } from '../errors/error-message.js';

/** A user message as the gateway hands it over, validated. */
export interface IncomingMessage {
  id?: string;
  /** The user's name as the client shows it. */
  author?: string;
  content: string;
  createdAt?: string;
  /** Ids of the session's uploads the message carries (`fileReferences`). */
  fileIds?: string[];
  command?: string;
}

/** What the runtime keeps of each session. */
interface SessionState {
  /** Its chat start has run (or a resume replaced it). */
  chatStarted: boolean;
  /** The user has sent something: the thread exists. */
  interacted: boolean;
  /** The stored thread the client reopens, or why it cannot (sent on its first connect). */
  resume?: ResumeState;
  /** The client asked for a new chat: the session ends when its socket closes. */
  clearRequested: boolean;
  sockets: Set<string>;
  /** Ends the session if its client does not come back in time. */
  expiry?: NodeJS.Timeout;
  /** The task running now. */
  task?: ChatTask;
  /** The tasks in line: each runs after the one before. */
  queue: Promise<unknown>;
  /** The `@OnAction` calls running now: each has its own signal, outside the queue. */
  actions: Set<ChatTask>;
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
export class ChatRuntime implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ChatRuntime');
  private readonly host: ChatSessionHost;
  private readonly states = new WeakMap<ChatSession, SessionState>();
  private shuttingDown = false;
  private releaseErrors?: () => void;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly explorer: ChatExplorer,
    private readonly sessions: ChatSessions,
    events: ChatEvents,
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
      taskOf: (session) => this.states.get(session)?.task,
    };
  }

  /** Errors that escape handler code (a timer, an unawaited promise) are its session's. */
  onModuleInit(): void {
    this.releaseErrors = containHandlerErrors((session, error) => {
      if (this.sessions.get(session.id) !== session && !session.ended) return false;
      void this.report(session, undefined, error);
      return true;
    });
  }

  onApplicationShutdown(): void {
    this.releaseErrors?.();
  }

  /** Whether a live session has this id (a client coming back to it resumes nothing). */
  isLive(sessionId: string): boolean {
    return this.sessions.get(sessionId) !== undefined;
  }

  /**
   * A socket connected: its session, made now or found again (`restored`). A new session that
   * reopens a stored thread gets `resume` (its history, or why not) on its first connect.
   */
  attach(
    init: ChatSessionInit,
    socketId: string,
    resume?: ResumeState,
  ): { session: ChatSession; restored: boolean } {
    let session = this.sessions.get(init.id);
    if (session && (session.owner === undefined || session.owner !== init.owner)) {
      // Another user's or visitor's session id: refused, revealing nothing of it.
      throw new Error('connection refused: session not available');
    }
    const restored = session !== undefined;
    const max = this.options.maxSessions;
    if (!session && max > 0 && this.sessions.size >= max) {
      throw new Error(
        `connection refused: the server holds ${this.sessions.size} sessions, its limit (the maxSessions option)`,
      );
    }
    if (!session) {
      session = new ChatSession(init, this.host);
      this.sessions.add(session);
      this.states.set(session, {
        chatStarted: false,
        interacted: false,
        resume,
        clearRequested: false,
        sockets: new Set(),
        queue: Promise.resolve(),
        actions: new Set(),
      });
    }
    const state = this.stateOf(session);
    clearTimeout(state.expiry);
    state.expiry = undefined;
    state.sockets.add(socketId);
    return { session, restored };
  }

  /**
   * The client is ready: idle state, then chat start once per session. A socket that socket.io
   * `recovered` (connection state recovery, with the `redis` option) was sent every event it
   * missed, in order: sending the streaming message again would repeat its tokens, so it only
   * gets the pending asks again (their answer comes back on the socket that asked).
   */
  connected(session: ChatSession, recovered = false): void {
    const state = this.stateOf(session);
    if (recovered && state.chatStarted) {
      for (const payload of session.asks.payloads()) session.emit('ask', payload);
      return;
    }
    session.emit('task_end', {});
    session.emit('clear_ask', {});
    if (state.task) session.emit('task_start', {});
    // A message that was streaming while the client was away: send it whole, tokens follow.
    for (const step of session.streamingSteps()) session.emit('stream_start', step.toDict());
    // An ask still waiting for its answer is asked again.
    for (const payload of session.asks.payloads()) session.emit('ask', payload);
    if (state.chatStarted) return;
    state.chatStarted = true;
    const resume = state.resume;
    state.resume = undefined;
    if (resume && 'thread' in resume) return this.resume(session, resume);
    if (resume) session.emit('resume_thread_error', resume.error);
    if (this.explorer.get('chatStart').length === 0) return;
    void this.enqueue(session, () => this.runHandlers(session, 'chatStart', [session]));
  }

  /**
   * The client reopened a stored thread: its history (`resume_thread`), its values back in the
   * session, then `@OnChatResume` — whose messages come after the history.
   */
  private resume(session: ChatSession, state: Extract<ResumeState, { thread: unknown }>): void {
    const { thread } = state;
    this.stateOf(session).interacted = true;
    const metadata = (thread.metadata ?? {}) as Record<string, unknown>;
    const values = metadata.session;
    if (values && typeof values === 'object') {
      for (const [key, value] of Object.entries(values)) session.set(key, value);
    }
    for (const file of state.files) {
      try {
        session.files.add(file);
      } catch (error) {
        this.logger.warn(`Thread ${thread.id}: ${(error as Error).message}`);
      }
    }
    const settings = metadata.chat_settings;
    if (settings && typeof settings === 'object' && !Array.isArray(settings)) {
      session.restoreSettings(settings as Record<string, unknown>);
    }
    session.restoreHistory(thread.steps);
    session.emit('resume_thread', thread);
    // As Chainlit: the thread is there from the start (after its history, which stores it).
    session.emit('first_interaction', { interaction: 'resume', thread_id: thread.id });
    if (state.lost) {
      void session
        .message(ANSWER_LOST_MESSAGE, { type: 'system_message' })
        .send()
        .catch(() => undefined);
    }
    if (this.explorer.get('chatResume').length === 0) return;
    void this.enqueue(session, () => this.runHandlers(session, 'chatResume', [thread, session]));
  }

  /**
   * A user message: run the message handlers as the session's next task. Throws, running
   * nothing, when it carries files it may not (the `upload` option) or that the session lacks.
   */
  message(session: ChatSession, incoming: IncomingMessage): Promise<void> {
    const ids = incoming.fileIds ?? [];
    const { upload } = this.options;
    if (ids.length > (upload ? upload.maxFiles : 0)) {
      throw new TypeError(
        upload
          ? `fileReferences: at most ${upload.maxFiles} files per message`
          : 'fileReferences: file uploads are disabled',
      );
    }
    const message = toUserMessage(session, incoming, session.files.uploads(ids));
    const state = this.states.get(session);
    if (!state) return Promise.resolve(); // ended meanwhile
    if (!state.interacted) {
      state.interacted = true;
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
    if (!session.isUserMessage(incoming.id)) {
      throw new TypeError(`edit_message: no user message "${incoming.id}" in this session`);
    }
    const message = toUserMessage(session, incoming, []);
    return this.enqueue(
      session,
      async () => {
        if (!session.isUserMessage(message.id)) return; // deleted meanwhile
        for (const id of session.messagesAfter(message.id)) {
          session.emit('delete_message', { id, threadId: session.threadId });
        }
        session.emit('user_message', userStep(message, incoming.author));
        await this.runHandlers(session, 'message', [message, session], true);
      },
      message,
    );
  }

  /**
   * An action button was clicked: its `@OnAction(name)` handlers run at once, beside the
   * session's task and a pending ask (not queued behind them), with their own signal, which Stop
   * and the session's end fire too. The last handler's return value is the response.
   */
  async action(session: ChatSession, action: Action): Promise<ActionResult> {
    const handlers = this.explorer.get('action').filter((h) => h.options.name === action.name);
    const state = this.states.get(session);
    let result: ActionResult = { success: false, response: null };
    if (!state || session.ended) return result;
    if (!state.interacted) {
      // As Chainlit: an action before any message starts the thread.
      state.interacted = true;
      session.emit('first_interaction', { interaction: action.name, thread_id: session.threadId });
    }
    const task = new ChatTask();
    state.actions.add(task);
    try {
      await handlerContext.run({ session, task }, async () => {
        for (const handler of handlers) {
          if (task.signal.aborted) return;
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
            if (task.signal.aborted || error instanceof TaskStoppedError) return;
            result = { success: false, response: errorMessage(error) };
            await this.report(session, handler.name, error);
          }
        }
      });
    } finally {
      state.actions.delete(task);
    }
    return result;
  }

  /** The page that embeds the chat posted a message. */
  async windowMessage(session: ChatSession, data: unknown): Promise<void> {
    await handlerContext.run({ session }, () =>
      this.runHandlers(session, 'windowMessage', [data, session]),
    );
  }

  /** New chat settings values from the client. */
  async settingsUpdate(session: ChatSession, settings: Record<string, unknown>): Promise<void> {
    await handlerContext.run({ session }, () =>
      this.runHandlers(session, 'settingsUpdate', [settings, session]),
    );
  }

  /** A settings widget changed, not yet confirmed: `@OnSettingsEdit` runs; no setting changes. */
  async settingsEdit(session: ChatSession, edited: Record<string, unknown>): Promise<void> {
    await handlerContext.run({ session }, () =>
      this.runHandlers(session, 'settingsEdit', [edited, session]),
    );
  }

  /**
   * Stop: fire the signals of the task and of the actions running; the streams they leave end
   * with what the client has (`update_message`); then the stopped message, `@OnStop` and
   * `task_end`, in that order.
   */
  async stop(session: ChatSession): Promise<void> {
    const state = this.states.get(session);
    for (const action of state?.actions ?? []) action.abort();
    const task = state?.task;
    if (!task || task.signal.aborted) {
      this.endStreams(session);
      session.emit('task_end', {});
      return;
    }
    task.abort();
    this.endStreams(session);
    await handlerContext.run({ session }, async () => {
      await session.message(TASK_STOPPED_MESSAGE).send();
      await this.runHandlers(session, 'stop', [session]);
    });
    session.emit('task_end', {});
    task.markStopped();
  }

  /** Ends the session's streams now, as the client has them (`update_message`, not streaming). */
  private endStreams(session: ChatSession): void {
    for (const step of session.streamingSteps()) void step.update();
  }

  /** The client's answer to a pending ask. */
  answer(session: ChatSession, askId: string, response: unknown): void {
    session.asks.answer(askId, response);
  }

  /** The client starts a new chat: this session ends when its socket closes. */
  clear(session: ChatSession): void {
    const state = this.states.get(session);
    if (state) state.clearRequested = true;
  }

  /** A socket closed. The last one: `@OnDisconnect`, then the session waits for its client. */
  async detach(session: ChatSession, socketId: string): Promise<void> {
    const state = this.states.get(session);
    if (!state) return;
    state.sockets.delete(socketId);
    if (state.sockets.size > 0 || session.ended || this.shuttingDown) return;
    await handlerContext.run({ session }, () => this.runHandlers(session, 'disconnect', [session]));
    if (state.sockets.size > 0 || session.ended) return;
    if (state.clearRequested || this.options.sessionTimeoutMs === 0) {
      await this.end(session);
      return;
    }
    // A session that never chatted has nothing to come back to: it goes sooner, files and all.
    const wait = state.interacted
      ? this.options.sessionTimeoutMs
      : Math.min(this.options.unusedSessionTimeoutMs, this.options.sessionTimeoutMs);
    state.expiry = setTimeout(() => void this.end(session), wait);
    state.expiry.unref();
  }

  /** Ends a session: its task stops, `@OnChatEnd` runs, its stream completes, its state goes. */
  async end(session: ChatSession): Promise<void> {
    if (session.ended || this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session);
    const state = this.stateOf(session);
    clearTimeout(state.expiry);
    for (const action of state.actions) action.abort();
    const task = state.task;
    task?.abort();
    // The stopped task's last events (a stream ended with what arrived) go out before the end.
    if (task) {
      await settled(state.queue, 1000);
      state.task?.abort(); // a task queued behind it that started meanwhile
      // The answer ends as it was: a stream its handler left open (it ignores the signal) ends
      // with what it streamed, and the task is over. The client and the stored thread see the
      // answer whole and the session idle (not an answer lost, when the thread is reopened).
      this.endStreams(session);
      session.emit('task_end', {});
    }
    const ending = handlerContext.run({ session }, () =>
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
    this.explorer.release(session);
    this.states.delete(session);
  }

  /** Shutdown: no more disconnect handling; every session ends. */
  async endAll(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(this.sessions.list().map((session) => this.end(session)));
  }

  /** @internal resolves once the session's queued tasks have all run, those queued meanwhile too */
  async drained(session: ChatSession): Promise<void> {
    let seen: Promise<unknown> | undefined;
    for (let state = this.states.get(session); state && state.queue !== seen;) {
      seen = state.queue;
      await seen;
      state = this.states.get(session);
    }
  }

  /** The runtime's state of a live session; throws for one it did not make or that ended. */
  private stateOf(session: ChatSession): SessionState {
    const state = this.states.get(session);
    if (!state) throw new Error(`Session ${session.id} is not live`);
    return state;
  }

  /** Runs `body` as the session's next task, after the ones before it. */
  private enqueue(
    session: ChatSession,
    body: () => Promise<void>,
    message?: UserMessage,
  ): Promise<void> {
    const state = this.states.get(session);
    if (!state) return Promise.resolve(); // ended meanwhile
    const run = async () => {
      if (session.ended) return;
      const task = new ChatTask();
      state.task = task;
      session.emit('task_start', {});
      const context: HandlerContext = { session, task, message };
      const work = handlerContext.run(context, body);
      try {
        await Promise.race([work, task.stopped]);
      } finally {
        if (state.task === task) state.task = undefined;
        // A stopped task's task_end comes from stop(), after @OnStop.
        if (!(task.signal.reason instanceof TaskStoppedError)) session.emit('task_end', {});
      }
    };
    const next = state.queue.then(run);
    state.queue = next.catch(() => undefined);
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
      const signal = handlerContext.getStore()?.task?.signal;
      if (signal?.aborted) return;
      try {
        // What a message handler returns is delivered within its enhancers (interceptors, filters).
        await this.within(session, handler, () =>
          handler.invoke(
            session,
            args,
            deliver ? (result) => this.deliver(session, handler.name, result) : undefined,
          ),
        );
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
        handlerContext.getStore()?.task?.abort(error);
        await handlerContext.run({ session }, () => this.report(session, handler.name, error));
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

  /** Logs a handler's error (`undefined`: code it left running) and tells the user. */
  private async report(
    session: ChatSession,
    name: string | undefined,
    error: unknown,
  ): Promise<void> {
    const text = errorMessage(error);
    const who =
      name === undefined
        ? 'Code a chat handler left running (a timer, a promise nobody awaited)'
        : `Chat handler "${name}"`;
    this.logger.error(
      `${who} failed in session ${session.id}: ${text}`,
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

function toUserMessage(
  session: ChatSession,
  incoming: IncomingMessage,
  files: UploadedFile[],
): UserMessage {
  const message: UserMessage = {
    id: incoming.id ?? randomUUID(),
    content: incoming.content,
    threadId: session.threadId,
    createdAt: incoming.createdAt ?? new Date().toISOString(),
    files,
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
