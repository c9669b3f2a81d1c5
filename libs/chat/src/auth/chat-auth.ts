import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';
import { ANONYMOUS_PREFIX, ChatIdentity } from './chat-identity.js';
import { bearerOf, cookieOf } from './request-cookies.js';
import { RevokedTokens } from './revoked-tokens.js';

/** The cookie that carries the session JWT. */
export const ACCESS_TOKEN_COOKIE = 'access_token';

/** A valid token: its user, its id (`jti`), and when it expires (seconds since the epoch). */
export interface VerifiedToken {
  user: ChatUser;
  jti: string;
  exp: number;
}

/**
 * Signs and checks the JWTs of logged-in users, reads them from requests and sockets, and
 * says who calls: the user, or with login off the browser's anonymous identity (`ChatIdentity`).
 */
@Injectable()
export class ChatAuth {
  private readonly key?: Uint8Array;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly identity: ChatIdentity,
    private readonly revoked: RevokedTokens,
  ) {
    if (options.auth) this.key = new TextEncoder().encode(options.auth.secret);
  }

  /** True when login is required. */
  get enabled(): boolean {
    return this.options.auth !== false;
  }

  /**
   * A JWT for the user, with an id (`jti`, what a logout revokes), valid for `tokenTtlSeconds`
   * or until `expiresAt` (seconds since the epoch).
   */
  async sign(user: ChatUser, options: { expiresAt?: number; jti?: string } = {}): Promise<string> {
    const auth = this.required();
    return new SignJWT({
      identifier: user.identifier,
      display_name: user.displayName,
      metadata: user.metadata ?? {},
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(options.jti ?? randomUUID())
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? nowSeconds() + auth.tokenTtlSeconds)
      .sign(this.key!);
  }

  /** The user of a JWT signed with the secret; throws 401 naming what is wrong. */
  async verify(token: string): Promise<ChatUser> {
    return (await this.verifyToken(token)).user;
  }

  /**
   * A JWT signed with the secret, with an expiry (`exp`), not revoked: its user, id and expiry.
   * A token without `jti` is known by its hash. Throws 401 naming what is wrong.
   */
  async verifyToken(token: string): Promise<VerifiedToken> {
    this.required();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key!, {
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new UnauthorizedException(`Authentication failed: ${tokenProblem(error)}`);
    }
    const user = checkUser(
      {
        identifier: payload.identifier,
        displayName: payload.display_name ?? payload.displayName,
        metadata: payload.metadata,
      },
      'the token',
    );
    const jti = typeof payload.jti === 'string' && payload.jti !== '' ? payload.jti : idOf(token);
    let revoked: boolean;
    try {
      revoked = await this.revoked.isRevoked(jti);
    } catch {
      throw new ServiceUnavailableException(
        `Authentication unavailable: the revoked tokens in ${this.revoked.where} cannot be read; try again later`,
      );
    }
    if (revoked) throw new UnauthorizedException('Authentication failed: the token was revoked');
    return { user, jti, exp: payload.exp! };
  }

  /**
   * A token for the cookie in exchange for a bearer JWT (`POST /auth/jwt`): same user, same id
   * (a logout revokes both), and no longer valid than the one given (nor than `tokenTtlSeconds`).
   */
  async exchange(token: string): Promise<{ user: ChatUser; token: string; maxAge: number }> {
    const { user, jti, exp } = await this.verifyToken(token);
    const expiresAt = Math.min(exp, nowSeconds() + this.required().tokenTtlSeconds);
    return {
      user,
      token: await this.sign(user, { expiresAt, jti }),
      maxAge: Math.max(0, expiresAt - nowSeconds()),
    };
  }

  /** Revokes the request's tokens (cookie, bearer) until they expire: a logout. */
  async revoke(headers: ChatRequestHeaders): Promise<void> {
    if (!this.enabled) return;
    for (const token of new Set([bearerOf(headers), cookieOf(headers, ACCESS_TOKEN_COOKIE)])) {
      if (!token) continue;
      const valid = await this.verifyToken(token).catch(() => undefined);
      if (valid) await this.revoked.revoke(valid.jti, valid.exp * 1000);
    }
  }

  /** The user of a request or socket handshake: its `access_token` cookie or bearer token. */
  async userOf(headers: ChatRequestHeaders): Promise<ChatUser | undefined> {
    if (!this.enabled) return undefined;
    const token = bearerOf(headers) ?? cookieOf(headers, ACCESS_TOKEN_COOKIE);
    if (!token) throw new UnauthorizedException('Authentication failed: not logged in');
    return this.verify(token);
  }

  /**
   * Who calls, as sessions and threads know their owner: the logged-in user's identifier (401
   * without a login), or with login off the request's anonymous identity (if it has one).
   */
  async callerOf(req: { headers: ChatRequestHeaders; raw?: unknown }): Promise<string | undefined> {
    if (!this.enabled) return this.identity.of(req);
    return (await this.userOf(req.headers))?.identifier;
  }

  /** Whether the caller (`callerOf`) may reach the session: its own only. */
  owns(caller: string | undefined, session: ChatSession): boolean {
    return caller !== undefined && session.owner === caller;
  }

  /** The `Set-Cookie` value that logs in (a token, for `maxAge` seconds) or out (none). */
  cookie(token: string | undefined, secure: boolean, maxAge?: number): string {
    const ttl = token ? (maxAge ?? this.required().tokenTtlSeconds) : 0;
    return (
      `${ACCESS_TOKEN_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ttl}` +
      (secure ? '; Secure' : '')
    );
  }

  private required() {
    const { auth } = this.options;
    if (!auth) throw new UnauthorizedException('Authentication is not configured');
    return auth;
  }
}

/** A user as a callback or a token gives it, checked. */
export function checkUser(value: unknown, from: string): ChatUser {
  const user = value as Partial<ChatUser> | null | undefined;
  if (!user || typeof user.identifier !== 'string' || user.identifier === '') {
    throw new UnauthorizedException(`Authentication failed: ${from} gives no user identifier`);
  }
  if (user.identifier.startsWith(ANONYMOUS_PREFIX)) {
    throw new UnauthorizedException(
      `Authentication failed: ${from} gives a user identifier starting with "${ANONYMOUS_PREFIX}", which is kept for anonymous visitors`,
    );
  }
  const result: ChatUser = { identifier: user.identifier };
  if (typeof user.displayName === 'string') result.displayName = user.displayName;
  if (user.metadata && typeof user.metadata === 'object') result.metadata = user.metadata;
  return result;
}

/** The user as the Chainlit client reads it (`GET /user`). */
export function userDict(user: ChatUser) {
  return {
    identifier: user.identifier,
    display_name: user.displayName ?? user.identifier,
    metadata: user.metadata ?? {},
  };
}

/** Why jose refused a token, as the 401 says it. */
function tokenProblem(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token is expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
    return 'the token has no expiry ("exp")';
  }
  return 'the token is invalid';
}

/** The id of a token without `jti`: its hash, so a logout can revoke it all the same. */
function idOf(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
