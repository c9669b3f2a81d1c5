import { Inject, Injectable } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { CorsOptions, CorsRequest } from 'cors';
import type { IncomingMessage } from 'node:http';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { isChatRoute } from './chat-routes.js';
import { corsAllows, type CorsSetting } from './cors-allows.js';

/** What of an HTTP adapter the app's CORS goes through. */
interface CorsAdapter {
  enableCors(options?: unknown, ...rest: unknown[]): unknown;
}

/**
 * The CORS the chat's HTTP routes and socket follow: the module's `cors` option when it is set,
 * else the app's own (`app.enableCors(options)`, NestFactory's `cors` option), else none — the
 * same origin only.
 *
 * The app's CORS is known by the call that enables it: once the app has its HTTP adapter (before
 * any such call), the adapter's `enableCors` records its options. With the module's option set,
 * it also gives the app's CORS middleware that option for the chat's routes: the app's
 * middleware runs before the routes' own (it answers preflights), so the module's option wins
 * there too.
 */
@Injectable()
export class ChatCors {
  /** The app's CORS setting (`{}` for `app.enableCors()`), once the app enables CORS. */
  private app?: CorsSetting;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly appConfig: ApplicationConfig,
    adapterHost: HttpAdapterHost,
  ) {
    adapterHost.init$.subscribe(() => this.watch(adapterHost.httpAdapter));
  }

  /** Whether the app enabled CORS: its middleware sets the CORS headers of the chat's routes. */
  get appEnabled(): boolean {
    return this.app !== undefined;
  }

  /** The CORS setting the chat follows, or `undefined` for none (the same origin only). */
  get setting(): CorsSetting | undefined {
    const own = this.options.cors;
    if (own !== undefined) return own === false ? undefined : own;
    return this.app;
  }

  /**
   * The socket server's CORS (socket.io runs the `cors` package on its requests): the setting
   * in force when each request comes.
   */
  readonly socketCors = (
    req: CorsRequest,
    callback: (error: Error | null, options?: CorsOptions) => void,
  ): void => {
    const setting = this.setting;
    if (setting === undefined) return callback(null, { origin: false });
    if (typeof setting === 'function') return setting(req as IncomingMessage, callback);
    callback(null, setting);
  };

  /**
   * Whether a request from a browser page of its `Origin` may reach the chat: one from the same
   * origin, or without an Origin (not from a browser page), always; another as the setting says.
   */
  async allows(req: IncomingMessage): Promise<boolean> {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (typeof origin !== 'string') return false;
    if (sameOrigin(origin, req.headers.host)) return true;
    const setting = this.setting;
    return setting !== undefined && corsAllows(setting, req);
  }

  private watch(adapter: CorsAdapter | undefined): void {
    if (typeof adapter?.enableCors !== 'function') return;
    const enableCors = adapter.enableCors.bind(adapter);
    adapter.enableCors = (options?: unknown, ...rest: unknown[]) => {
      const setting = (options ?? {}) as CorsSetting;
      this.app = setting;
      if (this.options.cors === undefined) return enableCors(options, ...rest);
      return enableCors(this.forRoutes(setting), ...rest);
    };
  }

  /** The app's CORS, but the module's option on the chat's routes. */
  private forRoutes(app: CorsSetting): CorsSetting {
    return (req, callback) => {
      const path = (req.url ?? '').split('?')[0];
      if (isChatRoute(path, chatRoot(this.appConfig, this.options.mount))) {
        const own = this.options.cors;
        return callback(null, own === false || own === undefined ? { origin: false } : own);
      }
      if (typeof app === 'function') return app(req, callback);
      callback(null, app);
    };
  }
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
