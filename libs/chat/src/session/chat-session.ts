import type { ChatUser } from '../protocol/chat-user.interface.js';
import { Subject, type Observable } from 'rxjs';
import type { BaseStep } from './base-step.js';
import type {
  AskSpec,
  ChatCommand,
  ChatEvent,
  ChatEventMap,
  ChatEventName,
  ToastType,
} from '../protocol/chat-event.interface.js';
import type { Action, ActionInput } from '../protocol/action.interface.js';
import type { ElementDict, ElementInput, UploadedFile } from '../protocol/element.interface.js';
import type { ChatSettingsValues, ChatSettingsWidget } from '../settings/chat-settings.widgets.js';
import {
  elementBytes,
  guessMime,
  SessionFiles,
  sessionFile,
  toUploadedFile,
  type SessionFileLimits,
} from './session-files.js';
import { SessionAsks } from './session-asks.js';
import { assignDefined } from './assign-defined.js';
import { Message } from './message.js';
import type {
  MessageOptions,
  StepDict,
  StepOptions,
  StepType,
  UserMessage,
} from '../protocol/step.interface.js';
import { AskTimeoutError } from '../errors/ask-timeout.error.js';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from '../validation/payload-depth.js';
import { isPlainObject } from '../validation/validate-payload.js';
import { Step } from './step.js';
import { isTokenSource, type TokenSource } from './token-source.js';
import { handlerContext } from './handler-context.js';
import type { ChatTask } from './chat-task.js';
import { errorMessage } from '../errors/error-message.js';

/** Who a session is, from its client's handshake. */
export interface ChatSessionInit {
  id: string;
  threadId: string;
  clientType: string;
  env: Record<string, string>;
  chatProfile?: string;
  user?: ChatUser;
  /** Who the session belongs to: the user's identifier, or an anonymous visitor's. */
  owner?: string;
}

/** @internal what a session needs from the module. */
export interface ChatSessionHost {
  publish(event: ChatEvent): void;
  /** Logs an error that no caller can catch, and tells the user. */
  reportError(session: ChatSession, error: unknown): void;
  readonly assistantName: string;
  /** The module's limits; none when absent. */
  readonly limits?: SessionFileLimits & { maxAskTimeoutSeconds: number };
  /** The task the session runs now, if any (its signal is the session's). */
  taskOf(session: ChatSession): ChatTask | undefined;
}

const IDLE_SIGNAL = new AbortController().signal;
const ELEMENT_TYPES = new Set(['image', 'text', 'pdf', 'audio', 'video', 'file', 'custom']);
/** The favorite messages a session keeps at most. */
export const MAX_FAVORITES = 100;

/** Options of `ask()`, `askAction()` and `askFile()`. */
export interface AskOptions {
  /** Seconds to wait for the answer. @default 60 (ask), 90 (askAction, askFile) */
  timeout?: number;
  /** Throw `AskTimeoutError` on timeout instead of resolving `undefined`. */
  raiseOnTimeout?: boolean;
  /** The author of the question. @default the module's `assistantName` */
  author?: string;
}

/** What `askFile()` accepts. */
export interface AskFileOptions extends AskOptions {
  /** MIME types (`image/*`) and extensions (`.csv`), or MIME type → extensions. @default any */
  accept?: string[] | Record<string, string[]>;
  /** @default 1 */
  maxFiles?: number;
  /** Largest file, in MB. @default 2 */
  maxSizeMb?: number;
}

