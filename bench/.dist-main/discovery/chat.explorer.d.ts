import { type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator, MetadataScanner, ModuleRef } from '@nestjs/core';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatHandler, ChatHandlerKind } from './chat-handler.interface.js';
import { ChatMetadataAccessor } from './chat-metadata.accessor.js';
/**
 * Finds the decorated handler methods on every provider and controller at `onModuleInit` and
 * keeps them by kind, in the order they run, each wrapped in its Nest enhancers (guards,
 * interceptors, pipes, exception filters; see `ChatContextCreator`).
 */
export declare class ChatExplorer implements OnModuleInit {
    private readonly discovery;
    private readonly scanner;
    private readonly accessor;
    private readonly moduleRef;
    private readonly logger;
    private readonly handlers;
    /** Each session's request-scoped handler instances, under one Nest context id. */
    private readonly scopes;
    /** The enhanced methods of request-scoped instances, by method name. */
    private readonly scopedCalls;
    private readonly enhancers;
    constructor(discovery: DiscoveryService, scanner: MetadataScanner, accessor: ChatMetadataAccessor, moduleRef: ModuleRef, contextCreator: ExternalContextCreator);
    onModuleInit(): void;
    /** The handlers of a kind, in the order they run. */
    get(kind: ChatHandlerKind): readonly ChatHandler[];
    explore(): void;
    private createHandler;
    /** The enhanced method of a session's own instance, made on its first call. */
    private scopedCall;
    private resolveForSession;
    /** Lets go of the request-scoped instances of a session that ended. */
    release(session: ChatSession): void;
}
