/** The bytes of an engine.io packet's data. */
function sizeOf(data) {
    if (typeof data === 'string')
        return data.length;
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
        return data.byteLength;
    return 0;
}
/**
 * What a socket has waiting to be written, kept up to date as engine.io queues packets
 * (`packetCreate`) and hands them to its transport (`flush`): the queued packets, plus the batch
 * the transport is still writing. A client that stops reading makes it grow.
 */
export class SocketBacklog {
    /** `onOverflow` runs once, when the backlog first passes `max` bytes. */
    constructor(conn, max, onOverflow) {
        this.conn = conn;
        this.queued = 0;
        this.writing = 0;
        let overflowed = false;
        conn.on('packetCreate', (packet) => {
            this.queued += sizeOf(packet.data);
            if (overflowed || this.bytes <= max)
                return;
            overflowed = true;
            onOverflow(this.bytes);
        });
        conn.on('flush', () => {
            this.writing = this.queued;
            this.queued = 0;
        });
    }
    /** Bytes waiting to be written now. */
    get bytes() {
        if (this.conn.transport?.writable)
            this.writing = 0;
        return this.queued + this.writing;
    }
}
//# sourceMappingURL=socket-backlog.js.map