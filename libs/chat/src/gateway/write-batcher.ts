import type { Socket } from 'socket.io';

type Connection = Socket['conn'];

/** What batching needs of a connection, beyond engine.io's typed API; checked before use. */
interface Batchable {
  transport?: {
    name?: unknown;
    writable?: unknown;
    /** ws's WebSocket, the TCP socket under it at `TCP_SOCKET`. */
    socket?: Record<string, Corkable | undefined>;
  };
  flush?: unknown;
}

interface Corkable {
  cork?: unknown;
  uncork?: unknown;
}

interface Cork {
  cork: () => void;
  uncork: () => void;
}

/** Where ws's WebSocket keeps its TCP socket (a private field: there is no public one). */
export const TCP_SOCKET = '_socket';

const shape = (conn: Connection) => conn as unknown as Batchable;

/** A connection whose packets wait for the end of the tick, and the transport it waits on. */
interface Held {
  conn: Connection;
  transport: NonNullable<Batchable['transport']>;
}

/**
 * Writes what a websocket connection is sent in a turn of the event loop in one TCP write:
 * `hold` stops its transport (engine.io queues the packets meanwhile) until the turn's queued
 * callbacks and microtasks have run; then the queue goes out as one batch, and every batch is
 * corked into one write. A connection of any other shape (another transport, engine.io or ws
 * internals that changed) is left alone: its packets are written as they come.
 */
export class WriteBatcher {
  private held: Held[] = [];
  private scheduled = false;

  /** Batches `conn`'s writes from now on; false when it cannot, and its writes stay as they are. */
  attach(conn: Connection): boolean {
    if (!batchable(conn)) return false;
    let corked: Cork | undefined;
    // engine.io emits flush, hands the batch to the transport, then emits drain, at once.
    conn.on('flush', () => {
      corked?.uncork(); // a batch whose drain never came (its send threw)
      corked = corkOf(conn);
      corked?.cork();
    });
    conn.on('drain', () => {
      corked?.uncork();
      corked = undefined;
    });
    return true;
  }

  /**
   * What `conn` is sent from now to the end of this turn of the event loop (the callbacks and
   * microtasks queued meanwhile) goes out in one write. A connection that is writing already, or
   * is of another shape, is left alone.
   */
  hold(conn: Connection): void {
    const transport = shape(conn).transport;
    if (!batchable(conn) || transport?.name !== 'websocket' || transport.writable !== true) return;
    transport.writable = false;
    this.held.push({ conn, transport });
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(queueMicrotask, this.release);
  }

  private release = (): void => {
    const held = this.held;
    this.held = [];
    this.scheduled = false;
    for (const { conn, transport } of held) {
      // Nothing wrote on the transport meanwhile: nothing could, while it was not writable.
      if (transport.writable !== false) continue;
      transport.writable = true;
      if (shape(conn).transport !== transport) continue; // upgraded meanwhile
      try {
        (conn as unknown as { flush: () => void }).flush();
      } catch {
        // engine.io reports a transport's failure on the connection; the others go on
      }
    }
  };
}

/** Whether `conn` has the shape batching relies on. */
function batchable(conn: Connection): boolean {
  const { transport, flush } = shape(conn);
  return typeof flush === 'function' && typeof transport?.writable === 'boolean';
}

/** The TCP socket under a websocket connection, if it can be corked. */
function corkOf(conn: Connection): Cork | undefined {
  const transport = shape(conn).transport;
  if (transport?.name !== 'websocket') return undefined;
  const socket = transport.socket?.[TCP_SOCKET];
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return undefined;
  return socket as Cork;
}
