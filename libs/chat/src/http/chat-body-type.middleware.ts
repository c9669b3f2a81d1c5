import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { chatRoot } from '../protocol/global-prefix.js';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_TYPE = 'multipart/form-data';

/** The body types a chat route takes, by its path under the chat's root (prefix and mount). */
function bodyTypesOf(route: string): string[] {
  if (route === 'login' || route === 'login/') return [JSON_TYPE, FORM_TYPE, MULTIPART_TYPE];
  if (route === 'project/file' || route === 'project/file/') return [MULTIPART_TYPE];
  return [JSON_TYPE];
}

/**
 * A body of a type its chat route does not take (or of no type) is refused before it is read:
 * 415 `{ detail }` naming what the route takes. Express would skip such a body and Fastify
 * refuse it in its own shape; the chat answers the same on both. Requests without a body pass.
 */
@Injectable()
export class ChatBodyTypeMiddleware implements NestMiddleware {
  private readonly root: string;

  constructor(appConfig: ApplicationConfig, @Inject(CHAT_OPTIONS) options: ResolvedChatOptions) {
    this.root = chatRoot(appConfig, options.mount);
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (!hasBody(req)) return next();
    const header = req.headers['content-type'];
    const type = header?.split(';')[0].trim().toLowerCase() ?? '';
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
    const route = url.split('?')[0].slice(this.root.length + 1);
    const takes = bodyTypesOf(route);
    if (takes.includes(type)) return next();
    const given = header === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(type)}`;
    res.statusCode = 415;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        detail: `A body of ${given} is not taken here: send ${takes.join(' or ')}`,
      }),
    );
  }
}

/** Whether a request comes with a body (one of its length, or chunked). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
