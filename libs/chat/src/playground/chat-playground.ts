import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { globalPrefixRoot } from '../http/global-prefix.js';
import { PLAYGROUND_PAGE } from './playground.page.js';

const CSP =
  "default-src 'self'; img-src 'self' data: blob: https:; media-src 'self' blob: https:; " +
  "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; object-src 'self'; frame-src 'self'";

/**
 * Serves the playground page (option `playground`): a chat UI on the socket.io client the
 * server already serves, with no build step.
 */
@Injectable()
export class ChatPlayground implements OnModuleInit {
  private readonly logger = new Logger('ChatModule');

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    const { playground } = this.options;
    const adapter = this.adapterHost.httpAdapter;
    if (!playground || !adapter) return;
    const root = globalPrefixRoot(this.appConfig);
    const socketPath = `${root}${this.options.path}`;
    const page = PLAYGROUND_PAGE.replaceAll('/ws/socket.io', socketPath).replaceAll(
      '{{httpRoot}}',
      root,
    );
    const path = `${root}${playground.path}` || '/';
    adapter.get(path, (_req: unknown, res: unknown) => {
      adapter.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
      adapter.setHeader(res, 'Content-Security-Policy', CSP);
      adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
      adapter.reply(res, page, 200);
    });
    this.logger.log(`Chat playground served at ${path}`);
  }
}
