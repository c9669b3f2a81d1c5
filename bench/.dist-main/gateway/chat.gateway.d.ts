import { type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ChatFavorites } from './chat-favorites.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { ChatBroadcaster } from './chat.broadcaster.js';
/**
 * The socket.io endpoint the Chainlit client talks to: it checks each handshake, admits and
 * validates what comes in and hands it to the runtime. What goes out is `ChatBroadcaster`'s.
 */
export declare class ChatGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
    private readonly options;
    private readonly adapterHost;
    private readonly appConfig;
    private readonly runtime;
    private readonly broadcaster;
    private readonly auth;
    private readonly cluster;
    private readonly favorites;
    private readonly persistence?;
    private readonly logger;
    private io?;
    private readonly admission;
    private readonly trust;
    /** Open sockets by client address (the `maxConnectionsPerIp` option). */
    private readonly connections;
    constructor(options: ResolvedChatOptions, adapterHost: HttpAdapterHost, appConfig: ApplicationConfig, runtime: ChatRuntime, broadcaster: ChatBroadcaster, auth: ChatAuth, cluster: ChatCluster, favorites: ChatFavorites, persistence?: ChatPersistence | undefined);
    onApplicationBootstrap(): void;
    /**
     * Sessions end first, their clients still connected: a stream ends with what arrived and the
     * clients see it. Then the server closes the sockets, and gives their last packets a moment
     * to go out before the connections close.
     */
    beforeApplicationShutdown(): Promise<void>;
    /**
     * Checks a connecting socket (auth, login, app rules) and finds or makes its session; a new
     * one that reopens a stored thread gets its history, or a new thread id if it cannot.
     */
    private handshake;
    /**
     * A connection closed, however it ended (socket.io's disconnect comes only for a socket that
     * got as far as connecting): its address has one socket less, its session one socket less.
     */
    private closed;
    /**
     * Counts a connecting socket against its address's `maxConnectionsPerIp` until its
     * connection closes; throws the `connect_error` past it. Gives the client's address.
     */
    private admit;
    private onConnection;
    /** A refused client event: the session is told why (`exception`) and carries on. */
    private refuse;
}
