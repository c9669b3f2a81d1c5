import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../errors/error-message.js';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { type ChatEvent, SERVER_ONLY_EVENTS } from '../protocol/chat-event.interface.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { SocketBacklog } from './socket-backlog.js';
import { TokenCoalescer } from './token-coalescer.js';
import { WriteBatcher } from './write-batcher.js';

/** A socket's backlog, and the streaming messages whose tokens it misses (it was slow). */
interface SocketFlow {
  backlog: SocketBacklog;
  /** Made when it first misses a token. */
  skipping?: Set<string>;
}

/** The socket.io room of a session: every socket its client has open. */
export const roomOf = (sessionId: string) => `session:${sessionId}`;

/**
 * The way out: every session's events, through the token coalescer, to the session's room.
 * An ask goes to each socket with an acknowledgement that carries the answer back.
 */
@Injectable()
export class ChatBroadcaster {
  private io?: Server;
  private subscription?: Subscription;
  private coalescer?: TokenCoalescer;
  private readonly logger = new Logger('ChatBroadcaster');
  /** Sessions being told that an event failed: a failure of that message is only logged. */
  private readonly failing = new Set<string>();
  /** This instance's sockets, by id. */
  private readonly flows = new Map<string, SocketFlow>();
  /** How many messages some socket misses the tokens of now (none: nothing to clear when one ends). */
  private skipping = 0;
  /** What a socket is sent within a turn of the event loop goes out in one write. */
  private readonly batcher = new WriteBatcher();

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly events: ChatEvents,
    private readonly sessions: ChatSessions,
    private readonly runtime: ChatRuntime,
    private readonly cluster: ChatCluster,
  ) {}

  /** Starts sending every session's events to its sockets on `io`. */
  start(io: Server): void {
    this.io = io;
    const send = (event: ChatEvent) => this.send(event);
    const { coalesceTokens, tokenFlushMs, tokenFlushMaxMs } = this.options;
    this.coalescer =
      coalesceTokens && tokenFlushMs > 0
        ? new TokenCoalescer(send, tokenFlushMs, tokenFlushMaxMs)
        : undefined;
    const coalescer = this.coalescer;
    this.subscription = this.events.events$.subscribe(
      coalescer ? (event) => coalescer.push(event) : send,
    );
  }

  /**
   * Sends a session's held tokens now. A socket that joins the session's room calls it first:
   * the tokens are in the message it is sent whole, and must not reach it before that.
   */
  flush(sessionId: string): void {
    this.coalescer?.flush(sessionId);
  }

  /**
   * Watches what `socket` has waiting to be written: past `slowSocketBytes` it misses the
   * intermediate tokens of streaming messages, past `maxSocketBufferBytes` it is closed.
   */
  watch(socket: Socket): void {
    const max = this.options.maxSocketBufferBytes;
    const backlog = new SocketBacklog(socket.conn, max, (bytes) => {
      this.logger.warn(
        `Socket ${socket.id} has ${bytes} bytes waiting to be written, past maxSocketBufferBytes (${max}): closed`,
      );
      // Its queue is dropped with it; the session stays for the client to come back.
      setImmediate(() => socket.conn.close(true));
    });
    this.flows.set(socket.id, { backlog });
    this.batcher.attach(socket.conn);
  }

  /**
   * What `socket` is sent until the end of this turn of the event loop (a message's
   * `first_interaction`, `user_message` and `task_start`) goes out in one write.
   */
  batch(socket: Socket): void {
    this.batcher.hold(socket.conn);
  }

  /** Forgets a socket whose connection closed. */
  unwatch(socketId: string): void {
    this.skipping -= this.flows.get(socketId)?.skipping?.size ?? 0;
    this.flows.delete(socketId);
  }

  /** Sends every held token, then stops. */
  stop(): void {
    this.coalescer?.flush();
    this.coalescer?.stop();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /**
   * Sends one event to its session's sockets. An event socket.io cannot send is logged and
   * dropped, and its session told; no other session notices.
   */
  private send(event: ChatEvent): void {
    const io = this.io;
    if (!io || SERVER_ONLY_EVENTS.has(event.name)) return;
    try {
      const room = roomOf(event.sessionId);
      if (event.name === 'stream_token') {
        const slow = this.slowSockets(io, room, event.data.id);
        (slow ? io.to(room).except(slow) : io.to(room)).emit(event.name, event.data);
        return;
      }
      if (this.skipping > 0 && isWhole(event)) this.caughtUp(io, room, event.data.id);
      if (event.name === 'ask') this.ask(io, event as ChatEvent<'ask'>);
      else io.to(room).emit(event.name, event.data);
    } catch (error) {
      this.failed(event, error);
    }
  }

  /**
   * An ask goes out with an acknowledgement to each socket of the session; the first answer
   * counts. No socket.io timeout: the session's own timer ends the ask.
   */
  private ask(io: Server, event: ChatEvent<'ask'>): void {
    const { spec } = event.data;
    this.cluster.afterBroadcasts(() => {
      try {
        for (const id of io.sockets.adapter.rooms.get(roomOf(event.sessionId)) ?? []) {
          io.sockets.sockets.get(id)?.emit('ask', event.data, (answer: unknown) => {
            const session = this.sessions.get(event.sessionId);
            if (session) this.runtime.answer(session, spec.step_id, answer);
          });
        }
      } catch (error) {
        this.failed(event, error);
      }
    });
  }

  /**
   * The sockets of `room` that miss this token of message `id`: those that are slow now, and
   * those that were while it streamed (the rest of its text would not fit what they have).
   */
  private slowSockets(io: Server, room: string, id: string): string[] | undefined {
    let slow: string[] | undefined;
    for (const socketId of io.sockets.adapter.rooms.get(room) ?? []) {
      const flow = this.flows.get(socketId);
      if (!flow) continue;
      if (!flow.skipping?.has(id)) {
        if (flow.backlog.bytes <= this.options.slowSocketBytes) continue;
        (flow.skipping ??= new Set()).add(id);
        this.skipping++;
      }
      (slow ??= []).push(socketId);
    }
    return slow;
  }

  /** Message `id` goes out whole: the sockets that missed its tokens have all of it again. */
  private caughtUp(io: Server, room: string, id: string): void {
    for (const socketId of io.sockets.adapter.rooms.get(room) ?? []) {
      if (this.flows.get(socketId)?.skipping?.delete(id)) this.skipping--;
    }
  }

  private failed(event: ChatEvent, error: unknown): void {
    const text = errorMessage(error);
    this.logger.error(`Could not send "${event.name}" to session ${event.sessionId}: ${text}`);
    const session = this.sessions.get(event.sessionId);
    // The error message is plain text: if even that cannot be sent, the log is all there is.
    if (!session || this.failing.has(session.id)) return;
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
    } catch {
      // the session ended meanwhile
    } finally {
      this.failing.delete(session.id);
    }
  }
}

/** An event that carries a message whole (its current text), after which tokens add up again. */
function isWhole(
  event: ChatEvent,
): event is ChatEvent<'update_message' | 'stream_start' | 'delete_message'> {
  return (
    event.name === 'update_message' ||
    event.name === 'stream_start' ||
    event.name === 'delete_message'
  );
}
