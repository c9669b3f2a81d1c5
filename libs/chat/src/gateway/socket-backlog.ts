import type { Socket } from 'socket.io';

type Connection = Socket['conn'];

/** The bytes of an engine.io packet's data. */
function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * What a socket has waiting to be written, kept up to date as engine.io queues packets
 * (`packetCreate`) and hands them to its transport (`flush`): the queued packets, plus the batch
 * the transport is still writing. A client that stops reading makes it grow.
 */
export class SocketBacklog {
  private queued = 0;
  private writing = 0;

  /** `onOverflow` runs once, when the backlog first passes `max` bytes. */
  constructor(
    private readonly conn: Connection,
    max: number,
    onOverflow: (bytes: number) => void,
  ) {
    let overflowed = false;
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      this.queued += sizeOf(packet.data);
      if (overflowed || this.bytes <= max) return;
      overflowed = true;
      onOverflow(this.bytes);
    });
    conn.on('flush', () => {
      this.writing = this.queued;
      this.queued = 0;
    });
  }

  /** Bytes waiting to be written now. */
  get bytes(): number {
    if (this.conn.transport?.writable) this.writing = 0;
    return this.queued + this.writing;
  }
}
