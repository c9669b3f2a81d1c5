import type { Socket } from 'socket.io';
type Connection = Socket['conn'];
/**
 * What a socket has waiting to be written, kept up to date as engine.io queues packets
 * (`packetCreate`) and hands them to its transport (`flush`): the queued packets, plus the batch
 * the transport is still writing. A client that stops reading makes it grow.
 */
export declare class SocketBacklog {
    private readonly conn;
    private queued;
    private writing;
    /** `onOverflow` runs once, when the backlog first passes `max` bytes. */
    constructor(conn: Connection, max: number, onOverflow: (bytes: number) => void);
    /** Bytes waiting to be written now. */
    get bytes(): number;
}
export {};
