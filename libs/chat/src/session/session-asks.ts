import type { AskSpec, ChatEventMap } from '../protocol/chat-event.interface.js';

/** An ask waiting for its answer: what to send again on reconnect, and how to finish it. */
export interface PendingAsk {
  payload: ChatEventMap['ask'];
  /** The client's reply: finishes the ask if it is an answer to it. */
  answer(reply: unknown): void;
  /** Finishes the ask with no answer (Stop, the session's end). */
  cancel(): void;
}

/** A session's pending asks, by the id of the message that asks. */
export class SessionAsks {
  private readonly byId = new Map<string, PendingAsk>();

  open(id: string, ask: PendingAsk): void {
    this.byId.set(id, ask);
  }

  /** Forgets an ask; `false` if it was not pending (finished already). */
  close(id: string): boolean {
    return this.byId.delete(id);
  }

  /** Hands the client's reply to the ask it answers, if that ask is still pending. */
  answer(id: string, reply: unknown): void {
    this.byId.get(id)?.answer(reply);
  }

  /** What the pending ask `id` asks for. */
  spec(id: string): AskSpec | undefined {
    return this.byId.get(id)?.payload.spec;
  }

  /** The pending asks' payloads, to send again to a client that comes back. */
  payloads(): ChatEventMap['ask'][] {
    return [...this.byId.values()].map((ask) => ask.payload);
  }

  cancelAll(): void {
    for (const ask of this.byId.values()) ask.cancel();
  }
}
