import type { ChatEvent } from '../protocol/chat-event.interface.js';

type TokenEvent = ChatEvent<'stream_token'>;

/**
 * How many times the average lateness of the window's timer the window lasts: a timer is late by
 * half a turn on average, so the window spans about three turns.
 */
const LATE_TO_WINDOW = 6;

/** The tokens of one message a session holds: the first event, and the text after it. */
interface Held {
  event: TokenEvent;
  /** Null while it holds one token; then that token and every later one, joined at the flush. */
  text: string | null;
}

/**
 * Merges the tokens of a message that come within a window of each other into one
 * `stream_token` event (the client appends tokens, so it shows the same text, from far fewer
 * packets). No token waits unless another one of its session (or a `stream_start`, which holds
 * a message's first token) went out less than a window ago: a session streaming slowly gets
 * each token at once; one streaming fast gets them once per window. Order holds: any other
 * event of a session first sends the tokens it holds. The window is `flushMs`, longer (up to
 * `maxFlushMs`) while the event loop runs late: see `adapt`.
 */
export class TokenCoalescer {
  /** Sessions' held tokens, and sessions that sent a token this window (held: null). */
  private readonly sessions = new Map<string, Held | null>();
  private timer?: ReturnType<typeof setTimeout>;
  private readonly maxFlushMs: number;
  /** The window now: `flushMs`, longer while the event loop runs late. */
  private windowMs: number;
  /** When the window's timer is due (on `now`'s clock). */
  private dueAt = 0;
  /** How late the window's timer fired, averaged over the last windows, in ms. */
  private lateMs = 0;

  /**
   * `flushMs`: the window; more than 0 (0 is no coalescing at all: the broadcaster skips it).
   * `maxFlushMs`: how long the window may grow while the event loop runs late (at least
   * `flushMs`). `now`: the clock, in ms.
   */
  constructor(
    private readonly emit: (event: ChatEvent) => void,
    private readonly flushMs: number,
    maxFlushMs = flushMs,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = flushMs;
    this.maxFlushMs = Math.max(flushMs, maxFlushMs);
  }

  /** The window in ms now. */
  get window(): number {
    return this.windowMs;
  }

  push(event: ChatEvent): void {
    if (event.name !== 'stream_token' || event.data.isSequence) {
      if (this.sessions.size > 0) this.flushSession(event.sessionId);
      // A message's first token is in its stream_start: that opens the window too.
      if (event.name === 'stream_start' && !this.sessions.has(event.sessionId)) {
        this.sessions.set(event.sessionId, null);
        this.schedule();
      }
      this.emit(event);
      return;
    }
    const { sessionId } = event;
    const held = this.sessions.get(sessionId);
    if (held === undefined) {
      // Its first token this window: out at once, and the window opens.
      this.sessions.set(sessionId, null);
      this.schedule();
      this.emit(event);
      return;
    }
    if (held === null) {
      this.sessions.set(sessionId, { event: event as TokenEvent, text: null });
      return;
    }
    const data = event.data;
    if (held.event.data.id === data.id && held.event.data.isInput === data.isInput) {
      held.text = (held.text ?? held.event.data.token) + data.token;
      return;
    }
    this.send(held);
    this.sessions.set(sessionId, { event: event as TokenEvent, text: null });
  }

  /** Sends the held tokens now: of one session, or of every session. */
  flush(sessionId?: string): void {
    if (sessionId !== undefined) return this.flushSession(sessionId);
    for (const held of this.sessions.values()) if (held) this.send(held);
    this.sessions.clear();
  }

  /** Stops the window timer (after a last `flush()`). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushSession(sessionId: string): void {
    const held = this.sessions.get(sessionId);
    if (!held) return;
    // The session stays in its window: a token right after this event still waits.
    this.sessions.set(sessionId, null);
    this.send(held);
  }

  private send({ event, text }: Held): void {
    this.emit(text === null ? event : { ...event, data: { ...event.data, token: text } });
  }

  /** Each window's end sends what is held; sessions that held nothing leave the window. */
  private tick = (): void => {
    this.timer = undefined;
    this.adapt(this.now() - this.dueAt);
    let open = false;
    for (const [sessionId, held] of this.sessions) {
      if (held === null) {
        this.sessions.delete(sessionId);
        continue;
      }
      this.sessions.set(sessionId, null);
      this.send(held);
      open = true;
    }
    if (open) this.schedule();
    else [this.lateMs, this.windowMs] = [0, this.flushMs];
  };

  /**
   * A timer that fires late tells how long the event loop's turns last now: a source that gives
   * one token per turn gives at most one per window when turns outlast the window, and nothing
   * would be merged. So the window grows to a few turns (up to `maxFlushMs`), and shrinks back
   * to `flushMs` as the loop catches up (at once when no session streams). The first token of a
   * message still goes out at once.
   */
  private adapt(late: number): void {
    this.lateMs += (Math.max(0, late) - this.lateMs) * 0.25;
    this.windowMs = Math.min(this.maxFlushMs, Math.max(this.flushMs, this.lateMs * LATE_TO_WINDOW));
  }

  private schedule(): void {
    if (this.timer) return;
    this.dueAt = this.now() + this.windowMs;
    this.timer = setTimeout(this.tick, this.windowMs);
    // A window never keeps the process alive.
    this.timer.unref?.();
  }
}
