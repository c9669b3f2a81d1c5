import {
  Adapter as InMemoryAdapter,
  type BroadcastOptions,
  type Room,
  type Session,
  type SocketId,
} from 'socket.io-adapter';
import type { Namespace, ServerOptions, Socket } from 'socket.io';

type AdapterFactory = (nsp: Namespace) => InMemoryAdapter;

/** @internal an adapter that says when the broadcasts handed to it so far have gone out. */
export interface TrackedAdapter extends InMemoryAdapter {
  /** Resolves once every broadcast started before the call has been emitted on this instance. */
  broadcasted(): Promise<void>;
}

/** @internal what the adapter knows of Redis: see `RedisLink`. */
export interface RedisState {
  /** Whether Redis is connected and answers. */
  readonly up: boolean;
  /** Publishes have waited `ms` without an answer. */
  stall(ms: number): void;
  /** A publish was answered. */
  answered(): void;
}

/**
 * How long broadcasts wait for Redis to answer anything before they go out on this instance
 * anyway (without their offsets: a socket that drops afterwards is not recovered). This is for a
 * Redis that is connected but does not answer; one that answers slowly (a busy instance or
 * Redis) makes progress, and its broadcasts wait their turn.
 */
export const PUBLISH_WAIT_MS = 2000;

/** How long a socket's recovery waits for Redis before it connects as a new socket. */
export const RESTORE_WAIT_MS = 5000;

/**
 * @internal Wraps a cluster adapter's factory for the chat gateway:
 *
 * - Redis away never silences this instance: see `publishOrDeliver`.
 * - A broadcast goes out on this instance only once Redis has given it its offset (recovering
 *   sockets rely on it), so it may be overtaken by a packet sent straight to a socket (an ask,
 *   which needs an acknowledgement). `broadcasted()` lets such a packet wait its turn.
 * - Entries of its own in the Redis stream are skipped unread (the adapter would decode each
 *   one, then ignore it).
 * - A dropped socket's session is kept in Redis without `socket.data`: the gateway's handshake
 *   middleware runs again for a recovered socket and sets it afresh, and what it holds (the chat
 *   session) is neither serializable nor meant for another instance. Not while Redis is away.
 * - A recovering socket misses nothing: see `recoverEverything`.
 * - A server-side event with an acknowledgement that cannot be sent (Redis away) is answered
 *   with the error, instead of a rejection nobody handles.
 */
export function clusterAdapter(
  factory: AdapterFactory,
  redis: RedisState,
): (nsp: Namespace) => TrackedAdapter {
  // A function, not an arrow: socket.io calls it with `new`.
  return function (nsp: Namespace) {
    const adapter = factory(nsp) as TrackedAdapter;
    const publishing = publishOrDeliver(nsp, adapter, redis);
    // The stream reader sees this instance's own entries too: drop them before they are decoded.
    const raw = adapter as unknown as {
      uid?: string;
      onRawMessage?: (message: { uid?: string }, offset: string) => void;
    };
    const onRawMessage = raw.onRawMessage?.bind(adapter);
    if (onRawMessage) {
      raw.onRawMessage = (message, offset) => {
        if (message.uid !== raw.uid) onRawMessage(message, offset);
      };
    }
    const persistSession = adapter.persistSession.bind(adapter);
    adapter.persistSession = (session) => {
      if (redis.up) persistSession({ ...session, data: {} });
    };
    const serverSideEmit = adapter.serverSideEmit.bind(adapter);
    adapter.serverSideEmit = (packet: unknown[]) => {
      const ack = packet.at(-1);
      return Promise.resolve(serverSideEmit(packet)).catch((error: unknown) => {
        if (typeof ack === 'function') ack(error, []);
      });
    };
    recoverEverything(nsp, adapter, publishing);
    return adapter;
  };
}

