import type { ServerOptions } from 'socket.io';
import type { AsyncifyOptions } from './asyncify-options.interface.js';
import type { ChatAuthOptions, ResolvedChatAuthOptions } from './chat-auth-options.interface.js';
import type {
  ChatLogoOptions,
  ChatTranslationsOptions,
} from './chat-ui-assets-options.interface.js';
import type { ChatStorageOption, ChatStorageOptions } from './chat-storage-options.interface.js';
import type { ChatRateLimit } from './rate-limit-options.interface.js';
import type { ChatRedisOptions, ResolvedChatRedisOptions } from './chat-redis-options.interface.js';

/** socket.io's CORS options (the `cors` package's). */
export type ChatCorsOptions = Exclude<NonNullable<ServerOptions['cors']>, boolean | Function>;

/** A chat profile the user picks before chatting (`session.chatProfile`). */
export interface ChatProfile {
  name: string;
  markdownDescription?: string;
  /** An image URL. */
  icon?: string;
  /** The profile a new chat starts with. */
  default?: boolean;
  /** Starters shown with this profile, instead of the module's. */
  starters?: ChatStarter[];
}

/** A suggested first message, shown on an empty chat. */
export interface ChatStarter {
  label: string;
  message: string;
  /** An image URL. */
  icon?: string;
  /** A slash command to send it with. */
  command?: string;
}

/** What users may attach to their messages (the `askFile()` limits are per ask). */
export interface ChatUploadOptions {
  /** MIME types and extensions, or MIME type → extensions. @default ['*\/*'] */
  accept?: string[] | Record<string, string[]>;
  /** Files per message. @default 10 */
  maxFiles?: number;
  /** Largest file, in MB. @default 20 */
  maxSizeMb?: number;
}

