import type { ChatEvent } from '../protocol/chat-event.interface.js';

type TokenEvent = ChatEvent<'stream_token'>;

/** The tokens of one message a session holds: the first event, and the text after it. */
interface Held {
  event: TokenEvent;
  /** Null while it holds one token; then that token and every later one, joined at the flush. */
  text: string | null;
}

/**
 * Merges the tokens of a message that come within `flushMs` of each other into one
 * `stream_token` event (the client appends tokens, so it shows the same text, from far fewer
 * packets). No token waits unless another one of its session (or a `stream_start`, which holds
 * a message's first token) went out less than `flushMs` ago: a session streaming slowly gets
 * each token at once; one streaming fast gets them once per window. Order holds: any other event of a session first sends the tokens it holds.
 */
export class TokenCoalescer {
  /** Sessions' held tokens, and sessions that sent a token this window (held: null). */
  private readonly sessions = new Map<string, Held | null>();
  private timer?: ReturnType<typeof setTimeout>;

  /** `flushMs`: the window; more than 0 (0 is no coalescing at all: the broadcaster skips it). */
  constructor(
    private readonly emit: (event: ChatEvent) => void,
    private readonly flushMs: number,
  ) {}

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
  };

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(this.tick, this.flushMs);
    // A window never keeps the process alive.
    this.timer.unref?.();
  }
}
