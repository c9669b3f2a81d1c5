import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatIdentity } from './chat-identity.js';
import { addCookie } from './request-cookies.js';

/**
 * With login off, a request to a chat route that comes without a valid identity cookie gets
 * one (`ChatIdentity`): Secure when the request is HTTPS (as Express sees it, `trust proxy`).
 */
@Injectable()
export class ChatIdentityMiddleware implements NestMiddleware {
  constructor(private readonly identity: ChatIdentity) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const cookie = this.identity.assign(req, isHttps(req));
    if (cookie) addCookie(res, cookie);
    next();
  }
}

function isHttps(req: IncomingMessage): boolean {
  const express = req as { secure?: boolean; protocol?: string };
  return (
    express.secure === true ||
    express.protocol === 'https' ||
    (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true
  );
}