/** Options of `ChatModule.forRoot()`; every one is optional. */
export interface ChatModuleOptions {
  /**
   * One prefix for every route of the chat, its HTTP routes, UI routes, playground and socket
   * (`'/chat'`: `/chat/user`, `/chat/ws/socket.io`), after the app's global prefix if one is
   * set. The Chainlit client then takes the server URL with that path (`https://host/chat`).
   * @default '' (the chat's routes at the app's root)
   */
  mount?: string;
  /**
   * Path of the socket.io endpoint, under the app's global prefix and the `mount` if set.
   * @default '/ws/socket.io' (where the Chainlit client looks for it)
   */
  path?: string;
  /**
   * CORS of the chat (its socket and HTTP routes): `true` allows any origin, `false` the same
   * origin only, or `cors` package options. It wins over the app's CORS on the chat.
   * @default the app's CORS (`app.enableCors(...)`), or the same origin only if it has none
   */
  cors?: boolean | ChatCorsOptions;
  /**
   * Host names the chat answers to (its HTTP routes and socket handshakes), against DNS
   * rebinding: a request whose `Host` header names another host is refused (403, `connect_error`).
   * `localhost`, `*.localhost` and IP addresses always pass (a rebound name cannot become one);
   * list the names the app is reached by (`'chat.example.com'`; `'.example.com'` for every
   * subdomain). `true` lets every host through (when a proxy in front checks it).
   * @default [] (localhost and IP addresses only)
   */
  allowedHosts?: true | string[];
  /**
   * Signs the anonymous identity cookie each browser gets when `auth` is off (its threads,
   * sessions and files are its own). At least 32 random characters. Several instances behind a
   * load balancer need the same one; without it each process draws a random key (a restart
   * gives browsers new identities). With `auth`, derived from `auth.secret` unless given.
   * @default undefined (a random key per process)
   */
  identitySecret?: string;
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
   * Files a session keeps at once: its user's uploads (those under way included) and its
   * elements' bytes. An upload beyond it is refused (413), `session.element()` throws
   * `SessionLimitError`.
   * @default 100
   */
  maxSessionFiles?: number;
  /**
   * Bytes of those files a session keeps at once, all together, in memory or on disk (an upload
   * over 1 MiB is written to a temporary file). An upload reserves its room before its body is
   * read: one whose `Content-Length` does not fit what is left is refused (413) at once; beyond
   * it otherwise, as `maxSessionFiles`.
   * @default 104857600 (100 MiB)
   */
  maxSessionFileBytes?: number;
  /**
   * Bytes all uploads together may be receiving at once, across sessions: an upload takes what
   * it may receive (its `Content-Length`, or its size limit) before its body is read, and gives
   * it back when it ends. One that would pass it is answered 503 at once; the client may retry.
   * At least `upload.maxSizeMb` (checked at bootstrap).
   * @default 268435456 (256 MiB)
   */
  maxUploadBytesInFlight?: number;
  /**
   * The longest `timeout` an ask may have, in seconds; `ask()`, `askAction()` and `askFile()`
   * throw a `RangeError` naming this option for a longer one.
   * @default 3600 (1 hour)
   */
  maxAskTimeoutSeconds?: number;
  /**
   * Client events a session may send: a burst of `points`, refilled at `points / perSeconds`
   * a second (a token bucket). An event beyond it is refused with an `exception` event
   * (`rate limit: ...`) and nothing runs. `false` for no limit.
   * @default { points: 100, perSeconds: 10 }
   */
  rateLimit?: false | ChatRateLimit;
  /**
   * Live sessions this instance holds at most; a handshake that would make one more gets
   * `connect_error` `connection refused: ... (the maxSessions option)`. 0 for no limit.
   * @default 10000
   */
  maxSessions?: number;
  /**
   * Sockets one client address may have open at once; one more gets `connect_error`
   * `connection refused: ... (the maxConnectionsPerIp option)`. The address is the peer's, or
   * the forwarded one when `trustProxy` says so. 0 for no limit.
   * @default 100
   */
  maxConnectionsPerIp?: number;
  /**
   * Which proxies to believe about the client's address (`X-Forwarded-For`), as Express's
   * `trust proxy` setting: `true` (all), a number of hops, or addresses and subnets
   * (`'loopback'`, `'10.0.0.0/8'`, ...). It counts `maxConnectionsPerIp` and the rate limit.
   * @default false (the peer's address)
   */
  trustProxy?: boolean | number | string | string[];
  /**
   * How long a session that never chatted (no message sent) waits for its client to come
   * back, in ms, instead of `sessionTimeoutMs`; its files go with it.
   * @default 30000
   */
  unusedSessionTimeoutMs?: number;
  /**
   * Bytes a socket may have waiting to be written before it counts as slow: it then misses the
   * intermediate tokens of streaming messages (their final `update_message` carries the whole
   * text), until it has caught up.
   * @default 1048576 (1 MiB)
   */
  slowSocketBytes?: number;
  /**
   * Bytes a socket may have waiting to be written at most; past it the socket is closed. Its
   * session stays: a client that reconnects gets the streaming message whole.
   * @default 8388608 (8 MiB)
   */
  maxSocketBufferBytes?: number;
  /**
   * How long one handler call may take, in ms (a message handler: until its answer is sent).
   * One that takes longer is reported to the user as an error, its task's signal is aborted, and
   * the session's next task runs. 0 for no limit.
   * @default 0
   */
  handlerTimeoutMs?: number;
  /**
   * On shutdown, how long to wait for the sessions' `@OnChatEnd` handlers, in ms. Those still
   * running then are left behind: the sessions close, queued writes are flushed, the app exits.
   * @default 10000
   */
  shutdownTimeoutMs?: number;
  /**
   * Merge the tokens of a message that come within `tokenFlushMs` of each other into one
   * `stream_token` event (the client appends tokens, so what it shows is the same, in fewer
   * packets). The first token of a message goes out at once (in `stream_start`), and so does any
   * token of a session that sent none for `tokenFlushMs`. `events$` streams still carry every token.
   * @default true
   */
  coalesceTokens?: boolean;
  /**
   * With `coalesceTokens`, the window in ms: a session's tokens that come less than this after
   * the one it sent last wait for the window's end, and go out as one event. The default is about
   * one display frame (a reader sees no difference); 0 sends every token as it comes.
   * @default 16
   */
  tokenFlushMs?: number;
  /**
   * With `coalesceTokens`, how long the window may grow, in ms, while the event loop runs late
   * (thousands of sessions streaming at once: each turn of the loop then outlasts a display
   * frame, and a window of one frame would merge nothing). It shrinks back to `tokenFlushMs` as
   * the loop catches up; the first token of a message still goes out at once. A value no longer
   * than `tokenFlushMs` keeps the window fixed.
   * @default 100
   */
  tokenFlushMaxMs?: number;
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
  /**
   * Keys each user must give in their user env (`userEnv` of the handshake), e.g. their own
   * API key; a client without one is refused, the error naming the key.
   * @default []
   */
  userEnv?: string[];
  /** Chat profiles the user picks from; a handshake naming another one is refused. @default [] */
  chatProfiles?: ChatProfile[];
  /** Suggested first messages. @default [] */
  starters?: ChatStarter[];
  /** Files users may attach to messages, or `false` for none. @default {} (the defaults) */
  upload?: false | ChatUploadOptions;
  /**
   * What `/project/settings` gives the UI as `ui` (its name, description, ...). `ui.cot`, how
   * the UI shows steps (chain of thought), is `'full'`, `'tool_call'` or `'hidden'`.
   * @default { name: assistantName, cot: 'full' }
   */
  ui?: Record<string, unknown>;
  /**
   * The UI's texts in other languages (`GET /project/translations?language=`): a folder of
   * `<language>.json` files and/or translations by language. English is built in; a language
   * without a translation gets its base language's (`fr` for `fr-CA`), else English.
   * @default {} (English only)
   */
  translations?: ChatTranslationsOptions;
  /**
   * Let users star messages and list them (`features.favorites` of `/project/settings`; the
   * `fetch_favorites` and `message_favorite` events, which are ignored without it, as Chainlit
   * does). Favorites are kept with the session.
   * @default false
   */
  favorites?: boolean;
  /** The app's favicon file (`GET /favicon`); its type is its extension's. @default a built-in icon */
  favicon?: string;
  /** The app's logo files by theme (`GET /logo?theme=light|dark`). @default built-in logos */
  logo?: ChatLogoOptions;
  /**
   * A folder of avatar images named after the authors (`assistant.png`, `my_tool.svg`):
   * `GET /avatars/{name}` serves `<name>.<ext>` (the name lowercased, spaces as `_`), or the
   * favicon when there is none.
   * @default false (the favicon for every author)
   */
  avatarsDir?: false | string;
  /**
   * A folder served at `GET /public/<path>`, as Chainlit serves its `public/` folder: images,
   * stylesheets, and the components of `custom` elements (`public/elements/<name>.jsx`).
   * @default false (nothing is served there)
   */
  publicDir?: false | string;
  /**
   * Login: a JWT secret and the ways in (a password callback, a header callback; bearer JWTs
   * signed with the secret). With it, sockets and routes need a logged-in user, and users
   * reach only their own sessions, files, actions and threads.
   * @default false (no login)
   */
  auth?: false | ChatAuthOptions;
  /**
   * Run several instances on one Redis: `{ url }` (see `ChatRedisOptions`). Events reach a
   * client whichever instance emits them, `ChatSessions.sendTo` reaches any instance's sessions,
   * and a socket that drops for a moment is sent every event it missed.
   * @default false (one instance)
   */
  redis?: false | ChatRedisOptions;
  /**
   * Store chat history and serve the thread routes: `true` is PGlite (Postgres in WASM, in this
   * process) in `./.nest-chat/data`; or `{ driver: 'pglite', dataDir? }` (`memory://` keeps
   * nothing), `{ driver: 'postgres', url, schema?, max? }` (needs `pg`), `{ store }` (your own
   * `ChatStore`, not closed by nest-chat).
   * @default false (nothing stored)
   */
  storage?: ChatStorageOption;
}

/** The options with their defaults applied. */
export type ResolvedChatOptions = Required<
  Omit<
    ChatModuleOptions,
    | 'cors'
    | 'asyncify'
    | 'playground'
    | 'upload'
    | 'auth'
    | 'redis'
    | 'storage'
    | 'favicon'
    | 'logo'
    | 'translations'
    | 'identitySecret'
  >
> & {
  identitySecret: string | undefined;
  favicon: string | undefined;
  logo: ChatLogoOptions;
  translations: { dir: string | undefined; languages: Record<string, Record<string, unknown>> };
  auth: false | ResolvedChatAuthOptions;
  /** `undefined`: the app's CORS. */
  cors: undefined | false | ChatCorsOptions;
  redis: false | ResolvedChatRedisOptions;
  storage: false | ChatStorageOptions;
  upload: false | Required<ChatUploadOptions>;
  playground: false | { path: string };
  asyncify: Required<Omit<AsyncifyOptions, 'pool' | 'resourceLimits'>> &
    Pick<AsyncifyOptions, 'pool' | 'resourceLimits'>;
};
