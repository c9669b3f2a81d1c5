import type { ChatUser } from '../protocol/chat-user.interface.js';
import { type Observable } from 'rxjs';
import type { ChatCommand, ChatEvent, ToastType } from '../protocol/chat-event.interface.js';
import type { Action, ActionInput } from '../protocol/action.interface.js';
import type { ElementDict, ElementInput, UploadedFile } from '../protocol/element.interface.js';
import type { ChatSettingsValues, ChatSettingsWidget } from '../settings/chat-settings.widgets.js';
import { Message } from './message.js';
import type { MessageOptions, StepOptions, StepType, UserMessage } from '../protocol/step.interface.js';
import { Step } from './step.js';
import { type TokenSource } from './token-source.js';
/** Who a session is, from its client's handshake. */
export interface ChatSessionInit {
    id: string;
    threadId: string;
    clientType: string;
    env: Record<string, string>;
    chatProfile?: string;
    user?: ChatUser;
}
/** The favorite messages a session keeps at most. */
export declare const MAX_FAVORITES = 100;
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
/**
 * One client's chat. It outlives a dropped socket: a client that reconnects with the same
 * `sessionId` within `sessionTimeoutMs` gets the same session back, values and running tasks intact.
 */
export declare class ChatSession {
    readonly id: string;
    readonly threadId: string;
    readonly clientType: string;
    readonly env: Readonly<Record<string, string>>;
    readonly chatProfile?: string;
    /** The logged-in user (with `auth` on). */
    readonly user?: ChatUser;
    /** Every event this session sends to its client. Completes when the session ends. */
    readonly events$: Observable<ChatEvent>;
    private readonly subject;
    private readonly values;
    private host;
    private closed;
    /** Messages streaming now: a client that reconnects gets them again. */
    private readonly streaming;
    /** Action buttons shown now, by id: a click is checked against these. */
    private readonly actions;
    /** Elements shown now, by id. */
    private readonly elements;
    /** The chat settings panel's widgets, by id. */
    private settingsWidgets;
    /** Top-level messages, in order (user and assistant): an edit deletes those after it. */
    private readonly history;
    /** The messages the user marked favorite, by id, in the order they were marked. */
    private readonly favoriteSteps;
    private settingsValues;
    /** The values of a reopened thread's settings, for the next panel sent (`settings()`). */
    private restoredSettings?;
    /**
     * Fires when the current task is stopped (the user pressed Stop, or the session ended).
     * Pass it on to what you await: `fetch(url, { signal: session.signal })`.
     */
    get signal(): AbortSignal;
    /** True once the session is over; its events$ has completed. */
    get ended(): boolean;
    get<T = unknown>(key: string): T | undefined;
    set(key: string, value: unknown): void;
    /** A new assistant message, not sent yet: `send()`, `stream()` or `pipe()` it. */
    message(content?: string, options?: MessageOptions): Message;
    /**
     * Sends an assistant message: a string at once, an Observable or AsyncIterable of tokens as a
     * stream (it resolves when the stream ends, or when the task is stopped).
     */
    send(content: string | TokenSource, options?: MessageOptions): Promise<Message>;
    /**
     * Runs `fn` as a step shown to the user: nested under the enclosing step (or the user message
     * being handled), timed, its output what `fn` sets or returns, marked `isError` if it throws.
     */
    step<T>(name: string, type: StepType, fn: (step: Step) => Promise<T> | T, options?: StepOptions): Promise<T>;
    /**
     * Asks the user and waits for the answer (a user message), or `undefined` after `timeout`
     * seconds (the client is told: `ask_timeout`) or when the task is stopped. A pending ask is
     * sent again when the client reconnects.
     */
    ask(text: string, options?: AskOptions): Promise<UserMessage | undefined>;
    /**
     * Asks the user to pick one of `actions` (buttons under the question) and resolves with the
     * one clicked; then the buttons go and the message shows the choice. `undefined` after
     * `timeout` seconds (default 90) or when the task is stopped.
     */
    askAction(text: string, actions: ActionInput[], options?: AskOptions): Promise<Action | undefined>;
    /**
     * Asks the user for files, uploaded to `POST /project/file` (where `accept`, `maxFiles` and
     * `maxSizeMb` are enforced), and resolves with them. `undefined` after `timeout` seconds
     * (default 90) or when the task is stopped.
     */
    askFile(text: string, spec?: AskFileOptions): Promise<UploadedFile[] | undefined>;
    /** Shows a notification. */
    toast(message: string, type?: ToastType): void;
    /**
     * Shows the chat settings panel with these widgets (`Select`, `Switch`, `Slider`,
     * `TextInput`, `NumberInput`, `Tags`) and resolves with their values (the initial ones).
     * Changes from the client are checked against the widgets, then reach `@OnSettingsUpdate`.
     * The values are typed by the widgets: `[new Select({ id: 'model', values }), new Slider({ id:
     * 't' })]` resolves with `{ model: string; t: number }`.
     */
    settings<const W extends readonly ChatSettingsWidget[]>(widgets: W): Promise<ChatSettingsValues<W>>;
    /** The chat settings values now (from `settings()`, then the user's changes). */
    get chatSettings(): Readonly<Record<string, unknown>>;
    /** Sets the slash commands the client offers; a message sent with one has `command` set. */
    setCommands(commands: ChatCommand[]): void;
    /** Posts `data` to the page that embeds the chat (`window.parent.postMessage`). */
    sendWindowMessage(data: unknown): void;
    /** Adds `tokens` to the token count the client shows. */
    addTokenUsage(tokens: number): void;
    /**
     * Shows an action button under a message (`forId`); a click runs the `@OnAction(name)`
     * handlers. Messages take `actions` too: `send(text, { actions: [...] })`.
     */
    showAction(input: ActionInput, forId: string): Action;
    /** Removes an action button. */
    removeAction(action: Action | string): void;
    /**
     * Shows an element: an image, a text, a PDF, audio, video or a file, from a URL, a path or
     * bytes, inline under a message (`forId`) or in the side panel or a page (`display`).
     * Bytes are served to this session's client only.
     */
    element(input: ElementInput, forId?: string | undefined): Promise<ElementDict>;
    /**
     * Gives a `custom` element new `props` (the client shows them at once); the element as sent.
     * Throws for an element the session does not show, or one that is not custom.
     */
    updateElement(element: ElementDict | string, props: Record<string, unknown>): ElementDict;
    /** Removes an element from the client, and its bytes from the server. */
    removeElement(element: ElementDict | string): void;
    /** A new assistant message for an ask, checked, marked as waiting for an answer. */
    private askMessage;
    /**
     * Sends the ask (with an acknowledgement) and waits: `read` turns the client's answer into the
     * result, or `undefined` to keep waiting. Timeout, Stop and the session's end finish it.
     */
    private askUser;
}
