import {
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { MODULE_PATH } from '@nestjs/common/constants.js';
import { DiscoveryModule, ModulesContainer } from '@nestjs/core';
import type { ResolvedChatOptions } from './options/chat-module-options.interface.js';
import { CHAT_OPTIONS } from './options/chat-options.constants.js';
import type { ChatModuleOptions } from './options/chat-module-options.interface.js';
import {
  CHAT_ASYNC_OPTIONS_TYPE,
  CHAT_MODULE_OPTIONS,
  ConfigurableChatModule,
} from './chat.module-definition.js';
import { resolveChatOptions } from './chat-options.js';
import { ChatAuthController } from './auth/chat-auth.controller.js';
import { ChatAuth } from './auth/chat-auth.js';
import { ChatIdentity } from './auth/chat-identity.js';
import { ChatIdentityMiddleware } from './auth/chat-identity.middleware.js';
import { RevokedTokens } from './auth/revoked-tokens.js';
import { AsyncifyService } from './asyncify/asyncify.service.js';
import { ChatMetadataAccessor } from './discovery/chat-metadata.accessor.js';
import { ChatExplorer } from './discovery/chat.explorer.js';
import { ChatBroadcaster } from './gateway/chat.broadcaster.js';
import { ChatFavorites } from './gateway/chat-favorites.js';
import { ChatGateway } from './gateway/chat.gateway.js';
import { ChatHealthIndicator } from './health/chat-health.indicator.js';
import { ChatCluster } from './scaling/chat-cluster.js';
import { RedisRevokedTokens } from './scaling/redis-revoked-tokens.js';
import { ChatBodyErrors } from './http/chat-body-errors.js';
import { ChatBodyTypeMiddleware } from './http/chat-body-type.middleware.js';
import { ChatCorsMiddleware } from './http/chat-cors.middleware.js';
import { CHAT_HTTP_ROUTES } from './http/chat-routes.js';
import { ChatCors } from './http/chat-cors.js';
import { ChatHostMiddleware } from './http/chat-host.middleware.js';
import { ChatFilesController } from './http/chat-files.controller.js';
import { ChatHttpController } from './http/chat-http.controller.js';
import { ChatPublicFiles } from './http/chat-public-files.js';
import { ChatUiController } from './http/chat-ui.controller.js';
import { RouteCollisions } from './http/route-collisions.js';
import { UploadTempDir } from './http/upload-temp-dir.js';
import {
  ChatPersistence,
  chatStorageProviders,
  ChatThreadsController,
  StoredRevokedTokens,
  ThreadWriteQueue,
} from './persistence/index.js';
import { ChatPlayground } from './playground/chat-playground.js';
import { ChatContext } from './session/chat-context.js';
import { ChatEvents } from './session/chat-events.js';
import { ChatSessions } from './session/chat-sessions.js';
import { ChatRuntime } from './runtime/chat.runtime.js';

/**
 * The chat runtime as a global Nest module: finds the handler methods, serves the socket.io
 * endpoint the Chainlit client talks to, and gives `ChatContext`, `ChatEvents`, `ChatSessions`.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [
    ChatHttpController,
    ChatUiController,
    ChatFilesController,
    ChatAuthController,
    ChatThreadsController,
  ],
  providers: [
    {
      provide: CHAT_OPTIONS,
      useFactory: (options: ChatModuleOptions) => resolveChatOptions(options),
      inject: [CHAT_MODULE_OPTIONS],
    },
    ChatMetadataAccessor,
    ChatExplorer,
    ChatEvents,
    ChatSessions,
    ChatContext,
    ChatRuntime,
    ChatCluster,
    ChatBroadcaster,
    ChatFavorites,
    ChatGateway,
    AsyncifyService,
    ChatPlayground,
    ChatAuth,
    ChatIdentity,
    RevokedTokens,
    StoredRevokedTokens,
    RedisRevokedTokens,
    ChatBodyErrors,
    ChatPublicFiles,
    ChatCors,
    RouteCollisions,
    UploadTempDir,
    ChatHealthIndicator,
    ...chatStorageProviders(),
  ],
  exports: [
    ChatContext,
    ChatHealthIndicator,
    ChatEvents,
    ChatSessions,
    AsyncifyService,
    ChatAuth,
    ChatPersistence,
    ThreadWriteQueue,
    CHAT_OPTIONS,
  ],
})
export class ChatModule extends ConfigurableChatModule implements NestModule {
  /**
   * With the `mount` option, the chat's controllers are served under it, in this app only: as
   * Nest's `RouterModule` does, the module's path is set for the app's modules container.
   */
  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    modules: ModulesContainer,
    private readonly collisions: RouteCollisions,
  ) {
    super();
    if (options.mount) {
      Reflect.defineMetadata(MODULE_PATH + modules.applicationId, options.mount, ChatModule);
    }
  }

  /**
   * The chat's HTTP routes answer the `allowedHosts` only, follow the socket's CORS,
   * and give a browser its anonymous identity when login is off. Called before the app's routes
   * are registered, so a collision with an app route is reported before a platform that refuses
   * one (Fastify) stops.
   */
  configure(consumer: MiddlewareConsumer): void {
    this.collisions.report();
    consumer
      .apply(ChatHostMiddleware, ChatCorsMiddleware, ChatIdentityMiddleware, ChatBodyTypeMiddleware)
      .forRoutes(
        ...CHAT_HTTP_ROUTES.map((path) => ({
          path: `${this.options.mount}/${path}`,
          method: RequestMethod.ALL,
        })),
      );
  }

  /** The module with these options (all optional; see `ChatModuleOptions` for defaults). */
  static override forRoot(options: ChatModuleOptions = {}) {
    return super.forRoot(options);
  }

  /** The module with options from a factory: `{ imports, inject, useFactory }`. */
  static override forRootAsync(options: typeof CHAT_ASYNC_OPTIONS_TYPE) {
    return super.forRootAsync(options);
  }
}
