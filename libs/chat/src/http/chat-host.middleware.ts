import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { hostAllowed, hostRefusal } from './host-allowed.js';

/**
 * The chat's HTTP routes answer only to the hosts of the `allowedHosts` option (against DNS
 * rebinding): another `Host` is refused, 403 `{ detail }` naming it and the option.
 */
@Injectable()
export class ChatHostMiddleware implements NestMiddleware {
  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (hostAllowed(req.headers, this.options.allowedHosts)) return next();
    res.statusCode = 403;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ detail: hostRefusal(req.headers.host) }));
  }
}
