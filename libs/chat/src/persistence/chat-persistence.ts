import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subscription } from 'rxjs';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
import type { StepDict } from '../protocol/step.interface.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { fileBytes } from '../session/session-files.js';
import {
  CHAT_STORAGE,
  HISTORY_DROPPED_MESSAGE,
  HISTORY_NOT_SAVED_MESSAGE,
  HISTORY_SAVED_MESSAGE,
  THREAD_NAME_MAX_LENGTH,
} from './chat-persistence.constants.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { DEFAULT_CHAT_OPTIONS } from '../options/chat-options.defaults.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatStorageOptions } from '../options/chat-storage-options.interface.js';
import type { StoredElement, ChatStore } from '../protocol/chat-store.interface.js';
import { createChatStore } from './create-chat-store.js';
import { loadResume } from './thread-resume.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { ApplicationConfig } from '@nestjs/core';
import type { ResumeState } from '../runtime/resume-state.js';
import { ThreadWriteQueue, type ThreadWriteNotice } from './thread-write.queue.js';

/** What a session with no values and no chat settings saves: nothing to write. */
const NOTHING_SAVED = JSON.stringify({ session: {}, chat_settings: {} });

/** Writes a session keeps until its thread exists, at most (the rest are dropped, with a warning). */
const MAX_PENDING_WRITES = 1000;

type Write = (state: SessionState) => Promise<unknown>;

interface PendingWrite {
  what: string;
  write: Write;
}

interface SessionState {
  threadId: string;
  /** Writes waiting for the first interaction; `undefined` once the thread exists. */
  pending: PendingWrite[] | undefined;
  warned: boolean;
  /** Whether the thread's metadata says a task is running (`busy`), as last written. */
  busy: boolean;
  /** The session values and settings last saved in the thread's metadata, as JSON. */
  saved?: string;
  /**
   * Message ids the client chose that another thread's steps have: the id each is stored
   * under in this thread instead.
   */
  ids: Map<string, string>;
  /** The session was told that its history is not being saved (the store is unreachable). */
  unsaved: boolean;
}

type Data = Record<string, unknown>;

const isObjectWithId = (value: unknown): value is Data & { id: string } =>
  typeof value === 'object' && value !== null && typeof (value as Data).id === 'string';

/** The thread's name: the first message, on one line, at most 100 characters. */
export function threadName(interaction: string): string {
  const chars = Array.from(interaction.replace(/\s+/g, ' ').trim());
  return chars.length <= THREAD_NAME_MAX_LENGTH
    ? chars.join('')
    : chars.slice(0, THREAD_NAME_MAX_LENGTH).join('').trimEnd();
}

/** A session's user, as storage knows users: `{ identifier, metadata? }`, or `undefined`. */
function userOf(
  user: unknown,
): { identifier: string; metadata?: Record<string, unknown> } | undefined {
  const candidate = user as { identifier?: unknown; metadata?: unknown } | null | undefined;
  if (typeof candidate?.identifier !== 'string' || candidate.identifier === '') return undefined;
  const metadata = candidate.metadata;
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
    ? { identifier: candidate.identifier, metadata: metadata as Record<string, unknown> }
    : { identifier: candidate.identifier };
}

/**
 * Stores chat history: every session's events, turned into ordered writes per thread.
 * A thread is created at its session's first interaction (named after the first message, owned
 * by the session's user); what the session showed before it (a greeting) is kept until then and
 * stored first, or dropped if the session ends without one. Streamed messages are stored whole,
 * when they start and when they are updated, never token by token. While a task runs, the
 * thread's `metadata.busy` is true.
 *
 * Ids belong to their thread: a message whose id (chosen by the client) is another thread's
 * step is stored under a new id in its own thread, and deletions name their thread. While the
 * store is unreachable, the sessions whose history waits are told so once (a `warning` toast),
 * and again once it is stored (a `success` toast).
 */
