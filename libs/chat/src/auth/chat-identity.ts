import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { cookieOf } from './request-cookies.js';

/** The cookie that carries a browser's anonymous identity (auth off). */
export const IDENTITY_COOKIE = 'chat_identity';

/**
 * The namespace of anonymous identifiers: `anonymous:` then 22 random characters. A login whose
 * user identifier starts with it is refused, so an anonymous owner is never a real user.
 */
export const ANONYMOUS_PREFIX = 'anonymous:';

/** How long the identity cookie lasts: 400 days, the most browsers keep one. */
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;
const ID = /^[A-Za-z0-9_-]{22}$/;

/** A request as the identity reads it: its headers (Express's, Fastify's raw, socket.io's). */
type IdentityRequest = { headers: ChatRequestHeaders; raw?: unknown };

/**
 * The anonymous identity of each browser when login is off: a random identifier in a signed,
 * HttpOnly, SameSite=Lax cookie, given on its first request to the chat (an HTTP route or the
 * socket handshake). Sessions, threads and files belong to it as they would to a user.
 * The key is `identitySecret`, else derived from `auth.secret`, else random per process.
 */
@Injectable()
export class ChatIdentity {
  private readonly logger = new Logger('ChatIdentity');
  private readonly key: Buffer;
  /** Identities given to requests that came without one, until their response carries it. */
  private readonly given = new WeakMap<object, string>();

  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {
    const secret = options.identitySecret ?? (options.auth ? options.auth.secret : undefined);
    this.key = secret
      ? createHmac('sha256', secret).update('nest-chat identity cookie').digest()
      : randomBytes(32);
    if (this.anonymous && options.redis && options.identitySecret === undefined) {
      this.logger.warn(
        'With the redis option and no auth, every instance needs the same identitySecret: without it each one signs identity cookies with its own random key, and a browser that reaches another instance is a stranger to its own sessions and threads',
      );
    }
  }

  /** Whether callers are anonymous visitors (login off). */
  get anonymous(): boolean {
    return this.options.auth === false;
  }

  /** The anonymous identifier of a request: its valid cookie, or the one given it. */
  of(req: IdentityRequest): string | undefined {
    const raw = rawOf(req);
    const given = this.given.get(raw);
    if (given) return given;
    const value = cookieOf(req.headers, IDENTITY_COOKIE);
    return value === undefined ? undefined : this.read(value);
  }

  /**
   * Gives a request without a valid identity a new one (login off only): resolves with the
   * `Set-Cookie` value its response must carry, or `undefined` when it has one already.
   */
  assign(req: IdentityRequest, secure: boolean): string | undefined {
    if (!this.anonymous || this.of(req) !== undefined) return undefined;
    const id = randomBytes(16).toString('base64url');
    this.given.set(rawOf(req), `${ANONYMOUS_PREFIX}${id}`);
    return (
      `${IDENTITY_COOKIE}=${id}.${this.sign(id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_SECONDS}` +
      (secure ? '; Secure' : '')
    );
  }

  private read(value: string): string | undefined {
    const at = value.indexOf('.');
    const id = value.slice(0, at);
    if (at < 0 || !ID.test(id)) return undefined;
    const signature = Buffer.from(value.slice(at + 1), 'base64url');
    const expected = Buffer.from(this.sign(id), 'base64url');
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      return undefined;
    }
    return `${ANONYMOUS_PREFIX}${id}`;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }
}

/** The Node request under a framework's (Fastify's `raw`), the object a response goes with. */
function rawOf(req: IdentityRequest): object {
  return (req.raw as object | undefined) ?? req;
}
