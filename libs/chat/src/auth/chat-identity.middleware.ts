import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trustFunction } from '../limits/client-address.js';
import { isHttps } from '../limits/request-https.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatIdentity } from './chat-identity.js';
import { addCookie } from './request-cookies.js';

/**
 * With login off, a request to a chat route that comes without a valid identity cookie gets
 * one (`ChatIdentity`): Secure when the request is HTTPS (see `isHttps`).
 */
@Injectable()
export class ChatIdentityMiddleware implements NestMiddleware {
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(
    private readonly identity: ChatIdentity,
    @Inject(CHAT_OPTIONS) options: ResolvedChatOptions,
  ) {
    this.trust = trustFunction(options.trustProxy);
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const cookie = this.identity.assign(req, isHttps(req, this.trust));
    if (cookie) addCookie(res, cookie);
    next();
  }
}
