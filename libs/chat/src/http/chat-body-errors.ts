import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChatRoute } from './chat-routes.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';

/** What Express's body parsers (`http-errors`) put on the errors they pass on. */
interface ParserError {
  status?: number;
  type?: string;
  message?: string;
  length?: number;
  limit?: number;
}

/**
 * A body the app's parsers refuse (malformed JSON, over their size limit, an unknown charset)
 * never reaches a route, and Nest answers it in its own shape. On the chat's routes it gets what
 * every other refusal there gets: its 4xx status with `{ detail }`, the shape the Chainlit client
 * reads. The app's own routes are left as they are. Express only.
 */
@Injectable()
export class ChatBodyErrors implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
  ) {}

  /** Mounted after the routes and before Nest's own error handler (added after the init hooks). */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express') return;
    const root = chatRoot(this.appConfig, this.options.mount);
    const handler = (
      error: ParserError,
      req: IncomingMessage,
      res: ServerResponse,
      next: (error: unknown) => void,
    ) => {
      const status = error?.status;
      const refused = typeof status === 'number' && status >= 400 && status < 500;
      const path = (req.url ?? '').split('?')[0];
      if (!refused || res.headersSent || !isChatRoute(path, root)) return next(error);
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ detail: detailOf(error) }));
    };
    adapter.getInstance().use(handler);
  }
}

function detailOf(error: ParserError): string {
  if (error.type === 'entity.too.large') {
    return `Request body too large: ${error.length} bytes, at most ${error.limit}`;
  }
  if (error.type === 'entity.parse.failed') return `Malformed request body: ${error.message}`;
  return error.message || 'Bad request';
}
