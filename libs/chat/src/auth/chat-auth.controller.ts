import {
  BadRequestException,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multer from 'multer';
import type { IncomingMessage } from 'node:http';
import { clientAddress, trustFunction } from '../limits/client-address.js';
import { isHttps } from '../limits/request-https.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { nodeRequestOf } from '../protocol/node-request.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ChatAuth, checkUser, userDict } from './chat-auth.js';
import { LoginAttempts } from './login-attempts.js';
import { bearerOf } from './request-cookies.js';
import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';

interface Request {
  headers: ChatRequestHeaders;
  body?: unknown;
}

const readForm = multer().none();

/** Login, logout and who is logged in: the routes the Chainlit client's auth calls. */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatAuthController {
  /** Failed password logins (the `auth.loginAttempts` option). */
  private readonly attempts?: LoginAttempts;
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly auth: ChatAuth,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const limits = options.auth ? options.auth.loginAttempts : false;
    if (limits) this.attempts = new LoginAttempts(limits);
    this.trust = trustFunction(options.trustProxy);
  }

  /** How users log in. */
  @Get('auth/config')
  config() {
    const { auth } = this.options;
    return {
      requireLogin: auth !== false,
      passwordAuth: auth !== false && auth.password !== undefined,
      headerAuth: auth !== false && auth.header !== undefined,
      oauthProviders: [],
      default_theme: 'light',
      ui: { name: this.options.assistantName, ...this.options.ui },
    };
  }

  /** The logged-in user; `null` when no login is required; 401 without a valid login. */
  @Get('user')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async user(@Req() req: Request): Promise<string> {
    const user = await this.auth.userOf(req.headers);
    return JSON.stringify(user ? userDict(user) : null);
  }

  /**
   * Password login (form fields or JSON `username`, `password`): sets the `access_token` cookie.
   * Past `auth.loginAttempts` failures for the username or the address: 429 with `Retry-After`.
   */
  @Post('login')
  @HttpCode(200)
  async login(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    const check = this.enabled('password');
    const body = await formOf(req);
    const { username, password } = body;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
      throw new BadRequestException('username and password are required');
    }
    const address = clientAddress(nodeRequestOf(req), this.trust);
    const refusal = this.attempts?.begin(username, address);
    if (refusal) {
      this.adapterHost.httpAdapter.setHeader(res, 'Retry-After', String(refusal.retryAfterSeconds));
      throw new HttpException(
        `Too many failed logins for this ${refusal.by}; try again in ${refusal.retryAfterSeconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await check(username, password);
    if (!user) throw new UnauthorizedException('Authentication failed: wrong username or password');
    const checked = checkUser(user, 'the password callback');
    this.attempts?.succeeded(username, address);
    return this.logIn(checked, req, res);
  }

  /**
   * Exchanges a bearer JWT signed with the secret (it must have an expiry, `exp`) for the
   * session cookie, valid no longer than the token given: an exchange never extends a login.
   */
  @Post('auth/jwt')
  @HttpCode(200)
  async jwt(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    if (!this.auth.enabled) throw new NotFoundException('Authentication is not configured');
    const token = bearerOf(req.headers);
    if (!token) throw new UnauthorizedException('Authentication failed: no bearer token');
    const exchanged = await this.auth.exchange(token);
    this.adapterHost.httpAdapter.setHeader(
      res,
      'Set-Cookie',
      this.auth.cookie(exchanged.token, isHttps(req, this.trust), exchanged.maxAge),
    );
    return { success: true, user: userDict(exchanged.user) };
  }

  /** Logs in the user the header callback reads from the request (set by a proxy). */
  @Post('auth/header')
  @HttpCode(200)
  async header(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    const read = this.enabled('header');
    const user = await read(req.headers);
    if (!user) throw new UnauthorizedException('Authentication failed: the headers show no user');
    return this.logIn(checkUser(user, 'the header callback'), req, res);
  }

  /** Revokes the request's token until it expires (on every route and socket), clears the cookie. */
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    await this.auth.revoke(req.headers);
    this.adapterHost.httpAdapter.setHeader(
      res,
      'Set-Cookie',
      this.auth.cookie(undefined, isHttps(req, this.trust)),
    );
    return { success: true };
  }

  private async logIn(user: ChatUser, req: Request, res: unknown) {
    const token = await this.auth.sign(user);
    this.adapterHost.httpAdapter.setHeader(
      res,
      'Set-Cookie',
      this.auth.cookie(token, isHttps(req, this.trust)),
    );
    return { success: true, user: userDict(user) };
  }

  private enabled<K extends 'password' | 'header'>(
    kind: K,
  ): NonNullable<Exclude<ResolvedChatOptions['auth'], false>[K]> {
    const { auth } = this.options;
    const callback = auth ? auth[kind] : undefined;
    if (!callback)
      throw new NotFoundException(
        `${kind === 'password' ? 'Password' : 'Header'} login is not configured`,
      );
    return callback as NonNullable<Exclude<ResolvedChatOptions['auth'], false>[K]>;
  }
}

/**
 * The request's form fields: JSON and URL-encoded bodies are parsed already, a multipart one is
 * read here from the Node request (multer reads it only: it is given no response).
 */
async function formOf(req: Request): Promise<Record<string, unknown>> {
  let body = req.body;
  if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const raw = nodeRequestOf(req) as IncomingMessage & { body?: unknown };
    await new Promise<void>((resolve, reject) =>
      readForm(raw as never, undefined as never, (error: unknown) =>
        error
          ? reject(new BadRequestException(`Bad form: ${(error as Error).message}`))
          : resolve(),
      ),
    );
    body = raw.body;
  }
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