@Injectable()
export class ChatPersistence implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ChatPersistence');
  private readonly states = new Map<string, SessionState>();
  private subscription: Subscription | undefined;
  private current: ChatStore | undefined;
  private owned = false;

  private readonly shutdownTimeoutMs: number;
  private readonly mount: string;

  constructor(
    @Inject(CHAT_STORAGE) private readonly options: false | ChatStorageOptions,
    private readonly events: ChatEvents,
    private readonly sessions: ChatSessions,
    private readonly queue: ThreadWriteQueue,
    @Optional() @Inject(CHAT_OPTIONS) moduleOptions?: ResolvedChatOptions,
    @Optional() private readonly appConfig?: ApplicationConfig,
  ) {
    this.shutdownTimeoutMs =
      moduleOptions?.shutdownTimeoutMs ?? DEFAULT_CHAT_OPTIONS.shutdownTimeoutMs;
    this.mount = moduleOptions?.mount ?? '';
  }

  /** The chat's path root (global prefix, mount), under which stored elements are served. */
  get root(): string {
    return this.appConfig ? chatRoot(this.appConfig, this.mount) : this.mount;
  }

  /** Whether history is stored (the module's `storage` option). */
  get enabled(): boolean {
    return this.current !== undefined;
  }

  /** The store; throws when storage is off. Write through the queue to keep a thread's order. */
  get store(): ChatStore {
    if (!this.current) {
      throw new Error(
        'ChatPersistence: storage is off; set the "storage" option of ChatModule.forRoot()',
      );
    }
    return this.current;
  }

  /**
   * What a client that reopens a thread gets (`undefined` with storage off): its history, or
   * `Thread not found.` when it is missing or not `owner`'s (a user or an anonymous visitor).
   */
  async loadResume(threadId: string, owner: string): Promise<ResumeState | undefined> {
    return this.current ? loadResume(this.current, threadId, owner, this.root) : undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.options) return;
    this.owned = !('store' in this.options);
    this.current = await createChatStore(this.options);
    this.subscription = new Subscription();
    this.subscription.add(this.events.events$.subscribe((event) => this.onEvent(event)));
    this.subscription.add(this.queue.notices$.subscribe((notice) => this.onNotice(notice)));
  }

  /**
   * Sessions have ended by now (their last events are queued): drain, then close the store.
   * Writes still held for an unreachable store after `shutdownTimeoutMs` are dropped (logged).
   */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close(this.shutdownTimeoutMs);
    this.subscription?.unsubscribe();
    this.states.clear();
    const store = this.current;
    this.current = undefined;
    if (store && this.owned) await store.close();
  }

  private onEvent(event: ChatEvent): void {
    const store = this.current;
    if (!store) return;
    switch (event.name) {
      case 'first_interaction':
        this.startThread(event, store);
        return;
      case 'user_message':
      case 'new_message':
      case 'stream_start':
      case 'update_message':
        return this.upsertStep(store, event, event.data);
      case 'ask':
        return this.upsertStep(store, event, event.data.msg);
      case 'delete_message': {
        const { id } = event.data;
        return this.write(event, `the deletion of step ${id}`, (state) =>
          store.deleteStep(storedId(state, id), state.threadId),
        );
      }
      case 'element':
        return this.upsertElement(store, event, event.data as unknown);
      case 'resume_thread':
        return this.resumed(store, event);
      case 'task_start':
      case 'task_end':
        return this.markBusy(store, event, event.name === 'task_start');
      case 'remove_element': {
        const data = event.data as unknown;
        if (!isObjectWithId(data)) return;
        const { id } = data;
        return this.write(event, `the removal of element ${id}`, (state) =>
          store.deleteElement(id, state.threadId),
        );
      }
      default:
        return;
    }
  }

  private upsertStep(store: ChatStore, event: ChatEvent, data: StepDict | undefined): void {
    if (!isObjectWithId(data)) return;
    const step: StepDict = { ...structuredClone(data), threadId: event.threadId };
    // A user message's id is the client's choice: it may be taken by another thread.
    const chosen = event.name === 'user_message';
    this.write(event, `step ${step.id} (${event.name})`, async (state) => {
      if (chosen) await this.ownId(store, state, step.id);
      const stored = { ...step, id: storedId(state, step.id) };
      if (step.parentId) stored.parentId = storedId(state, step.parentId);
      return store.upsertStep(stored);
    });
  }

  /**
   * Makes sure `id` is this thread's to store a message under: when a step of another thread
   * has it, the message is stored under a new id (and so are its later changes).
   */
  private async ownId(store: ChatStore, state: SessionState, id: string): Promise<void> {
    if (state.ids.has(id)) return;
    const found = await store.getStep(id);
    if (!found || found.threadId === state.threadId) return;
    const own = randomUUID();
    state.ids.set(id, own);
    this.logger.warn(
      `Thread ${state.threadId}: message id ${id} is another thread's; stored as ${own}`,
    );
  }

  private upsertElement(store: ChatStore, event: ChatEvent, data: unknown): void {
    if (!isObjectWithId(data)) return;
    const dict = structuredClone(data);
    const text = (key: string) =>
      typeof dict[key] === 'string' ? (dict[key] as string) : undefined;
    const element: StoredElement = {
      id: dict.id,
      threadId: event.threadId,
      type: text('type') ?? 'file',
      name: text('name') ?? '',
      display: text('display') ?? 'inline',
    };
    for (const key of ['url', 'chainlitKey', 'forId', 'mime', 'size', 'language'] as const) {
      const value = text(key);
      if (value !== undefined) element[key] = value;
    }
    if (typeof dict.autoPlay === 'boolean') element.autoPlay = dict.autoPlay;
    if (typeof dict.props === 'object' && dict.props !== null) {
      element.props = dict.props as Record<string, unknown>;
    }
    // Bytes the session serves: stored too, so a resumed thread can serve them.
    const file = element.chainlitKey
      ? this.sessions.get(event.sessionId)?.files.get(element.chainlitKey)
      : undefined;
    if (file?.content) element.content = file.content;
    const onDisk = file?.path ? file : undefined;
    this.write(event, `element ${element.id}`, async (state) => {
      // Bytes on disk are read when the element is written; gone by then, it is stored without.
      if (onDisk) element.content = await fileBytes(onDisk).catch(() => undefined);
      const forId = element.forId;
      return store.upsertElement(forId ? { ...element, forId: storedId(state, forId) } : element);
    });
  }

  /**
   * Marks the thread busy while a task runs (`metadata.busy`): a thread still marked busy when
   * it is reopened had an answer under way that was lost (the process died). When a task ends,
   * the session's values (`metadata.session`) and chat settings (`metadata.chat_settings`) are
   * saved too, if they changed, so a resumed thread gets them back.
   */
  private markBusy(store: ChatStore, event: ChatEvent, busy: boolean): void {
    const state = this.states.get(event.sessionId);
    if (!state || state.pending) return;
    const metadata: Record<string, unknown> = {};
    if (state.busy !== busy) metadata.busy = busy;
    const session = busy ? undefined : this.sessions.get(event.sessionId);
    if (session) {
      const values = { session: session.snapshot(), chat_settings: session.chatSettings };
      const json = JSON.stringify(values);
      if (json !== (state.saved ?? NOTHING_SAVED)) {
        state.saved = json;
        Object.assign(metadata, values);
      }
    }
    state.busy = busy;
    if (Object.keys(metadata).length === 0) return;
    this.queue.push(state.threadId, busy ? 'the busy mark' : 'the idle mark', () =>
      store.updateThread(state.threadId, { metadata }),
    );
  }

  /**
   * A session reopened a stored thread: what it does from now on is stored there. A thread
   * still marked busy (its answer was lost) is marked idle.
   */
  private resumed(store: ChatStore, event: ChatEvent<'resume_thread'>): void {
    const state = this.stateOf(event);
    if (!state?.pending) return;
    for (const pending of state.pending)
      this.queue.push(state.threadId, pending.what, () => pending.write(state));
    state.pending = undefined;
    const metadata = event.data.metadata as { busy?: unknown } | undefined;
    if (metadata?.busy === true) {
      this.queue.push(state.threadId, 'the idle mark', () =>
        store.updateThread(state.threadId, { metadata: { busy: false } }),
      );
    }
  }

  /** The first interaction: the thread is created, then what the session showed before it. */
  private startThread(event: ChatEvent<'first_interaction'>, store: ChatStore): void {
    const state = this.stateOf(event);
    if (!state?.pending) return; // the thread exists already
    const session = this.sessions.get(event.sessionId);
    // The thread's owner: the user, or with login off the browser's anonymous identity.
    const user =
      userOf(session?.user) ?? (session?.owner ? { identifier: session.owner } : undefined);
    const threadId = state.threadId;
    const name = threadName(event.data.interaction);
    const metadata = session?.chatProfile ? { chat_profile: session.chatProfile } : {};
    this.queue.push(threadId, 'the thread', async () => {
      const owner = user ? await store.upsertUser(user) : undefined;
      await store.createThread({ id: threadId, name, userId: owner?.id, metadata });
    });
    for (const pending of state.pending) {
      this.queue.push(threadId, pending.what, () => pending.write(state));
    }
    state.pending = undefined;
  }

  /** Queues a write on the session's thread, or keeps it until the thread exists. */
  private write(event: ChatEvent, what: string, write: Write): void {
    const state = this.stateOf(event);
    if (!state) return;
    if (!state.pending) {
      this.queue.push(state.threadId, what, () => write(state));
      return;
    }
    if (state.pending.length < MAX_PENDING_WRITES) {
      state.pending.push({ what, write });
    } else if (!state.warned) {
      state.warned = true;
      this.logger.warn(
        `Session ${event.sessionId} sent more than ${MAX_PENDING_WRITES} messages before its first interaction; the rest are not stored`,
      );
    }
  }

  /**
   * The write queue could not store a thread's history at once: its sessions are told once that
   * it is not being saved, and once that it is saved again (or that part of it was dropped).
   */
  private onNotice(notice: ThreadWriteNotice): void {
    for (const session of this.sessions.findByThread(notice.threadId)) {
      const state = this.states.get(session.id);
      if (!state || state.threadId !== notice.threadId || session.ended) continue;
      if (notice.type === 'held' && !state.unsaved) {
        state.unsaved = true;
        session.toast(HISTORY_NOT_SAVED_MESSAGE, 'warning');
      } else if (notice.type === 'saved' && state.unsaved) {
        state.unsaved = false;
        session.toast(HISTORY_SAVED_MESSAGE, 'success');
      } else if (notice.type === 'dropped') {
        state.unsaved = false;
        session.toast(HISTORY_DROPPED_MESSAGE, 'error');
      }
    }
  }

  /** What is known of a session; forgotten when it ends. `undefined` for a session that is gone. */
  private stateOf(event: ChatEvent): SessionState | undefined {
    const known = this.states.get(event.sessionId);
    if (known) return known;
    const session = this.sessions.get(event.sessionId);
    if (!session || session.ended) return undefined;
    const state: SessionState = {
      threadId: session.threadId,
      pending: [],
      warned: false,
      busy: false,
      ids: new Map(),
      unsaved: false,
    };
    this.states.set(session.id, state);
    session.events$.subscribe({ complete: () => this.states.delete(session.id) });
    return state;
  }
}

/** The id a step of the session's thread is stored under (see `ChatPersistence.ownId`). */
function storedId(state: SessionState, id: string): string {
  return state.ids.get(id) ?? id;
}
