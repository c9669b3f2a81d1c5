import { Inject, Injectable, Logger, type OnModuleInit, StreamableFile } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { open, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { PUBLIC_TYPES } from './file-types.js';

/**
 * The files of the app's `publicDir` folder at `/public/<path>`, as Chainlit's `public/`: their
 * type from their extension, `nosniff`, cached 5 minutes. A path that is missing, hidden (a
 * segment starting with `.`) or leads out of the folder is not found (404 `{ detail }`).
 *
 * A route of the HTTP adapter, as the playground's: a path of any depth is a wildcard route,
 * and Express and Fastify spell those differently (`*path`, `*`).
 */
@Injectable()
export class ChatPublicFiles implements OnModuleInit {
  private readonly logger = new Logger('ChatHttp');

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const base = `${chatRoot(this.appConfig, this.options.mount)}/public`;
    const depth = base.split('/').length;
    const wildcard = adapter.getType() === 'fastify' ? '*' : '*path';
    adapter.get(`${base}/${wildcard}`, (req: unknown, res: unknown) => {
      const url = String(adapter.getRequestUrl(req) ?? '');
      const path = url.split('?')[0].split('/').slice(depth);
      this.serve(path, res).catch((error: unknown) => {
        this.logger.error('Unhandled error in a chat route', (error as Error)?.stack);
        this.answer(res, 500, 'Internal server error');
      });
    });
  }

  private async serve(encoded: string[], res: unknown): Promise<void> {
    const dir = this.options.publicDir;
    const segments = decoded(encoded)?.filter((s) => s !== '');
    if (!dir || !segments?.length) return this.answer(res, 404, 'File not found');
    if (segments.some((s) => s.startsWith('.') || /[/\\\0]/.test(s))) {
      return this.answer(res, 404, 'File not found');
    }
    const root = await realpath(dir).catch(() => undefined);
    const path = await realpath(join(dir, ...segments)).catch(() => undefined);
    if (!root || !path || !path.startsWith(root + sep)) {
      return this.answer(res, 404, 'File not found');
    }
    const handle = await open(path, 'r').catch(() => undefined);
    const info = await handle?.stat().catch(() => undefined);
    if (!handle || !info?.isFile()) {
      await handle?.close();
      return this.answer(res, 404, 'File not found');
    }
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
    adapter.setHeader(res, 'Cache-Control', 'public, max-age=300');
    const file = new StreamableFile(handle.createReadStream(), {
      type: PUBLIC_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      length: info.size,
    });
    adapter.reply(res, file, 200);
  }

  private answer(res: unknown, status: number, detail: string): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(res)) return;
    adapter.reply(res, { detail }, status);
  }
}

/** The path's segments decoded, or `undefined` if one is not valid percent-encoding. */
function decoded(segments: string[]): string[] | undefined {
  try {
    return segments.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}
