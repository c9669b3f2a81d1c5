import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';

/** How many failed password logins `POST /login` lets through before it answers 429. */
export interface ChatLoginAttemptsOptions {
  /** Failures allowed per username within the window. @default 5 */
  perUsername?: number;
  /** Failures allowed per client address (see `trustProxy`) within the window. @default 20 */
  perAddress?: number;
  /** How long failures are counted, in seconds, from the first of them. @default 900 (15 minutes) */
  windowSeconds?: number;
}

/** Options of `auth`: turns login on; each callback enables one way in. */
export interface ChatAuthOptions {
  /**
   * The secret that signs the session JWTs (HS256) and checks the ones `POST /auth/jwt`
   * exchanges: at least 32 random characters (`openssl rand -base64 32`); a guessable one
   * (repeated, sequential, few distinct characters) is refused at startup.
   */
  secret: string;
  /** `POST /login` (username, password): the user, or null to refuse. */
  password?: (
    username: string,
    password: string,
  ) => ChatUser | null | undefined | Promise<ChatUser | null | undefined>;
  /** `POST /auth/header`: the user the request's headers show (from a proxy), or null. */
  header?: (
    headers: ChatRequestHeaders,
  ) => ChatUser | null | undefined | Promise<ChatUser | null | undefined>;
  /** How long a login lasts, in seconds. @default 1296000 (15 days) */
  tokenTtlSeconds?: number;
  /**
   * Failed password logins counted per username and per address; past either limit `POST
   * /login` answers 429 with the seconds to wait (`Retry-After`), even for the right password.
   * A successful login clears its username's failures. `false` counts nothing.
   * @default { perUsername: 5, perAddress: 20, windowSeconds: 900 }
   */
  loginAttempts?: false | ChatLoginAttemptsOptions;
}

/** `auth` with its defaults applied. */
export type ResolvedChatAuthOptions = ChatAuthOptions & {
  tokenTtlSeconds: number;
  loginAttempts: false | Required<ChatLoginAttemptsOptions>;
};
