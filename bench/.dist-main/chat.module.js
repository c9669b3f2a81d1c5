var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module, RequestMethod } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CHAT_OPTIONS } from './options/chat-options.constants.js';
import { CHAT_MODULE_OPTIONS, ConfigurableChatModule, } from './chat.module-definition.js';
import { resolveChatOptions } from './chat-options.js';
import { ChatAuthController } from './auth/chat-auth.controller.js';
import { ChatAuth } from './auth/chat-auth.js';
import { AsyncifyService } from './asyncify/asyncify.service.js';
import { ChatMetadataAccessor } from './discovery/chat-metadata.accessor.js';
import { ChatExplorer } from './discovery/chat.explorer.js';
import { ChatBroadcaster } from './gateway/chat.broadcaster.js';
import { ChatFavorites } from './gateway/chat-favorites.js';
import { ChatGateway } from './gateway/chat.gateway.js';
import { ChatCluster } from './scaling/chat-cluster.js';
import { ChatBodyErrors } from './http/chat-body-errors.js';
import { CHAT_HTTP_ROUTES, ChatCorsMiddleware } from './http/chat-cors.middleware.js';
import { ChatFilesController } from './http/chat-files.controller.js';
import { ChatHttpController } from './http/chat-http.controller.js';
import { ChatUiController } from './http/chat-ui.controller.js';
import { UploadTempDir } from './http/upload-temp-dir.js';
import { ChatPersistence, chatStorageProviders, ChatThreadsController, ThreadWriteQueue, } from './persistence/index.js';
import { ChatPlayground } from './playground/chat-playground.js';
import { ChatContext } from './session/chat-context.js';
import { ChatEvents } from './session/chat-events.js';
import { ChatSessions } from './session/chat-sessions.js';
import { ChatRuntime } from './runtime/chat.runtime.js';
/**
 * The chat runtime as a global Nest module: finds the handler methods, serves the socket.io
 * endpoint the Chainlit client talks to, and gives `ChatContext`, `ChatEvents`, `ChatSessions`.
 */
let ChatModule = class ChatModule extends ConfigurableChatModule {
    /** The chat's HTTP routes follow the socket's `cors` option. */
    configure(consumer) {
        consumer
            .apply(ChatCorsMiddleware)
            .forRoutes(...CHAT_HTTP_ROUTES.map((path) => ({ path, method: RequestMethod.ALL })));
    }
    /** The module with these options (all optional; see `ChatModuleOptions` for defaults). */
    static forRoot(options = {}) {
        return super.forRoot(options);
    }
    /** The module with options from a factory: `{ imports, inject, useFactory }`. */
    static forRootAsync(options) {
        return super.forRootAsync(options);
    }
};
ChatModule = __decorate([
    Module({
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
                useFactory: (options) => resolveChatOptions(options),
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
            ChatBodyErrors,
            UploadTempDir,
            ...chatStorageProviders(),
        ],
        exports: [
            ChatContext,
            ChatEvents,
            ChatSessions,
            AsyncifyService,
            ChatAuth,
            ChatPersistence,
            ThreadWriteQueue,
            CHAT_OPTIONS,
        ],
    })
], ChatModule);
export { ChatModule };
//# sourceMappingURL=chat.module.js.map