/**
 * @internal Wraps a cluster adapter's factory for the chat gateway:
 *
 * - A broadcast goes out on this instance only once Redis has given it its offset (recovering
 *   sockets rely on it), so it may be overtaken by a packet sent straight to a socket (an ask,
 *   which needs an acknowledgement). `broadcasted()` lets such a packet wait its turn.
 * - Entries of its own in the Redis stream are skipped unread (the adapter would decode each
 *   one, then ignore it).
 * - A dropped socket's session is kept in Redis without `socket.data`: the gateway's handshake
 *   middleware runs again for a recovered socket and sets it afresh, and what it holds (the chat
 *   session) is neither serializable nor meant for another instance.
 * - A recovering socket misses nothing: see `recoverEverything`.
 */
export function clusterAdapter(factory) {
    // A function, not an arrow: socket.io calls it with `new`.
    return function (nsp) {
        const adapter = factory(nsp);
        let last = Promise.resolve();
        const broadcast = adapter.broadcast.bind(adapter);
        adapter.broadcast = (packet, opts) => {
            const sent = broadcast(packet, opts);
            if (sent instanceof Promise)
                last = sent.catch(() => undefined);
            return sent;
        };
        adapter.broadcasted = () => last.then(() => undefined);
        // The stream reader sees this instance's own entries too: drop them before they are decoded.
        const raw = adapter;
        const onRawMessage = raw.onRawMessage?.bind(adapter);
        if (onRawMessage) {
            raw.onRawMessage = (message, offset) => {
                if (message.uid !== raw.uid)
                    onRawMessage(message, offset);
            };
        }
        const persistSession = adapter.persistSession.bind(adapter);
        adapter.persistSession = (session) => persistSession({ ...session, data: {} });
        recoverEverything(nsp, adapter);
        return adapter;
    };
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
function recoverEverything(nsp, adapter) {
    const recovering = new Set();
    const bySocket = new Map();
    const restoreSession = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
        const recovery = { offset, broadcasts: [], sent: new Set() };
        recovering.add(recovery);
        let session;
        try {
            session = await restoreSession(pid, offset);
        }
        catch (error) {
            recovering.delete(recovery);
            throw error;
        }
        if (!session) {
            recovering.delete(recovery);
            return session;
        }
        recovery.session = session;
        for (const packet of session.missedPackets)
            recovery.sent.add(offsetOf(packet));
        bySocket.set(session.sid, recovery);
        return session;
    };
    // Called just before each packet that has an offset is broadcast on this instance, local or not.
    const addOffset = adapter.addOffsetIfNecessary.bind(adapter);
    adapter.addOffsetIfNecessary = (packet, opts, offset) => {
        addOffset(packet, opts, offset);
        if (recovering.size === 0 || packet.data.at(-1) !== offset)
            return;
        for (const recovery of recovering) {
            // Once its rooms are known, only what reaches them; a socket whose handshake never ends
            // stops being waited for.
            const rooms = recovery.session?.rooms;
            if (rooms && !reaches(rooms, opts))
                continue;
            if (recovery.broadcasts.length >= MAX_KEPT)
                abandon(recovery);
            else
                recovery.broadcasts.push({ data: packet.data, opts, offset });
        }
    };
    // socket.io makes the recovered socket: it joins its rooms, then sends its missed packets.
    const addAll = adapter.addAll.bind(adapter);
    adapter.addAll = (id, rooms) => {
        const recovery = bySocket.get(id);
        const session = recovery?.session;
        if (session && !recovery.made) {
            recovery.made = true;
            session.missedPackets.push(...unsent(recovery));
            session.missedPackets.sort((a, b) => compareOffsets(offsetOf(a), offsetOf(b)));
        }
        return addAll(id, rooms);
    };
    const abandon = (recovery) => {
        recovering.delete(recovery);
        if (recovery.session)
            bySocket.delete(recovery.session.sid);
    };
    const end = (id) => {
        const recovery = bySocket.get(id);
        if (recovery)
            abandon(recovery);
    };
    // The first listener of the namespace: it runs before the app's own.
    nsp.on('connection', (socket) => {
        const recovery = bySocket.get(socket.id);
        if (!recovery)
            return;
        end(socket.id);
        const packet = socket.packet.bind(socket);
        for (const data of unsent(recovery))
            packet({ type: EVENT, data });
    });
    // Refused by the middleware (or gone): its socket leaves every room.
    const delAll = adapter.delAll.bind(adapter);
    adapter.delAll = (id) => {
        if (!nsp.sockets.has(id))
            end(id);
        return delAll(id);
    };
}
/** Those of the packets broadcast during the recovery that the socket has not been sent. */
function unsent(recovery) {
    const rooms = recovery.session?.rooms ?? [];
    const out = [];
    for (const { data, opts, offset } of recovery.broadcasts.splice(0)) {
        if (recovery.sent.has(offset) || compareOffsets(offset, recovery.offset) <= 0)
            continue;
        if (!reaches(rooms, opts))
            continue;
        recovery.sent.add(offset);
        out.push(data);
    }
    return out.sort((a, b) => compareOffsets(offsetOf(a), offsetOf(b)));
}
/** Whether a broadcast with these options reaches a socket in these rooms. */
function reaches(rooms, opts) {
    const included = opts.rooms.size === 0 || rooms.some((room) => opts.rooms.has(room));
    return included && !rooms.some((room) => opts.except?.has(room));
}
const offsetOf = (data) => String(data.at(-1));
/** Orders Redis stream ids, `<ms>-<seq>`. */
function compareOffsets(a, b) {
    const [aMs, aSeq] = a.split('-').map(Number);
    const [bMs, bSeq] = b.split('-').map(Number);
    return aMs - bMs || aSeq - bSeq;
}
/** Packets kept for one recovering socket, at most. */
const MAX_KEPT = 10_000;
/** socket.io-parser's EVENT packet type. */
const EVENT = 2;
//# sourceMappingURL=cluster-adapter.js.map