function askTimeout(
  what: string,
  timeout: number | undefined,
  fallback: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const value = timeout ?? Math.min(fallback, max);
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`session.${what}: timeout must be a number of seconds > 0`);
  }
  if (value > max) {
    throw new RangeError(
      `session.${what}: timeout must be at most ${max} seconds (the maxAskTimeoutSeconds option), got ${value}`,
    );
  }
  return value;
}

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
  /** The logged-in user (with `auth` on). */
  readonly user?: ChatUser;
  /**
   * Who the session belongs to, and its thread: the user's identifier with `auth` on, else the
   * browser's anonymous identity (`anonymous:...`, from its identity cookie). Only that caller
   * reaches the session (its socket, files, actions).
   */
  readonly owner?: string;
  /** Made when `events$` is first read: a session nobody watches spends nothing on it. */
  private subject?: Subject<ChatEvent>;
  private eventStream?: Observable<ChatEvent>;
  private readonly values = new Map<string, unknown>();
  private host: ChatSessionHost | undefined;

  /** @internal the files it keeps: uploads and element bytes (served at /project/file/{id}) */
  readonly files: SessionFiles;
  /** @internal its asks waiting for an answer */
  readonly asks = new SessionAsks();

  private closed = false;
  /** Messages streaming now: a client that reconnects gets them again. */
  private readonly streaming = new Set<BaseStep>();
  /** Action buttons shown now, by id: a click is checked against these. */
  private readonly actions = new Map<string, Action>();
  /** Elements shown now, by id. */
  private readonly elements = new Map<string, ElementDict>();
  /** The chat settings panel's widgets, by id. */
  private settingsWidgets = new Map<string, ChatSettingsWidget>();
  /** Top-level messages, in order (user and assistant): an edit deletes those after it. */
  private readonly history = new Map<string, StepDict['type']>();
  /** The messages the user marked favorite, by id, in the order they were marked. */
  private readonly favoriteSteps = new Map<string, StepDict>();
  private settingsValues: Record<string, unknown> = {};
  /** The values of a reopened thread's settings, for the next panel sent (`settings()`). */
  private restoredSettings?: Record<string, unknown>;

  /** @internal sessions are made by the runtime when a client connects */
  constructor(init: ChatSessionInit, host: ChatSessionHost) {
    this.id = init.id;
    this.threadId = init.threadId;
    this.clientType = init.clientType;
    this.env = Object.freeze({ ...init.env });
    this.chatProfile = init.chatProfile;
    this.user = init.user;
    this.owner = init.owner;
    this.host = host;
    this.files = new SessionFiles(host.limits);
  }

  /** Every event this session sends to its client. Completes when the session ends. */
  get events$(): Observable<ChatEvent> {
    if (!this.eventStream) {
      this.subject = new Subject<ChatEvent>();
      if (this.closed) this.subject.complete();
      this.eventStream = this.subject.asObservable();
    }
    return this.eventStream;
  }

  /**
   * Fires when the current task is stopped (the user pressed Stop, or the session ended).
   * Pass it on to what you await: `fetch(url, { signal: session.signal })`.
   */
  get signal(): AbortSignal {
    const store = handlerContext.getStore();
    if (store?.session === this && store.task) return store.task.signal;
    return this.host?.taskOf(this)?.signal ?? IDLE_SIGNAL;
  }

  /** True once the session is over; its events$ has completed. */
  get ended(): boolean {
    return this.closed;
  }

  get<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  /** @internal the values that survive a restart with the thread (JSON ones) */
  snapshot(): Record<string, unknown> {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of this.values) {
      try {
        const json = JSON.stringify(value);
        if (json !== undefined) kept[key] = JSON.parse(json);
      } catch {
        // not JSON (a cycle, a BigInt): kept in memory only
      }
    }
    return kept;
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
    const store = handlerContext.getStore();
    const inherited = store?.session === this ? store : undefined;
    const parentId = options.parentId ?? inherited?.step?.id ?? inherited?.message?.id;
    const step = new Step(this, name, type, { ...options, parentId });
    await step.send();
    const context = { ...(inherited ?? { session: this }), step };
    try {
      const result = await handlerContext.run(context, () => fn(step));
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
      if (step.output === '') step.output = errorMessage(error);
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
  async ask(text: string, options: AskOptions = {}): Promise<UserMessage | undefined> {
    const message = this.askMessage('ask', text, options);
    const timeout = askTimeout('ask', options.timeout, 60, this.host?.limits?.maxAskTimeoutSeconds);
    return this.askUser(
      message,
      { type: 'text', timeout, step_id: message.id },
      options,
      (reply) => {
        const answer = reply as { id?: unknown; output?: unknown; createdAt?: unknown } | null;
        if (typeof answer?.output !== 'string') return undefined; // not an answer: keep waiting
        const user: UserMessage = {
          id: typeof answer.id === 'string' && isUUID(answer.id) ? answer.id : randomUUID(),
          content: answer.output,
          threadId: this.threadId,
          createdAt:
            typeof answer.createdAt === 'string' && !Number.isNaN(Date.parse(answer.createdAt))
              ? answer.createdAt
              : new Date().toISOString(),
          files: [],
        };
        this.emit('user_message', {
          id: user.id,
          threadId: this.threadId,
          parentId: message.parentId,
          name: 'User',
          type: 'user_message',
          output: user.content,
          createdAt: user.createdAt,
        });
        return user;
      },
    );
  }

  /**
   * Asks the user to pick one of `actions` (buttons under the question) and resolves with the
   * one clicked; then the buttons go and the message shows the choice. `undefined` after
   * `timeout` seconds (default 90) or when the task is stopped.
   */
  async askAction(
    text: string,
    actions: ActionInput[],
    options: AskOptions = {},
  ): Promise<Action | undefined> {
    if (!Array.isArray(actions) || actions.length === 0) {
      throw new TypeError('session.askAction: actions must be a non-empty array');
    }
    const message = this.askMessage('askAction', text, options);
    const timeout = askTimeout(
      'askAction',
      options.timeout,
      90,
      this.host?.limits?.maxAskTimeoutSeconds,
    );
    const shown = actions.map((input) => this.showAction(input, message.id));
    const keys = shown.map((action) => action.id);
    try {
      const chosen = await this.askUser(
        message,
        { type: 'action', timeout, step_id: message.id, keys },
        options,
        (reply) => {
          const id = (reply as { id?: unknown } | null)?.id;
          return typeof id === 'string' && keys.includes(id) ? this.actions.get(id) : undefined;
        },
      );
      if (chosen) {
        message.output = `**Selected:** ${chosen.label}`;
        message.waitForAnswer = false;
        await message.update();
      }
      return chosen;
    } finally {
      for (const action of shown) this.removeAction(action);
    }
  }

  /**
   * Asks the user for files, uploaded to `POST /project/file` (where `accept`, `maxFiles` and
   * `maxSizeMb` are enforced), and resolves with them. `undefined` after `timeout` seconds
   * (default 90) or when the task is stopped.
   */
  async askFile(text: string, spec: AskFileOptions = {}): Promise<UploadedFile[] | undefined> {
    const message = this.askMessage('askFile', text, spec);
    const timeout = askTimeout(
      'askFile',
      spec.timeout,
      90,
      this.host?.limits?.maxAskTimeoutSeconds,
    );
    const maxFiles = spec.maxFiles ?? 1;
    const maxSizeMb = spec.maxSizeMb ?? 2;
    if (!Number.isSafeInteger(maxFiles) || maxFiles < 1) {
      throw new RangeError('session.askFile: maxFiles must be an integer >= 1');
    }
    if (!(maxSizeMb > 0)) throw new RangeError('session.askFile: maxSizeMb must be a number > 0');
    const accept = spec.accept ?? ['*/*'];
    const wire: AskSpec = {
      type: 'file',
      timeout,
      step_id: message.id,
      accept,
      max_files: maxFiles,
      max_size_mb: maxSizeMb,
    };
    return this.askUser(message, wire, spec, (reply) => {
      if (!Array.isArray(reply)) return undefined;
      const files = this.files.answers(message.id, reply);
      if (reply.length > 0 && files.length === 0) return undefined; // nothing of this ask yet
      return files.slice(0, maxFiles).map(toUploadedFile);
    });
  }

  /** Shows a notification. */
  toast(message: string, type: ToastType = 'info'): void {
    this.emit('toast', { message, type });
  }

  /**
   * Shows the chat settings panel with these widgets (`Select`, `Switch`, `Slider`,
   * `TextInput`, `NumberInput`, `Tags`) and resolves with their values (the initial ones).
   * Changes from the client are checked against the widgets, then reach `@OnSettingsUpdate`.
   * The values are typed by the widgets: `[new Select({ id: 'model', values }), new Slider({ id:
   * 't' })]` resolves with `{ model: string; t: number }`.
   */
  async settings<const W extends readonly ChatSettingsWidget[]>(
    widgets: W,
  ): Promise<ChatSettingsValues<W>> {
    if (!Array.isArray(widgets)) throw new TypeError('session.settings: widgets must be an array');
    const byId = new Map<string, ChatSettingsWidget>();
    for (const widget of widgets) {
      if (typeof (widget as ChatSettingsWidget)?.problem !== 'function') {
        throw new TypeError(
          'session.settings: each widget must be a Select, Switch, Slider, TextInput, NumberInput or Tags',
        );
      }
      if (byId.has(widget.id)) throw new TypeError(`session.settings: duplicate id "${widget.id}"`);
      widget.assertValid();
      byId.set(widget.id, widget);
    }
    // A reopened thread's values win over the initial ones, where they still fit the widget.
    const restored = this.restoredSettings ?? {};
    this.restoredSettings = undefined;
    const valueOf = (w: ChatSettingsWidget) =>
      Object.hasOwn(restored, w.id) && w.problem(restored[w.id]) === undefined
        ? restored[w.id]
        : w.initial;
    this.settingsWidgets = byId;
    this.settingsValues = Object.fromEntries(widgets.map((w) => [w.id, valueOf(w)]));
    this.emit(
      'chat_settings',
      widgets.map((widget) => ({ ...widget.toDict(), initial: this.settingsValues[widget.id] })),
    );
    return { ...this.settingsValues } as ChatSettingsValues<W>;
  }

  /** The chat settings values now (from `settings()`, then the user's changes). */
  get chatSettings(): Readonly<Record<string, unknown>> {
    return { ...this.settingsValues };
  }

  /** Sets the slash commands the client offers; a message sent with one has `command` set. */
  setCommands(commands: ChatCommand[]): void {
    if (!Array.isArray(commands) || commands.some((c) => typeof c?.id !== 'string')) {
      throw new TypeError(
        'session.setCommands: commands must be an array of { id, description, icon }',
      );
    }
    this.emit('set_commands', commands);
  }

  /** Posts `data` to the page that embeds the chat (`window.parent.postMessage`). */
  sendWindowMessage(data: unknown): void {
    this.emit('window_message', data);
  }

  /** Adds `tokens` to the token count the client shows. */
  addTokenUsage(tokens: number): void {
    if (!Number.isFinite(tokens) || tokens < 0) {
      throw new RangeError('session.addTokenUsage: tokens must be a number >= 0');
    }
    this.emit('token_usage', tokens);
  }

  /**
   * Shows an action button under a message (`forId`); a click runs the `@OnAction(name)`
   * handlers. Messages take `actions` too: `send(text, { actions: [...] })`.
   */
  showAction(input: ActionInput, forId: string): Action {
    if (typeof input?.name !== 'string' || input.name === '') {
      throw new TypeError('action: name must be a non-empty string');
    }
    const action = assignDefined<Action>(
      {
        id: randomUUID(),
        name: input.name,
        payload: input.payload ?? {},
        label: input.label ?? input.name,
        forId,
      },
      { tooltip: input.tooltip, icon: input.icon },
    );
    this.actions.set(action.id, action);
    this.emit('action', action);
    return action;
  }

  /** Removes an action button. */
  removeAction(action: Action | string): void {
    const found = this.actions.get(typeof action === 'string' ? action : action.id);
    if (!found) return;
    this.actions.delete(found.id);
    this.emit('remove_action', found);
  }

  /**
   * Shows an element: an image, a text, a PDF, audio, video or a file, from a URL, a path or
   * bytes, inline under a message (`forId`) or in the side panel or a page (`display`).
   * Bytes are served to this session's client only.
   */
  async element(input: ElementInput, forId = input.forId): Promise<ElementDict> {
    if (typeof input?.name !== 'string' || input.name === '') {
      throw new TypeError('element: name must be a non-empty string');
    }
    if (!ELEMENT_TYPES.has(input.type)) {
      throw new TypeError(
        `element "${input.name}": type must be one of ${[...ELEMENT_TYPES].join(', ')}`,
      );
    }
    const custom = input.type === 'custom';
    if (custom && !isPlainObject(input.props ?? {})) {
      throw new TypeError(`element "${input.name}": props must be an object`);
    }
    const bytes = custom ? undefined : await elementBytes(input);
    const mime = custom
      ? undefined
      : (input.mime ?? guessMime(input.path ?? input.name, input.type));
    const dict: ElementDict = {
      id: randomUUID(),
      threadId: this.threadId,
      type: input.type,
      name: input.name,
      display: input.display ?? 'inline',
    };
    if (mime) dict.mime = mime;
    if (custom) dict.props = { ...input.props };
    else if (bytes) {
      const file = sessionFile(input.name, mime ?? 'application/octet-stream', bytes);
      this.files.add(file, `element "${input.name}"`);
      dict.chainlitKey = file.id;
    } else dict.url = input.url;
    assignDefined(dict, {
      forId,
      size: input.size,
      language: input.language,
      autoPlay: input.autoPlay,
      props: input.props,
    });
    this.elements.set(dict.id, dict);
    this.emit('element', dict);
    return dict;
  }

  /**
   * Gives a `custom` element new `props` (the client shows them at once); the element as sent.
   * Throws for an element the session does not show, or one that is not custom.
   */
  updateElement(element: ElementDict | string, props: Record<string, unknown>): ElementDict {
    const id = typeof element === 'string' ? element : element?.id;
    const found = this.elements.get(id);
    if (!found) throw new RangeError(`updateElement: no element ${String(id)} in this session`);
    if (found.type !== 'custom') {
      throw new TypeError(`updateElement: element "${found.name}" is ${found.type}, not custom`);
    }
    if (!isPlainObject(props)) throw new TypeError('updateElement: props must be an object');
    const updated: ElementDict = { ...found, props: { ...props } };
    this.emit('element', updated);
    this.elements.set(id, updated);
    return updated;
  }

  /** @internal the element with this id, if the session shows it now */
  shownElement(id: string): ElementDict | undefined {
    return this.elements.get(id);
  }

  /** Removes an element from the client, and its bytes from the server. */
  removeElement(element: ElementDict | string): void {
    const found = this.elements.get(typeof element === 'string' ? element : element.id);
    if (!found) return;
    this.elements.delete(found.id);
    if (found.chainlitKey) this.files.drop(found.chainlitKey);
    this.emit('remove_element', { id: found.id });
  }

  /** @internal an error no caller can catch (e.g. an element of a streamed message) */
  reportError(error: unknown): void {
    this.host?.reportError(this, error);
  }

  /** @internal the action button with this id, if the session shows it now */
  shownAction(id: string): Action | undefined {
    return this.actions.get(id);
  }

  /**
   * @internal the chat settings of a reopened thread: `chatSettings` gives them, and the next
   * panel sent (`settings()`) starts from them.
   */
  restoreSettings(values: Record<string, unknown>): void {
    this.settingsValues = { ...values };
    this.restoredSettings = { ...values };
  }

  /** @internal new chat settings values, checked against the widgets */
  applySettings(values: Record<string, unknown>): Record<string, unknown> {
    if (this.settingsWidgets.size === 0) {
      throw new TypeError('chat_settings_change: this session has no chat settings');
    }
    for (const [id, value] of Object.entries(values)) {
      const widget = this.settingsWidgets.get(id);
      if (!widget)
        throw new TypeError(
          `chat_settings_change: unknown setting ${JSON.stringify(id.slice(0, 100))}`,
        );
      const problem = widget.problem(value);
      if (problem) throw new TypeError(`chat_settings_change: "${id}" ${problem}`);
    }
    this.settingsValues = { ...this.settingsValues, ...values };
    return { ...this.settingsValues };
  }

  /** A new assistant message for an ask, checked, marked as waiting for an answer. */
  private askMessage(what: string, text: string, options: AskOptions): Message {
    if (typeof text !== 'string') throw new TypeError(`session.${what}: text must be a string`);
    const message = this.message(text, { author: options.author });
    message.waitForAnswer = true;
    return message;
  }

  /**
   * Sends the ask (with an acknowledgement) and waits: `read` turns the client's answer into the
   * result, or `undefined` to keep waiting. Timeout, Stop and the session's end finish it.
   */
  private askUser<T>(
    message: Message,
    spec: AskSpec,
    options: AskOptions,
    read: (reply: unknown) => T | undefined,
  ): Promise<T | undefined> {
    const signal = this.signal;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const finish = (value: T | undefined, error?: Error) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (!this.asks.close(message.id)) return;
        this.emit('clear_ask', {});
        // The client shows itself idle while it asks; the task goes on.
        if (this.host?.taskOf(this) && !signal.aborted) this.emit('task_start', {});
        if (error) reject(error);
        else resolve(value);
      };
      const timer = setTimeout(() => {
        this.emit('ask_timeout', {});
        finish(undefined, options.raiseOnTimeout ? new AskTimeoutError(spec.timeout) : undefined);
      }, spec.timeout * 1000);
      const onAbort = () => finish(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      const payload = { msg: message.markShown(), spec };
      this.asks.open(message.id, {
        payload,
        cancel: () => finish(undefined),
        answer: (reply) => {
          const value = read(reply);
          if (value !== undefined) finish(value);
        },
      });
      this.emit('ask', payload);
    });
  }

  /** @internal the one way events leave a session: its stream, and every session's stream. */
  emit<K extends ChatEventName>(name: K, data: ChatEventMap[K]): void {
    if (this.closed) return;
    // What socket.io cannot encode (it recurses) is refused here, naming the event, not in the
    // socket server. Tokens are strings, checked where they are streamed.
    if (name !== 'stream_token' && nestedDeeperThan(data)) {
      throw new TypeError(
        `${name}: the data nests more than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays, or refers to itself; it was not sent`,
      );
    }
    if (name === 'new_message' || name === 'stream_start' || name === 'user_message') {
      const step = data as StepDict;
      if (!step.parentId || name === 'user_message') this.history.set(step.id, step.type);
    } else if (name === 'delete_message') this.history.delete((data as StepDict).id);
    const event = { sessionId: this.id, threadId: this.threadId, name, data } as ChatEvent;
    this.subject?.next(event);
    this.host?.publish(event);
  }

  /** @internal messages that are streaming now: a client that reconnects gets them again. */
  trackStreaming(step: BaseStep, streaming: boolean): void {
    if (streaming) this.streaming.add(step);
    else this.streaming.delete(step);
  }

  /** @internal the messages streaming now */
  streamingSteps(): BaseStep[] {
    return [...this.streaming];
  }

  /** @internal whether `id` is a user message of this session */
  isUserMessage(id: string): boolean {
    return this.history.get(id) === 'user_message';
  }

  /** @internal whether `id` is a top-level message of this session (or of its reopened thread) */
  hasMessage(id: string): boolean {
    return this.history.has(id);
  }

  /**
   * @internal marks `step` favorite or not; gives it with `metadata.favorite`. A session keeps
   * at most `MAX_FAVORITES`; one more throws a `RangeError`.
   */
  markFavorite(step: StepDict, favorite: boolean): StepDict {
    const marked = { ...step, metadata: { ...step.metadata, favorite } };
    if (!favorite) {
      this.favoriteSteps.delete(step.id);
      return marked;
    }
    if (!this.favoriteSteps.has(step.id) && this.favoriteSteps.size >= MAX_FAVORITES) {
      throw new RangeError(`a session keeps at most ${MAX_FAVORITES} favorite messages`);
    }
    this.favoriteSteps.set(step.id, marked);
    return marked;
  }

  /** @internal the messages marked favorite, in the order they were marked */
  favorites(): StepDict[] {
    return [...this.favoriteSteps.values()];
  }

  /** @internal the top-level messages after `id`, in order; none if `id` is not one */
  messagesAfter(id: string): string[] {
    const ids = [...this.history.keys()];
    const at = ids.indexOf(id);
    return at < 0 ? [] : ids.slice(at + 1);
  }

  /** @internal the top-level messages of a reopened thread, so that edits can delete them */
  restoreHistory(steps: StepDict[]): void {
    for (const step of steps) {
      if (!step.parentId || step.type === 'user_message') this.history.set(step.id, step.type);
    }
  }

  /** @internal ends the session: completes its stream and lets go of everything it holds. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.subject?.complete();
    this.values.clear();
    this.streaming.clear();
    this.asks.cancelAll();
    this.actions.clear();
    this.elements.clear();
    this.files.clear();
    this.settingsWidgets.clear();
    this.history.clear();
    this.favoriteSteps.clear();
    this.host = undefined;
  }
}
