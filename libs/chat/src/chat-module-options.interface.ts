import type { ServerOptions } from 'socket.io';
import type { AsyncifyOptions } from './asyncify/asyncify-options.interface.js';

/** socket.io's CORS options (the `cors` package's). */
export type ChatCorsOptions = Exclude<NonNullable<ServerOptions['cors']>, boolean | Function>;

/** Options of `ChatModule.forRoot()`; every one is optional. */
export interface ChatModuleOptions {
  /**
   * Path of the socket.io endpoint, prefixed by the app's global prefix if one is set.
   * @default '/ws/socket.io' (where the Chainlit client looks for it)
   */
  path?: string;
  /**
   * CORS for the socket endpoint: `true` allows any origin, or socket.io/`cors` options.
   * @default false: same origin only (a browser page from another origin is refused)
   */
  cors?: boolean | ChatCorsOptions;
  /**
   * How long a session whose socket dropped waits for its client to reconnect before it ends
   * (`@OnChatEnd` runs then). 0 ends it as soon as the socket drops.
   * @default 300000 (5 minutes)
   */
  sessionTimeoutMs?: number;
  /**
   * Largest message a client may send, in bytes; socket.io closes a connection that sends more.
   * @default 1048576 (1 MiB)
   */
  maxMessageBytes?: number;
  /**
   * Merge the tokens a message gets within one event-loop turn into one `stream_token` event
   * (the client appends tokens, so what it shows is the same, in fewer packets).
   * `events$` streams still carry every token.
   * @default true
   */
  coalesceTokens?: boolean;
  /**
   * With `coalesceTokens`, how long tokens wait to be merged: 0 sends them at the next
   * event-loop turn; 10–30 ms (still smooth to a reader) cuts packets many times over when
   * thousands of sessions stream at once.
   * @default 0
   */
  tokenFlushMs?: number;
  /**
   * The author name of assistant messages.
   * @default 'Assistant'
   */
  assistantName?: string;
  /** The worker-thread pool of `AsyncifyService`; see `AsyncifyOptions` for each default. */
  asyncify?: AsyncifyOptions;
  /**
   * Serve the playground page, a chat UI to try the app in a browser: `true` at `/`, or
   * `{ path }`. It is prefixed by the app's global prefix if one is set.
   * @default false
   */
  playground?: boolean | { path?: string };
}

/** The options with their defaults applied. */
export type ResolvedChatOptions = Required<
  Omit<ChatModuleOptions, 'cors' | 'asyncify' | 'playground'>
> & {
  cors: false | ChatCorsOptions;
  playground: false | { path: string };
  asyncify: Required<Omit<AsyncifyOptions, 'pool' | 'resourceLimits'>> &
    Pick<AsyncifyOptions, 'pool' | 'resourceLimits'>;
};
