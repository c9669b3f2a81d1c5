import type { Adapter, BroadcastOptions } from 'socket.io-adapter';
import type { Namespace } from 'socket.io';

type AdapterFactory = (nsp: Namespace) => Adapter;

/** @internal an adapter that says when the broadcasts handed to it so far have gone out. */
export interface TrackedAdapter extends Adapter {
  /** Resolves once every broadcast started before the call has been emitted on this instance. */
  broadcasted(): Promise<void>;
}

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
 */
export function clusterAdapter(factory: AdapterFactory): (nsp: Namespace) => TrackedAdapter {
  // A function, not an arrow: socket.io calls it with `new`.
  return function (nsp: Namespace) {
    const adapter = factory(nsp) as TrackedAdapter;
    let last: Promise<unknown> = Promise.resolve();
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet: unknown, opts: BroadcastOptions) => {
      const sent = broadcast(packet, opts) as unknown;
      if (sent instanceof Promise) last = sent.catch(() => undefined);
      return sent as void;
    };
    adapter.broadcasted = () => last.then(() => undefined);
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
    adapter.persistSession = (session) => persistSession({ ...session, data: {} });
    return adapter;
  };
}
