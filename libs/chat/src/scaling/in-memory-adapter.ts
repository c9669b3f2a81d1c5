import { Adapter, SessionAwareAdapter } from 'socket.io-adapter';

/**
 * Whether a socket.io server's adapter is socket.io's own (in memory, with or without
 * connection state recovery), as opposed to one an app's WebSocket adapter set (Redis, ...).
 * By identity, or by name for a second copy of socket.io-adapter.
 */
export function isInMemoryAdapter(adapter: unknown): boolean {
  if (adapter === Adapter || adapter === SessionAwareAdapter) return true;
  const name = typeof adapter === 'function' ? adapter.name : undefined;
  return name === 'Adapter' || name === 'SessionAwareAdapter';
}
