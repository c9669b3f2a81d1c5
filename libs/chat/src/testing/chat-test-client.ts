import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Subscription } from 'rxjs';
import type { Action } from '../protocol/action.interface.js';
import type { ChatEvent, ChatEventMap, ChatEventName } from '../protocol/chat-event.interface.js';
import type { ChatUser } from '../protocol/chat-user.interface.js';
import type { StepDict } from '../protocol/step.interface.js';
import { type ActionResult, ChatRuntime } from '../runtime/chat.runtime.js';
import type { ChatSession } from '../session/chat-session.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ANONYMOUS_PREFIX } from '../auth/chat-identity.js';

/** How a test client opens its session: as a client's handshake would give it. */
export interface ChatTestClientOptions {
  /** The logged-in user, as the `auth` option's callbacks would give it. @default none */
  user?: ChatUser;
  /**
   * Without a user, the anonymous visitor the session and its thread belong to (login off: a
   * browser's identity). Test clients without one are one visitor, who reopens their threads.
   * @default 'anonymous:test-client'
   */
  visitor?: string;
  /** The client's `userEnv`. @default {} */
  env?: Record<string, string>;
  chatProfile?: string;
  /** A stored thread to reopen (storage on): its history comes back, then `@OnChatResume`. */
  threadId?: string;
  /** @default 'webapp' */
  clientType?: string;
  /** How long `send()`, `next()` and the rest wait before they fail. @default 10000 */
  timeoutMs?: number;
}

/** An event as it reaches a client: its name and payload. */
export interface ChatTestEvent<K extends ChatEventName = ChatEventName> {
  name: K;
  data: ChatEventMap[K];
}

/** A message as the client shows it: the events applied, tokens joined, its steps nested. */
export interface ShownMessage extends StepDict {
  steps: ShownMessage[];
}

/**
 * A chat session opened in-process, without sockets: it sends what a Chainlit client sends and
 * records what one would receive, in order, so a bot can be tested in a `Test.createTestingModule`
 * app. Open it with `ChatTestClient.open(app)` after `app.init()`.
 */
export class ChatTestClient {
  /** Every event the session sent, in order (tokens one by one, before any coalescing). */
  readonly events: ChatTestEvent[] = [];
  private readonly waiters = new Set<{ test: (e: ChatTestEvent) => boolean; done: () => void }>();
  private readonly subscription: Subscription;
  private closed = false;

  private constructor(
    private readonly runtime: ChatRuntime,
    /** The session the handlers see. */
    readonly session: ChatSession,
    private readonly socketId: string,
    private readonly timeoutMs: number,
  ) {
    this.subscription = session.events$.subscribe((event: ChatEvent) => {
      const received = { name: event.name, data: event.data } as ChatTestEvent;
      this.events.push(received);
      for (const waiter of this.waiters) if (waiter.test(received)) waiter.done();
    });
  }

  /**
   * Opens a session as a client's connect would, and waits until it is idle: its chat start
   * has run (or, with `threadId`, the thread was reopened and `@OnChatResume` ran).
   */
  static async open(
    app: INestApplicationContext,
    options: ChatTestClientOptions = {},
  ): Promise<ChatTestClient> {
    const runtime = app.get(ChatRuntime, { strict: false });
    const persistence = app.get(ChatPersistence, { strict: false });
    const owner = options.user?.identifier ?? options.visitor ?? `${ANONYMOUS_PREFIX}test-client`;
    const resume = options.threadId
      ? await persistence.loadResume(options.threadId, owner)
      : undefined;
    const threadId =
      options.threadId && resume && 'thread' in resume ? options.threadId : randomUUID();
    const socketId = `test-${randomUUID()}`;
    const client = new ChatTestClient(
      runtime,
      runtime.attach(
        {
          id: randomUUID(),
          threadId,
          clientType: options.clientType ?? 'webapp',
          env: { ...options.env },
          chatProfile: options.chatProfile,
          user: options.user,
          owner,
        },
        socketId,
        resume,
      ).session,
      socketId,
      options.timeoutMs ?? 10_000,
    );
    runtime.connected(client.session);
    await client.idle();
    return client;
  }

  /**
   * Sends a user message and resolves with the events of the task it runs (`task_start` …
   * `task_end`). A task that asks resolves when the ask is sent: answer it, then `idle()`.
   */
  async send(text: string, options: { command?: string } = {}): Promise<ChatTestEvent[]> {
    const from = this.events.length;
    const task = this.runtime.message(this.session, { content: text, command: options.command });
    let asked!: () => void;
    const ask = new Promise<void>((resolve) => (asked = resolve));
    const waiter = { test: (e: ChatTestEvent) => e.name === 'ask', done: () => asked() };
    this.waiters.add(waiter);
    try {
      await Promise.race([task, ask]);
    } finally {
      this.waiters.delete(waiter);
    }
    return this.events.slice(from);
  }

