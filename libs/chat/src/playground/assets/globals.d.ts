import type { io as connect } from 'socket.io-client';

declare global {
  /** The socket.io client, which the server serves at `<socket path>/socket.io.js`. */
  const io: typeof connect;
}
