import type { Server, Socket } from 'socket.io';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
/** The socket.io room of a session: every socket its client has open. */
export declare const roomOf: (sessionId: string) => string;
/**
 * The way out: every session's events, through the token coalescer, to the session's room.
 * An ask goes to each socket with an acknowledgement that carries the answer back.
 */
export declare class ChatBroadcaster {
    private readonly options;
    private readonly events;
    private readonly sessions;
    private readonly runtime;
    private readonly cluster;
    private io?;
    private subscription?;
    private coalescer?;
    private readonly logger;
    /** Sessions being told that an event failed: a failure of that message is only logged. */
    private readonly failing;
    /** This instance's sockets, by id. */
    private readonly flows;
    /** How many messages some socket misses the tokens of now (none: nothing to clear when one ends). */
    private skipping;
    constructor(options: ResolvedChatOptions, events: ChatEvents, sessions: ChatSessions, runtime: ChatRuntime, cluster: ChatCluster);
    /** Starts sending every session's events to its sockets on `io`. */
    start(io: Server): void;
    /**
     * Sends a session's held tokens now. A socket that joins the session's room calls it first:
     * the tokens are in the message it is sent whole, and must not reach it before that.
     */
    flush(sessionId: string): void;
    /**
     * Watches what `socket` has waiting to be written: past `slowSocketBytes` it misses the
     * intermediate tokens of streaming messages, past `maxSocketBufferBytes` it is closed.
     */
    watch(socket: Socket): void;
    /** Forgets a socket whose connection closed. */
    unwatch(socketId: string): void;
    /** Sends every held token, then stops. */
    stop(): void;
    /**
     * Sends one event to its session's sockets. An event socket.io cannot send is logged and
     * dropped, and its session told; no other session notices.
     */
    private send;
    /**
     * An ask goes out with an acknowledgement to each socket of the session; the first answer
     * counts. No socket.io timeout: the session's own timer ends the ask.
     */
    private ask;
    /**
     * The sockets of `room` that miss this token of message `id`: those that are slow now, and
     * those that were while it streamed (the rest of its text would not fit what they have).
     */
    private slowSockets;
    /** Message `id` goes out whole: the sockets that missed its tokens have all of it again. */
    private caughtUp;
    private failed;
}