  /**
   * Answers the pending ask: a text ask with `text`; an action ask with the label (or name) of
   * the button to click. Throws when no ask is pending.
   */
  answer(reply: string): void {
    const ask = this.pendingAsk();
    if (!ask) throw new Error('answer: no ask is pending');
    if (ask.spec.type === 'action') {
      const action = this.actions().find((a) => a.label === reply || a.name === reply);
      if (!action || !ask.spec.keys?.includes(action.id)) {
        throw new Error(`answer: no button "${reply}" in the pending ask`);
      }
      this.runtime.answer(this.session, ask.spec.step_id, action);
      return;
    }
    this.runtime.answer(this.session, ask.spec.step_id, {
      id: randomUUID(),
      output: reply,
      createdAt: new Date().toISOString(),
    });
  }

  /** The ask waiting for its answer, if any. */
  pendingAsk(): ChatEventMap['ask'] | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const { name } = this.events[i];
      if (name === 'clear_ask' || name === 'ask_timeout') return undefined;
      if (name === 'ask') return this.events[i].data as ChatEventMap['ask'];
    }
    return undefined;
  }

  /** Clicks an action button the session shows (by label or name): its `@OnAction` answer. */
  async clickAction(labelOrName: string): Promise<ActionResult> {
    const action = this.actions().find((a) => a.label === labelOrName || a.name === labelOrName);
    const shown = action && this.session.shownAction(action.id);
    if (!shown) throw new Error(`clickAction: no button "${labelOrName}" is shown`);
    return this.runtime.action(this.session, shown);
  }

  /** Changes chat settings as the settings panel does; `@OnSettingsUpdate` has run when it resolves. */
  async changeSettings(values: Record<string, unknown>): Promise<void> {
    await this.runtime.settingsUpdate(this.session, this.session.applySettings({ ...values }));
  }

  /** Presses Stop; resolves once the task is stopped (`@OnStop` has run, `task_end` sent). */
  stop(): Promise<void> {
    return this.runtime.stop(this.session);
  }

  /** Resolves with the first event named `name` from index `from` on (received or coming). */
  next<K extends ChatEventName>(name: K, from = this.events.length): Promise<ChatTestEvent<K>> {
    return this.waitFor((e) => e.name === name, from) as Promise<ChatTestEvent<K>>;
  }

  /** Resolves with the first event that passes `test`, from index `from` on. */
  waitFor(test: (e: ChatTestEvent) => boolean, from = 0): Promise<ChatTestEvent> {
    const seen = this.events.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const names = this.events.map((e) => e.name).join(', ');
        reject(
          new Error(`ChatTestClient: no such event within ${this.timeoutMs} ms; got ${names}`),
        );
      }, this.timeoutMs);
      const waiter = {
        test: (e: ChatTestEvent) => test(e),
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(this.events[this.events.length - 1]);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /**
   * Resolves once the session has no task running or queued (a task waiting for an answer to
   * its ask is running: answer it first). Fails after `timeoutMs`.
   */
  async idle(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`ChatTestClient: the session is still busy after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([this.runtime.drained(this.session), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The messages as the client shows them now: top-level ones, their steps nested. */
  messages(): ShownMessage[] {
    const byId = new Map<string, ShownMessage>();
    const order: string[] = [];
    const put = (step: StepDict) => {
      const known = byId.get(step.id);
      if (!known) order.push(step.id);
      byId.set(step.id, { ...step, steps: [] });
    };
    for (const { name, data } of this.events) {
      if (name === 'new_message' || name === 'stream_start' || name === 'user_message') {
        put(data as StepDict);
      } else if (name === 'update_message') put(data as StepDict);
      else if (name === 'ask') put((data as ChatEventMap['ask']).msg);
      else if (name === 'delete_message') byId.delete((data as StepDict).id);
      else if (name === 'stream_token') {
        const token = data as ChatEventMap['stream_token'];
        const step = byId.get(token.id);
        if (!step) continue;
        const key = token.isInput ? 'input' : 'output';
        step[key] = token.isSequence ? token.token : (step[key] ?? '') + token.token;
      }
    }
    const top: ShownMessage[] = [];
    for (const id of order) {
      const step = byId.get(id);
      if (!step) continue;
      const parent = step.parentId ? byId.get(step.parentId) : undefined;
      if (parent) parent.steps.push(step);
      else top.push(step);
    }
    return top;
  }

  /** The texts of the top-level messages shown now, in order. */
  texts(): string[] {
    return this.messages().map((m) => m.output);
  }

  /** The action buttons shown now. */
  actions(): Action[] {
    const shown = new Map<string, Action>();
    for (const { name, data } of this.events) {
      if (name === 'action') shown.set((data as Action).id, data as Action);
      else if (name === 'remove_action') shown.delete((data as Action).id);
    }
    return [...shown.values()];
  }

  /** Ends the session as a closed client would after "new chat": `@OnChatEnd` runs. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.runtime.clear(this.session);
    await this.runtime.detach(this.session, this.socketId);
    await this.runtime.end(this.session);
    this.subscription.unsubscribe();
  }
}
