import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';

/** The cookie that carries the session JWT. */
export const ACCESS_TOKEN_COOKIE = 'access_token';

/** Signs and checks the JWTs of logged-in users, and reads them from requests and sockets. */
@Injectable()
export class ChatAuth {
  private readonly key?: Uint8Array;

  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {
    if (options.auth) this.key = new TextEncoder().encode(options.auth.secret);
  }

  /** True when login is required. */
  get enabled(): boolean {
    return this.options.auth !== false;
  }

  /** A JWT for the user, valid for `tokenTtlSeconds`. */
  async sign(user: ChatUser): Promise<string> {
    const auth = this.required();
    return new SignJWT({
      identifier: user.identifier,
      display_name: user.displayName,
      metadata: user.metadata ?? {},
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + auth.tokenTtlSeconds)
      .sign(this.key!);
  }

  /** The user of a JWT signed with the secret; throws 401 naming what is wrong. */
  async verify(token: string): Promise<ChatUser> {
    this.required();
    try {
      const { payload } = await jwtVerify(token, this.key!, { algorithms: ['HS256'] });
      return checkUser(
        {
          identifier: payload.identifier,
          displayName: payload.display_name ?? payload.displayName,
          metadata: payload.metadata,
        },
        'the token',
      );
    } catch (error) {
      if (error instanceof UnauthorizedException) throw error;
      const reason = error instanceof errors.JWTExpired ? 'expired' : 'invalid';
      throw new UnauthorizedException(`Authentication failed: the token is ${reason}`);
    }
  }

  /** The user of a request or socket handshake: its `access_token` cookie or bearer token. */
  async userOf(headers: ChatRequestHeaders): Promise<ChatUser | undefined> {
    if (!this.enabled) return undefined;
    const token = bearer(headers) ?? cookie(headers, ACCESS_TOKEN_COOKIE);
    if (!token) throw new UnauthorizedException('Authentication failed: not logged in');
    return this.verify(token);
  }

  /** Whether the caller (`user`, from `userOf`) may reach the session: its own only. */
  owns(user: ChatUser | undefined, session: ChatSession): boolean {
    if (!this.enabled) return true;
    return (
      user !== undefined && (session.user as ChatUser | undefined)?.identifier === user.identifier
    );
  }

  /** The `Set-Cookie` value that logs in (a token) or out (none). */
  cookie(token: string | undefined, secure: boolean): string {
    const ttl = token ? this.required().tokenTtlSeconds : 0;
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

function header(headers: ChatRequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearer(headers: ChatRequestHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
  return match?.[1];
}

function cookie(headers: ChatRequestHeaders, name: string): string | undefined {
  for (const part of (header(headers, 'cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
