var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { SERVER_ONLY_EVENTS } from '../protocol/chat-event.interface.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { SocketBacklog } from './socket-backlog.js';
import { TokenCoalescer } from './token-coalescer.js';
/** The socket.io room of a session: every socket its client has open. */
export const roomOf = (sessionId) => `session:${sessionId}`;
/**
 * The way out: every session's events, through the token coalescer, to the session's room.
 * An ask goes to each socket with an acknowledgement that carries the answer back.
 */
let ChatBroadcaster = class ChatBroadcaster {
    constructor(options, events, sessions, runtime, cluster) {
        this.options = options;
        this.events = events;
        this.sessions = sessions;
        this.runtime = runtime;
        this.cluster = cluster;
        this.logger = new Logger('ChatBroadcaster');
        /** Sessions being told that an event failed: a failure of that message is only logged. */
        this.failing = new Set();
        /** This instance's sockets, by id. */
        this.flows = new Map();
        /** How many messages some socket misses the tokens of now (none: nothing to clear when one ends). */
        this.skipping = 0;
    }
    /** Starts sending every session's events to its sockets on `io`. */
    start(io) {
        this.io = io;
        const send = (event) => this.send(event);
        this.coalescer = this.options.coalesceTokens
            ? new TokenCoalescer(send, this.options.tokenFlushMs)
            : undefined;
        const coalescer = this.coalescer;
        this.subscription = this.events.events$.subscribe(coalescer ? (event) => coalescer.push(event) : send);
    }
    /**
     * Sends a session's held tokens now. A socket that joins the session's room calls it first:
     * the tokens are in the message it is sent whole, and must not reach it before that.
     */
    flush(sessionId) {
        this.coalescer?.flush(sessionId);
    }
    /**
     * Watches what `socket` has waiting to be written: past `slowSocketBytes` it misses the
     * intermediate tokens of streaming messages, past `maxSocketBufferBytes` it is closed.
     */
    watch(socket) {
        const max = this.options.maxSocketBufferBytes;
        const backlog = new SocketBacklog(socket.conn, max, (bytes) => {
            this.logger.warn(`Socket ${socket.id} has ${bytes} bytes waiting to be written, past maxSocketBufferBytes (${max}): closed`);
            // Its queue is dropped with it; the session stays for the client to come back.
            setImmediate(() => socket.conn.close(true));
        });
        this.flows.set(socket.id, { backlog });
    }
    /** Forgets a socket whose connection closed. */
    unwatch(socketId) {
        this.skipping -= this.flows.get(socketId)?.skipping?.size ?? 0;
        this.flows.delete(socketId);
    }
    /** Sends every held token, then stops. */
    stop() {
        this.coalescer?.flush();
        this.subscription?.unsubscribe();
        this.subscription = undefined;
    }
    /**
     * Sends one event to its session's sockets. An event socket.io cannot send is logged and
     * dropped, and its session told; no other session notices.
     */
    send(event) {
        const io = this.io;
        if (!io || SERVER_ONLY_EVENTS.has(event.name))
            return;
        try {
            const room = roomOf(event.sessionId);
            if (event.name === 'stream_token') {
                const slow = this.slowSockets(io, room, event.data.id);
                (slow ? io.to(room).except(slow) : io.to(room)).emit(event.name, event.data);
                return;
            }
            if (this.skipping > 0 && isWhole(event))
                this.caughtUp(io, room, event.data.id);
            if (event.name === 'ask')
                this.ask(io, event);
            else
                io.to(room).emit(event.name, event.data);
        }
        catch (error) {
            this.failed(event, error);
        }
    }
    /**
     * An ask goes out with an acknowledgement to each socket of the session; the first answer
     * counts. No socket.io timeout: the session's own timer ends the ask.
     */
    ask(io, event) {
        const { spec } = event.data;
        this.cluster.afterBroadcasts(() => {
            try {
                for (const id of io.sockets.adapter.rooms.get(roomOf(event.sessionId)) ?? []) {
                    io.sockets.sockets.get(id)?.emit('ask', event.data, (answer) => {
                        const session = this.sessions.get(event.sessionId);
                        if (session)
                            this.runtime.answer(session, spec.step_id, answer);
                    });
                }
            }
            catch (error) {
                this.failed(event, error);
            }
        });
    }
    /**
     * The sockets of `room` that miss this token of message `id`: those that are slow now, and
     * those that were while it streamed (the rest of its text would not fit what they have).
     */
    slowSockets(io, room, id) {
        let slow;
        for (const socketId of io.sockets.adapter.rooms.get(room) ?? []) {
            const flow = this.flows.get(socketId);
            if (!flow)
                continue;
            if (!flow.skipping?.has(id)) {
                if (flow.backlog.bytes <= this.options.slowSocketBytes)
                    continue;
                (flow.skipping ??= new Set()).add(id);
                this.skipping++;
            }
            (slow ??= []).push(socketId);
        }
        return slow;
    }
    /** Message `id` goes out whole: the sockets that missed its tokens have all of it again. */
    caughtUp(io, room, id) {
        for (const socketId of io.sockets.adapter.rooms.get(room) ?? []) {
            if (this.flows.get(socketId)?.skipping?.delete(id))
                this.skipping--;
        }
    }
    failed(event, error) {
        const text = errorMessage(error);
        this.logger.error(`Could not send "${event.name}" to session ${event.sessionId}: ${text}`);
        const session = this.sessions.get(event.sessionId);
        // The error message is plain text: if even that cannot be sent, the log is all there is.
        if (!session || this.failing.has(session.id))
            return;
        this.failing.add(session.id);
        try {
            session.emit('new_message', {
                ...session
                    .message(`The server could not send "${event.name}": ${text}`, {
                    author: 'Error',
                    isError: true,
                })
                    .markShown(),
            });
        }
        catch {
            // the session ended meanwhile
        }
        finally {
            this.failing.delete(session.id);
        }
    }
};
ChatBroadcaster = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object, ChatEvents,
        ChatSessions,
        ChatRuntime,
        ChatCluster])
], ChatBroadcaster);
export { ChatBroadcaster };
/** An event that carries a message whole (its current text), after which tokens add up again. */
function isWhole(event) {
    return (event.name === 'update_message' ||
        event.name === 'stream_start' ||
        event.name === 'delete_message');
}
//# sourceMappingURL=chat.broadcaster.js.map