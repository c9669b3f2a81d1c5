import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import cors from 'cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { prefixRoot } from '../protocol/global-prefix.js';
import { originAllowed } from './origin-allowed.js';

/** The chat's HTTP routes, for `ChatCorsMiddleware` (under the app's global prefix). */
export const CHAT_HTTP_ROUTES = [
  'auth/*splat',
  'project/*splat',
  'user',
  'login',
  'logout',
  'set-session-cookie',
  'feedback',
];

/** Whether `path` (a request's, under the app's global `prefix`) is one of the chat's routes. */
export function isChatRoute(path: string, prefix = ''): boolean {
  const base = `${prefixRoot(prefix)}/`;
  if (!path.startsWith(base)) return false;
  const route = path.slice(base.length);
  return CHAT_HTTP_ROUTES.some((pattern) =>
    pattern.endsWith('/*splat')
      ? route.startsWith(pattern.slice(0, -'*splat'.length))
      : route === pattern || route === `${pattern}/`,
  );
}

/**
 * CORS of the chat's HTTP routes, as the socket's: a browser page of another origin is refused
 * (403 `{ detail }`) unless the `cors` option allows it; then preflights are answered and the
 * CORS headers set, by the `cors` package with the same options.
 */
@Injectable()
export class ChatCorsMiddleware implements NestMiddleware {
  private readonly handle?: ReturnType<typeof cors>;

  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {
    if (options.cors !== false) this.handle = cors(options.cors as cors.CorsOptions);
  }

  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    if (!originAllowed(req.headers, this.options.cors)) {
      res.statusCode = 403;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ detail: 'Cross-origin request refused (see the cors option)' }));
      return;
    }
    if (this.handle) return this.handle(req, res, next);
    next();
  }
}
