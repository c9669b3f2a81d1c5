import { type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { ChatModuleOptions } from './options/chat-module-options.interface.js';
import { CHAT_ASYNC_OPTIONS_TYPE, ConfigurableChatModule } from './chat.module-definition.js';
/**
 * The chat runtime as a global Nest module: finds the handler methods, serves the socket.io
 * endpoint the Chainlit client talks to, and gives `ChatContext`, `ChatEvents`, `ChatSessions`.
 */
export declare class ChatModule extends ConfigurableChatModule implements NestModule {
    /** The chat's HTTP routes follow the socket's `cors` option. */
    configure(consumer: MiddlewareConsumer): void;
    /** The module with these options (all optional; see `ChatModuleOptions` for defaults). */
    static forRoot(options?: ChatModuleOptions): import("@nestjs/common").DynamicModule;
    /** The module with options from a factory: `{ imports, inject, useFactory }`. */
    static forRootAsync(options: typeof CHAT_ASYNC_OPTIONS_TYPE): import("@nestjs/common").DynamicModule;
}
