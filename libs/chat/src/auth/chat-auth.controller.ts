import {
  BadRequestException,
  Controller,
  Get,
  Header,
  HttpCode,
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
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ChatAuth, checkUser, userDict } from './chat-auth.js';
import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';

interface Request {
  headers: ChatRequestHeaders;
  body?: unknown;
  secure?: boolean;
  protocol?: string;
}

const readForm = multer().none();

/** Login, logout and who is logged in: the routes the Chainlit client's auth calls. */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatAuthController {
  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly auth: ChatAuth,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

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

  /** Password login (form fields or JSON `username`, `password`): sets the `access_token` cookie. */
  @Post('login')
  @HttpCode(200)
  async login(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    const check = this.enabled('password');
    const body = await formOf(req, res);
    const { username, password } = body;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
      throw new BadRequestException('username and password are required');
    }
    const user = await check(username, password);
    if (!user) throw new UnauthorizedException('Authentication failed: wrong username or password');
    return this.logIn(checkUser(user, 'the password callback'), req, res);
  }

  /** Exchanges a bearer JWT signed with the secret for the session cookie. */
  @Post('auth/jwt')
  @HttpCode(200)
  async jwt(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    if (!this.auth.enabled) throw new NotFoundException('Authentication is not configured');
    const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!token) throw new UnauthorizedException('Authentication failed: no bearer token');
    return this.logIn(await this.auth.verify(token), req, res);
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

  /** Clears the session cookie. */
  @Post('logout')
  @HttpCode(200)
  logout(@Req() req: Request, @Res({ passthrough: true }) res: unknown) {
    this.adapterHost.httpAdapter.setHeader(
      res,
      'Set-Cookie',
      this.auth.cookie(undefined, isSecure(req)),
    );
    return { success: true };
  }

  private async logIn(user: ChatUser, req: Request, res: unknown) {
    const token = await this.auth.sign(user);
    this.adapterHost.httpAdapter.setHeader(
      res,
      'Set-Cookie',
      this.auth.cookie(token, isSecure(req)),
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

function isSecure(req: Request): boolean {
  return req.secure === true || req.protocol === 'https';
}

/** The request's form fields: JSON and URL-encoded bodies are parsed already, multipart here. */
async function formOf(req: Request, res: unknown): Promise<Record<string, unknown>> {
  if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    await new Promise<void>((resolve, reject) =>
      readForm(req as never, res as never, (error: unknown) =>
        error
          ? reject(new BadRequestException(`Bad form: ${(error as Error).message}`))
          : resolve(),
      ),
    );
  }
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}
