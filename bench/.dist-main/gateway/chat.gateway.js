var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger, Optional, } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { ChatAuth } from '../auth/chat-auth.js';
import { globalPrefixRoot } from '../protocol/global-prefix.js';
import { clientAddress, trustFunction } from '../http/client-address.js';
import { originAllowed } from '../http/origin-allowed.js';
import { SocketAdmission } from '../limits/socket-admission.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ChatFavorites } from './chat-favorites.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from '../validation/payload-depth.js';
import { describeValue, isPlainObject, validatePayload } from '../validation/validate-payload.js';
import { ChatBroadcaster, roomOf } from './chat.broadcaster.js';
import { ClientMessageDto, EditMessageDto, MessageFavoriteDto, } from './dto/client-message.dto.js';
import { checkHandshake, parseHandshake } from './handshake.js';
/** The client events the gateway handles; any other is answered `unknown event "..."`. */
const CLIENT_EVENTS = new Set([
    'connection_successful',
    'client_message',
    'edit_message',
    'window_message',
    'stop',
    'clear_session',
    'chat_settings_change',
    'chat_settings_edit',
    'fetch_favorites',
    'message_favorite',
]);
/**
 * The socket.io endpoint the Chainlit client talks to: it checks each handshake, admits and
 * validates what comes in and hands it to the runtime. What goes out is `ChatBroadcaster`'s.
 */
