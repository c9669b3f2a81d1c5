import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import cors from 'cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatCors } from './chat-cors.js';

/** What a refused cross-origin request is answered (`{ detail }`). */
export const CORS_REFUSAL =
  "Cross-origin request refused (see the cors option, and the app's CORS without it)";

/**
 * CORS of the chat's HTTP routes, as the socket's (see `ChatCors`): a browser page of another
 * origin is refused (403 `{ detail }`) unless the module's `cors` option, or without it the
 * app's CORS, allows it. The app's CORS middleware, when it has one, sets the headers and
 * answers preflights; else, with the module's option, the `cors` package does it here.
 */
@Injectable()
export class ChatCorsMiddleware implements NestMiddleware {
  private readonly handle?: ReturnType<typeof cors>;

  constructor(
    @Inject(CHAT_OPTIONS) options: ResolvedChatOptions,
    private readonly chatCors: ChatCors,
  ) {
    if (options.cors) this.handle = cors(options.cors as cors.CorsOptions);
  }

  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    void this.chatCors.allows(req).then((allowed) => {
      if (!allowed) {
        res.statusCode = 403;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ detail: CORS_REFUSAL }));
        return;
      }
      if (this.handle && !this.chatCors.appEnabled) return this.handle(req, res, next);
      next();
    }, next);
  }
}