/** A broadcast waiting for Redis to give it its offset. */
interface Waiting {
  readonly packet: { data: unknown[] };
  readonly opts: BroadcastOptions;
  readonly since: number;
  /** Its offset once Redis answered; '' if it failed: it goes out without one. */
  offset?: string;
  /** It went out without waiting any longer (Redis took too long). */
  abandoned?: boolean;
  /** Called once it has gone out. */
  out?: (() => void)[];
}

/** Whether a socket that had received up to `offset` may be recovered. */
type Recoverable = (offset: string) => boolean;

/**
 * The adapter's broadcast, without waiting on a Redis that is away. With Redis up, a broadcast
 * is written to the stream and goes out on this instance with its offset (as the adapter does),
 * broadcasts in the order they were made. With Redis away (its client not ready: commands fail
 * at once, nothing queues for it), or not answering for `PUBLISH_WAIT_MS`, it goes out on this
 * instance only, at once, after those already waiting. Without connection state recovery no
 * offset is needed: the broadcast goes out at once, then to the stream if Redis is up.
 *
 * A packet that went out without its offset is not in the stream: a socket that had dropped
 * before it must not be "recovered" from the stream. Until a broadcast goes out with its offset
 * again, no socket is; then only those that have received it or a later one.
 */
function publishOrDeliver(nsp: Namespace, adapter: TrackedAdapter, redis: RedisState): Recoverable {
  const deliver = (packet: unknown, opts: BroadcastOptions) =>
    InMemoryAdapter.prototype.broadcast.call(adapter, packet as never, opts);
  const cluster = adapter as unknown as ClusterInternals;
  const offsets = Boolean((nsp.server as unknown as ServerInternals).opts.connectionStateRecovery);
  const waiting: Waiting[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;
  /** When Redis last took a broadcast. */
  let answeredAt = 0;
  /** Packets went out without their offset since the last one that went out with its own. */
  let gap = false;
  /** The first offset that went out after the last gap. */
  let mark: string | undefined;

  const goOut = (entry: Waiting) => {
    if (entry.offset) {
      cluster.addOffsetIfNecessary(entry.packet, entry.opts, entry.offset);
      if (gap) [gap, mark] = [false, entry.offset];
    } else {
      gap = true;
    }
    deliver(entry.packet, entry.opts);
    entry.out?.forEach((out) => out());
  };
  const flush = () => {
    while (head < waiting.length && waiting[head].offset !== undefined) goOut(waiting[head++]);
    if (head === waiting.length) {
      waiting.length = head = 0;
    } else if (head > 1024 && head * 2 > waiting.length) {
      waiting.splice(0, head);
      head = 0;
    }
  };
  // One timer while broadcasts wait. When it fires, what came in meanwhile is read first (the
  // check runs after the event loop's I/O): a blocked event loop is not a silent Redis.
  const arm = (ms: number) => {
    timer = setTimeout(() => setImmediate(check), ms);
    timer.unref();
  };
  const check = () => {
    timer = undefined;
    if (head === waiting.length) return;
    const silent = Date.now() - Math.max(answeredAt, waiting[head].since);
    if (silent < PUBLISH_WAIT_MS) return arm(PUBLISH_WAIT_MS - silent);
    redis.stall(PUBLISH_WAIT_MS);
    for (const entry of waiting.slice(head)) {
      entry.abandoned = true;
      entry.offset ??= '';
    }
    flush();
  };

  adapter.broadcast = (packet: { data: unknown[] }, opts: BroadcastOptions) => {
    if (opts.flags?.local) return deliver(packet, opts);
    const message = { type: BROADCAST, data: { packet, opts: encodeOptions(opts) } };
    if (!offsets) {
      deliver(packet, opts);
      if (redis.up) cluster.publishAndReturnOffset(message).catch(() => undefined);
      return;
    }
    if (!redis.up) {
      if (head === waiting.length) {
        gap = true;
        return deliver(packet, opts);
      }
      waiting.push({ packet, opts, since: 0, offset: '' });
      return;
    }
    const entry: Waiting = { packet, opts, since: Date.now() };
    waiting.push(entry);
    if (!timer) arm(PUBLISH_WAIT_MS);
    cluster.publishAndReturnOffset(message).then(
      (offset) => {
        answeredAt = Date.now();
        redis.answered();
        if (entry.abandoned) return;
        entry.offset = offset;
        flush();
      },
      () => {
        if (entry.abandoned) return;
        entry.offset = '';
        flush();
      },
    );
  };
  adapter.broadcasted = () =>
    head === waiting.length
      ? Promise.resolve()
      : new Promise((resolve) => (waiting.at(-1)!.out ??= []).push(resolve));
  // Closed once: by the socket server as it closes, or at shutdown if it was not.
  const close = adapter.close.bind(adapter);
  let closed = false;
  adapter.close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    return close();
  };
  return (offset) => redis.up && !gap && (mark === undefined || compareOffsets(offset, mark) >= 0);
}