let ChatGateway = class ChatGateway {
    constructor(options, adapterHost, appConfig, runtime, broadcaster, auth, cluster, favorites, persistence) {
        this.options = options;
        this.adapterHost = adapterHost;
        this.appConfig = appConfig;
        this.runtime = runtime;
        this.broadcaster = broadcaster;
        this.auth = auth;
        this.cluster = cluster;
        this.favorites = favorites;
        this.persistence = persistence;
        this.logger = new Logger('ChatGateway');
        /** Open sockets by client address (the `maxConnectionsPerIp` option). */
        this.connections = new Map();
        this.admission = new SocketAdmission(CLIENT_EVENTS, options.rateLimit);
        this.trust = trustFunction(options.trustProxy);
    }
    onApplicationBootstrap() {
        const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
        if (!httpServer) {
            this.logger.warn('No HTTP server (an application context?): the chat socket is not served');
            return;
        }
        const path = `${globalPrefixRoot(this.appConfig)}${this.options.path}`;
        const cors = this.options.cors;
        this.io = new Server(httpServer, {
            path,
            maxHttpBufferSize: this.options.maxMessageBytes,
            cors: cors === false ? undefined : cors,
            allowRequest: (req, callback) => originAllowed(req.headers, cors)
                ? callback(null, true)
                : callback('origin not allowed', false),
            ...this.cluster.serverOptions(),
        });
        this.cluster.attach(this.io);
        this.io.use((socket, next) => {
            void this.handshake(socket).then(() => next(), next);
        });
        this.io.on('connection', (socket) => this.onConnection(socket));
        this.broadcaster.start(this.io);
        this.logger.log(`Chat socket served at ${path}`);
    }
    /**
     * Sessions end first, their clients still connected: a stream ends with what arrived and the
     * clients see it. Then the server closes the sockets, and gives their last packets a moment
     * to go out before the connections close.
     */
    async beforeApplicationShutdown() {
        await this.runtime.endAll();
        this.broadcaster.stop();
        const io = this.io;
        if (!io)
            return;
        io.local.disconnectSockets(true);
        for (let waited = 0; io.engine.clientsCount > 0 && waited < 1000; waited += 10) {
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        io.engine.close();
    }
    /**
     * Checks a connecting socket (auth, login, app rules) and finds or makes its session; a new
     * one that reopens a stored thread gets its history, or a new thread id if it cannot.
     */
    async handshake(socket) {
        const address = this.admit(socket);
        const init = checkHandshake(parseHandshake(socket.handshake.auth), this.options);
        let user;
        try {
            user = await this.auth.userOf(socket.request.headers);
        }
        catch {
            throw new Error('authentication failed');
        }
        const wanted = socket.handshake.auth.threadId;
        let resume;
        if (wanted && !this.runtime.isLive(init.id)) {
            resume = await this.persistence?.loadResume(init.threadId, user);
        }
        const threadId = resume && 'error' in resume ? randomUUID() : init.threadId;
        if (socket.conn.readyState !== 'open')
            return; // the client left during the handshake
        const { session } = this.runtime.attach({ ...init, threadId, user }, socket.id, resume);
        socket.data.session = session;
        socket.data.address = address;
    }
    /**
     * A connection closed, however it ended (socket.io's disconnect comes only for a socket that
     * got as far as connecting): its address has one socket less, its session one socket less.
     */
    closed(socket, address) {
        const left = (this.connections.get(address) ?? 1) - 1;
        if (left > 0)
            this.connections.set(address, left);
        else
            this.connections.delete(address);
        this.broadcaster.unwatch(socket.id);
        const { session } = socket.data;
        if (session)
            void this.runtime.detach(session, socket.id);
    }
    /**
     * Counts a connecting socket against its address's `maxConnectionsPerIp` until its
     * connection closes; throws the `connect_error` past it. Gives the client's address.
     */
    admit(socket) {
        const address = clientAddress(socket.request, this.trust);
        const open = this.connections.get(address) ?? 0;
        const max = this.options.maxConnectionsPerIp;
        if (max > 0 && open >= max) {
            throw new Error(`connection refused: this address has ${open} connections open, its limit (the maxConnectionsPerIp option)`);
        }
        this.connections.set(address, open + 1);
        socket.conn.once('close', () => this.closed(socket, address));
        return address;
    }
    onConnection(socket) {
        const { session, address } = socket.data;
        this.broadcaster.watch(socket);
        socket.use((packet, next) => {
            const [event] = packet;
            // clear_session always passes: it is caught as it arrives (see onAny).
            if (event === 'clear_session')
                return next();
            const refusal = this.admission.check(session, address, event);
            const deep = refusal ? undefined : tooDeep(packet);
            if (!refusal && !deep)
                return next();
            // Answered a tick later, as socket.io dispatches the events it lets through: in order
            // (the answer to an earlier event goes out before the socket is closed).
            if (refusal?.disconnect) {
                process.nextTick(() => {
                    if (!socket.connected)
                        return;
                    this.logger.warn(`Session ${session.id} floods past its rate limit: socket closed`);
                    socket.disconnect(true);
                });
                return;
            }
            const notice = refusal ? refusal.notice : deep;
            if (notice)
                process.nextTick(() => this.refuse(session, new Error(notice)));
        });
        // The socket receives the session's events once its client is ready; `connected()` then
        // brings it up to date (idle or busy, and the message streaming now, whole). Tokens held
        // back for the session go out first: they are in that message already.
        socket.on('connection_successful', () => {
            try {
                this.broadcaster.flush(session.id);
                void socket.join(roomOf(session.id));
                this.runtime.connected(session, socket.recovered);
            }
            catch (error) {
                this.logger.error(`Session ${session.id} failed to start`, error.stack);
            }
        });
        socket.on('client_message', (payload) => {
            try {
                const dto = validatePayload(ClientMessageDto, payload, 'client_message');
                const fileIds = dto.fileReferences?.map(({ id }) => id);
                void this.runtime.message(session, { ...fromStep(dto.message), fileIds });
            }
            catch (error) {
                this.refuse(session, error, 'client_message');
            }
        });
        socket.on('edit_message', (payload) => {
            try {
                const dto = validatePayload(EditMessageDto, payload, 'edit_message');
                void this.runtime.edit(session, { ...fromStep(dto.message), id: dto.message.id });
            }
            catch (error) {
                this.refuse(session, error);
            }
        });
        socket.on('window_message', (data) => void this.runtime.windowMessage(session, data));
        socket.on('stop', () => void this.runtime.stop(session));
        // The Chainlit client emits clear_session and closes the socket at once. socket.io dispatches
        // events a tick later and drops those that arrive with the close, so this one is caught as it
        // is decoded (onAny listeners run synchronously).
        socket.onAny((event) => {
            if (event === 'clear_session')
                this.runtime.clear(session);
        });
        socket.on('chat_settings_change', (payload) => {
            try {
                if (!isPlainObject(payload)) {
                    throw new TypeError(`chat_settings_change: the payload must be an object, got ${describeValue(payload)}`);
                }
                void this.runtime.settingsUpdate(session, session.applySettings({ ...payload }));
            }
            catch (error) {
                this.refuse(session, error);
            }
        });
        // A widget changed before the settings are confirmed: as Chainlit, it goes to the edit
        // handlers and changes nothing. The settings change only with chat_settings_change.
        socket.on('chat_settings_edit', (payload) => {
            if (!isPlainObject(payload)) {
                this.refuse(session, new TypeError(`chat_settings_edit: the payload must be an object, got ${describeValue(payload)}`));
                return;
            }
            void this.runtime.settingsEdit(session, { ...payload });
        });
        // The client asks for the favorites as it opens its panel. Without the favorites option
        // both events are ignored, as Chainlit does.
        socket.on('fetch_favorites', () => {
            if (!this.options.favorites)
                return;
            void this.favorites
                .send(session)
                .catch((error) => this.refuse(session, error, 'fetch_favorites'));
        });
        socket.on('message_favorite', (payload) => {
            if (!this.options.favorites)
                return;
            try {
                const dto = validatePayload(MessageFavoriteDto, payload, 'message_favorite');
                void this.favorites
                    .mark(session, dto.message)
                    .catch((error) => this.refuse(session, error, 'message_favorite'));
            }
            catch (error) {
                this.refuse(session, error);
            }
        });
    }
    /** A refused client event: the session is told why (`exception`) and carries on. */
    refuse(session, error, what) {
        const message = what && !error.message.startsWith(what) ? `${what}: ${error.message}` : error.message;
        this.logger.debug?.(`Refused from session ${session.id}: ${message}`);
        session.emit('exception', { status: 'error', message });
    }
};
ChatGateway = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __param(8, Optional()),
    __metadata("design:paramtypes", [Object, HttpAdapterHost,
        ApplicationConfig,
        ChatRuntime,
        ChatBroadcaster,
        ChatAuth,
        ChatCluster,
        ChatFavorites,
        ChatPersistence])
], ChatGateway);
export { ChatGateway };
/** Why an inbound event is refused for its nesting, whatever its handler (validators recurse). */
function tooDeep([event, ...args]) {
    if (!nestedDeeperThan(args, MAX_PAYLOAD_DEPTH + 1))
        return undefined;
    return `${String(event).slice(0, 100)}: the payload nests more than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`;
}
/** A validated client step, as the runtime takes it. */
function fromStep(step) {
    return {
        id: step.id,
        content: step.output,
        createdAt: step.createdAt,
        author: step.name,
        command: step.command,
    };
}
//# sourceMappingURL=chat.gateway.js.map