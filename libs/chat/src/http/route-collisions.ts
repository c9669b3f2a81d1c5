import { Inject, Injectable, Logger, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants.js';
import {
  ApplicationConfig,
  DiscoveryService,
  MetadataScanner,
  ModulesContainer,
} from '@nestjs/core';
import { match } from 'path-to-regexp';
import { ChatAuthController } from '../auth/chat-auth.controller.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { ChatThreadsController } from '../persistence/chat-threads.controller.js';
import { chatRoot, globalPrefixRoot } from '../protocol/global-prefix.js';
import { ChatFilesController } from './chat-files.controller.js';
import { ChatHttpController } from './chat-http.controller.js';
import { ChatUiController } from './chat-ui.controller.js';

/** The chat's controllers: their routes are the chat's. */
const CHAT_CONTROLLERS = new Set<unknown>([
  ChatHttpController,
  ChatUiController,
  ChatFilesController,
  ChatAuthController,
  ChatThreadsController,
]);

/** A route: its method, its full path pattern, and who serves it. */
interface Route {
  method: RequestMethod;
  path: string;
  owner: string;
  /** Whether every path under it is taken too (the socket's). */
  prefix?: boolean;
}

/**
 * At startup (before the routes are registered), reports each route of the app that takes requests meant for a chat route (the
 * same method and a path both match), naming both: one of them never answers. Read from Nest's
 * own route metadata (controllers, module paths, the global prefix), whatever the HTTP
 * platform. A warning, not an error: an app may mean to serve a path itself.
 */
@Injectable()
export class RouteCollisions {
  private readonly logger = new Logger('ChatRoutes');

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly modules: ModulesContainer,
    private readonly appConfig: ApplicationConfig,
  ) {}

  report(): void {
    const chat = this.chatExtras();
    const app: Route[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller || wrapper.isAlias) continue;
      const routes = this.routesOf(controller, wrapper.host?.metatype);
      (CHAT_CONTROLLERS.has(controller) ? chat : app).push(...routes);
    }
    for (const route of app) {
      const taken = chat.filter((other) => collide(route, other));
      if (taken.length === 0) continue;
      this.logger.warn(
        `${describe(route)} and the chat's ${taken.map(describe).join(', ')} take the same ` +
          `requests: set ChatModule's mount option (mount: '/chat') to serve the chat under a prefix`,
      );
    }
  }

  /** The chat's routes that no controller serves: the socket's, the playground's. */
  private chatExtras(): Route[] {
    const root = chatRoot(this.appConfig, this.options.mount);
    const routes: Route[] = [
      {
        method: RequestMethod.ALL,
        path: `${root}${this.options.path}`,
        owner: 'the chat socket',
        prefix: true,
      },
    ];
    const { playground } = this.options;
    if (playground) {
      routes.push({
        method: RequestMethod.GET,
        path: `${root}${playground.path}` || '/',
        owner: 'the playground',
      });
    }
    return routes;
  }

  private routesOf(controller: Type, module: unknown): Route[] {
    const prefix = globalPrefixRoot(this.appConfig);
    const modulePath = this.modulePath(module);
    const bases = paths(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = controller.prototype as Record<string, unknown>;
    const routes: Route[] = [];
    for (const name of this.scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (own === undefined) continue;
      const method = (Reflect.getMetadata(METHOD_METADATA, handler) ??
        RequestMethod.GET) as RequestMethod;
      for (const base of bases) {
        for (const path of paths(own)) {
          routes.push({
            method,
            path: join(prefix, modulePath, base, path),
            owner: `${controller.name}.${name}`,
          });
        }
      }
    }
    return routes;
  }

  /** A module's path in this app (`RouterModule`, the chat's mount), as Nest's router reads it. */
  private modulePath(module: unknown): string {
    if (typeof module !== 'function') return '';
    const path = (Reflect.getMetadata(MODULE_PATH + this.modules.applicationId, module) ??
      Reflect.getMetadata(MODULE_PATH, module)) as string | undefined;
    return path ?? '';
  }
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.length ? value.map(String) : ['/'];
  return [typeof value === 'string' ? value : '/'];
}

function join(...parts: string[]): string {
  const path = `/${parts.join('/')}`.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  return path;
}

function describe(route: Route): string {
  const method = route.method === RequestMethod.ALL ? 'ALL' : RequestMethod[route.method];
  return `${method} ${route.path}${route.prefix ? '/*' : ''} (${route.owner})`;
}

/** Whether two routes take some request both: a method in common, and a path both match. */
function collide(a: Route, b: Route): boolean {
  const methods =
    a.method === b.method || a.method === RequestMethod.ALL || b.method === RequestMethod.ALL;
  return methods && (takes(a, sample(b.path)) || takes(b, sample(a.path)));
}

/** A path a pattern matches: each parameter given a value, optional parts left out. */
function sample(pattern: string): string {
  return (
    pattern
      .replace(/\{[^}]*\}/g, '')
      .replace(/\*\w+/g, 'x/y')
      .replace(/:\w+/g, 'x') || '/'
  );
}

function takes(route: Route, path: string): boolean {
  if (route.prefix) return path === route.path || path.startsWith(`${route.path}/`);
  try {
    return match(route.path)(path) !== false;
  } catch {
    return false; // a pattern this version of path-to-regexp does not read: not compared
  }
}