/** A packet this instance broadcast while a socket was recovering, with its stream offset. */
interface Broadcast {
  data: unknown[];
  opts: BroadcastOptions;
  offset: string;
}

/** A socket on its way back: from the adapter's `restoreSession` to its `connection`. */
interface Recovery {
  /** The client's offset: what it has received. */
  readonly offset: string;
  /** What this instance broadcast meanwhile (once its rooms are known: what reaches them). */
  readonly broadcasts: Broadcast[];
  session?: Session;
  /** Whether socket.io has made the socket: its missed packets are final. */
  made?: boolean;
  /** The offsets the socket has been sent, or will be (its missed packets). */
  readonly sent: Set<string>;
}

/**
 * Connection state recovery loses packets broadcast while a socket comes back (socket.io 4.8 with
 * a cluster adapter), in two windows:
 *
 * 1. The adapter reads the missed packets from the stream, then socket.io makes the socket and
 *    joins it to its rooms. A packet whose offset comes after the last read but which this
 *    instance broadcasts before the socket is in its rooms reaches nobody.
 * 2. The recovered socket is in its rooms, but until the middleware has run (the gateway's
 *    handshake is asynchronous) it is not among the namespace's sockets, which broadcasts
 *    go to.
 *
 * The packets this instance broadcasts while a socket recovers are kept. When the socket joins its
 * rooms, those it did not get are added to its missed packets; when it connects, those broadcast
 * since are sent to it, before anything else. All in stream order, each once.
 */
function recoverEverything(
  nsp: Namespace,
  adapter: InMemoryAdapter,
  recoverable: Recoverable,
): void {
  const recovering = new Set<Recovery>();
  const bySocket = new Map<SocketId, Recovery>();

  const restoreSession = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    // Refused: socket.io makes a new socket, which the gateway brings up to date.
    if (!recoverable(offset)) throw new Error('packets went out that are not in the stream');
    const recovery: Recovery = { offset, broadcasts: [], sent: new Set() };
    recovering.add(recovery);
    let session: Session | null;
    let timer: NodeJS.Timeout | undefined;
    try {
      session = await Promise.race([
        restoreSession(pid, offset),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis does not answer')), RESTORE_WAIT_MS);
        }),
      ]);
    } catch (error) {
      recovering.delete(recovery);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!session) {
      recovering.delete(recovery);
      return session;
    }
    recovery.session = session;
    for (const packet of session.missedPackets) recovery.sent.add(offsetOf(packet));
    bySocket.set(session.sid, recovery);
    return session;
  };

  // Called just before each packet that has an offset is broadcast on this instance, local or not.
  const addOffset = (adapter as unknown as ClusterInternals).addOffsetIfNecessary.bind(adapter);
  (adapter as unknown as ClusterInternals).addOffsetIfNecessary = (packet, opts, offset) => {
    addOffset(packet, opts, offset);
    if (recovering.size === 0 || packet.data.at(-1) !== offset) return;
    for (const recovery of recovering) {
      // Once its rooms are known, only what reaches them; a socket whose handshake never ends
      // stops being waited for.
      const rooms = recovery.session?.rooms;
      if (rooms && !reaches(rooms, opts)) continue;
      if (recovery.broadcasts.length >= MAX_KEPT) abandon(recovery);
      else recovery.broadcasts.push({ data: packet.data, opts, offset });
    }
  };

  // socket.io makes the recovered socket: it joins its rooms, then sends its missed packets.
  const addAll = adapter.addAll.bind(adapter);
  adapter.addAll = (id: SocketId, rooms: Set<Room>) => {
    const recovery = bySocket.get(id);
    const session = recovery?.session;
    if (session && !recovery.made) {
      recovery.made = true;
      session.missedPackets.push(...unsent(recovery));
      session.missedPackets.sort((a, b) => compareOffsets(offsetOf(a), offsetOf(b)));
    }
    return addAll(id, rooms);
  };

  const abandon = (recovery: Recovery) => {
    recovering.delete(recovery);
    if (recovery.session) bySocket.delete(recovery.session.sid);
  };
  const end = (id: SocketId) => {
    const recovery = bySocket.get(id);
    if (recovery) abandon(recovery);
  };
  // The first listener of the namespace: it runs before the app's own.
  nsp.on('connection', (socket: Socket) => {
    const recovery = bySocket.get(socket.id);
    if (!recovery) return;
    end(socket.id);
    const packet = (socket as unknown as PacketSending).packet.bind(socket);
    for (const data of unsent(recovery)) packet({ type: EVENT, data });
  });
  // Refused by the middleware (or gone): its socket leaves every room.
  const delAll = adapter.delAll.bind(adapter);
  adapter.delAll = (id: SocketId) => {
    if (!nsp.sockets.has(id)) end(id);
    return delAll(id);
  };
}

/** Those of the packets broadcast during the recovery that the socket has not been sent. */
function unsent(recovery: Recovery): unknown[][] {
  const rooms = recovery.session?.rooms ?? [];
  const out: unknown[][] = [];
  for (const { data, opts, offset } of recovery.broadcasts.splice(0)) {
    if (recovery.sent.has(offset) || compareOffsets(offset, recovery.offset) <= 0) continue;
    if (!reaches(rooms, opts)) continue;
    recovery.sent.add(offset);
    out.push(data);
  }
  return out.sort((a, b) => compareOffsets(offsetOf(a), offsetOf(b)));
}

/** Whether a broadcast with these options reaches a socket in these rooms. */
function reaches(rooms: Room[], opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || rooms.some((room) => opts.rooms.has(room));
  return included && !rooms.some((room) => opts.except?.has(room));
}

const offsetOf = (data: unknown[]) => String(data.at(-1));

/** Orders Redis stream ids, `<ms>-<seq>`. */
function compareOffsets(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/** Packets kept for one recovering socket, at most. */
const MAX_KEPT = 10_000;

/** socket.io-parser's EVENT packet type. */
const EVENT = 2;

/** socket.io-adapter's cluster message type of a broadcast. */
const BROADCAST = 3;

/** socket.io's server options (private in its types). */
interface ServerInternals {
  opts: Partial<ServerOptions>;
}

/** The members of socket.io-adapter's `ClusterAdapter` used here (protected there). */
interface ClusterInternals {
  addOffsetIfNecessary(packet: { data: unknown[] }, opts: BroadcastOptions, offset: string): void;
  publishAndReturnOffset(message: { type: number; data: unknown }): Promise<string>;
}

/** Broadcast options as the cluster adapter publishes them. */
function encodeOptions(opts: BroadcastOptions) {
  return { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags };
}

interface PacketSending {
  packet(packet: { type: number; data: unknown[] }): void;
}
