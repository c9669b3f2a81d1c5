import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IoAdapter } from '@nestjs/platform-socket.io';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage as HttpRequest } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { ChatAuth } from '../auth/chat-auth.js';
import { ANONYMOUS_PREFIX, ChatIdentity } from '../auth/chat-identity.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { hostAllowed, hostRefusal } from '../http/host-allowed.js';
import { clientAddress, trustFunction } from '../limits/client-address.js';
import { ChatCors } from '../http/chat-cors.js';
import { SocketAdmission } from '../limits/socket-admission.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { ChatPersistence } from '../persistence/chat-persistence.js';
import { ChatFavorites } from './chat-favorites.js';
import type { ChatUser } from '../protocol/chat-user.interface.js';
import { ChatRuntime, type IncomingMessage } from '../runtime/chat.runtime.js';
import type { ResumeState } from '../runtime/resume-state.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import type { ChatSession } from '../session/chat-session.js';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from '../validation/payload-depth.js';
import { describeValue, isPlainObject, validatePayload } from '../validation/validate-payload.js';
import { ChatBroadcaster, roomOf } from './chat.broadcaster.js';
import {
  type ClientStepDto,
  EditMessageDto,
  MessageFavoriteDto,
} from './dto/client-message.dto.js';
import { chatWsAdapter, type ChatWsAdapter, createChatServer } from './chat-socket-server.js';
import { validateClientMessage } from './dto/validate-client-message.js';
import { checkHandshake, parseHandshake } from './handshake.js';

interface SocketData {
  session: ChatSession;
  /** The client's address (see the `trustProxy` option). */
  address: string;
}

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
 * Its server is made and closed by the app's WebSocket adapter, as a Nest gateway's is, with
 * the path and options of this module (which may differ from one app to another).
 */
@Injectable()
export class ChatGateway
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('ChatGateway');
  private io?: Server;
  private ws?: ChatWsAdapter;
  /** The app shuts down: no socket is let in any more. */
  private closing = false;
  private readonly admission: SocketAdmission<ChatSession>;
  private readonly trust: (address: string, hop: number) => boolean;
  /** Open sockets by client address (the `maxConnectionsPerIp` option). */
  private readonly connections = new Map<string, number>();

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    private readonly runtime: ChatRuntime,
    private readonly broadcaster: ChatBroadcaster,
    private readonly auth: ChatAuth,
    private readonly identity: ChatIdentity,
    private readonly cluster: ChatCluster,
    private readonly favorites: ChatFavorites,
    private readonly chatCors: ChatCors,
    @Optional() private readonly persistence?: ChatPersistence,
  ) {
    this.admission = new SocketAdmission(CLIENT_EVENTS, options.rateLimit);
    this.trust = trustFunction(options.trustProxy);
  }

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
    if (!httpServer) {
      this.logger.warn('No HTTP server (an application context?): the chat socket is not served');
      return;
    }
    const path = `${chatRoot(this.appConfig, this.options.mount)}${this.options.path}`;
    this.ws = chatWsAdapter(this.appConfig, httpServer);
    this.io = createChatServer(this.ws.adapter, {
      path,
      maxHttpBufferSize: this.options.maxMessageBytes,
      cors: this.chatCors.socketCors,
      allowRequest: (req, callback) => {
        if (this.closing) return callback('the server is shutting down', false);
        if (!hostAllowed(req.headers, this.options.allowedHosts)) {
          return callback(hostRefusal(req.headers.host), false);
        }
        void this.chatCors.allows(req).then(
          (allowed) => callback(allowed ? null : 'origin not allowed', allowed),
          () => callback('origin not allowed', false),
        );
      },
      ...this.cluster.serverOptions(),
    });
    if (this.io.httpServer !== httpServer) {
      this.logger.warn(
        `The app's WebSocket adapter (${this.ws.adapter.constructor.name}) made the chat socket ` +
          `on a server of its own, not on the app's HTTP server (give the adapter the app: new ` +
          `${this.ws.adapter.constructor.name}(app))`,
      );
    }
    // With login off, a client that comes without an identity cookie gets one with the
    // handshake's response (the first of the connection), before the handshake is checked.
    this.io.engine.on('initial_headers', (headers: Record<string, unknown>, req: HttpRequest) => {
      const cookie = this.identity.assign(req, this.isHttps(req));
      if (!cookie) return;
      const before = headers['Set-Cookie'];
      headers['Set-Cookie'] = Array.isArray(before) ? [...before, cookie] : [cookie];
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
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.runtime.endAll();
    this.broadcaster.stop();
    const io = this.io;
    if (!io) return;
    io.local.disconnectSockets(true);
    for (let waited = 0; io.engine.clientsCount > 0 && waited < 1000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    io.engine.close();
  }

  /**
   * The WebSocket adapter closes the server (and its socket.io adapter) once the app's HTTP
   * server is closed, as Nest closes a gateway's.
   */
  async onApplicationShutdown(): Promise<void> {
    const { io, ws } = this;
    this.io = this.ws = undefined;
    if (!io || !ws) return;
    await ws.adapter.close(io);
    if (ws.own) await (ws.adapter as IoAdapter).dispose();
  }

  /**
   * Checks a connecting socket (auth, login, app rules) and finds or makes its session; a new
   * one that reopens a stored thread gets its history, or a new thread id if it cannot. The
   * session belongs to the user, or with login off to the browser's anonymous identity: a
   * session id is refused to anyone else.
   */
  private async handshake(socket: Socket): Promise<void> {
    const address = this.admit(socket);
    const init = checkHandshake(parseHandshake(socket.handshake.auth), this.options);
    let user: ChatUser | undefined;
    try {
      user = await this.auth.userOf(socket.request.headers);
    } catch {
      throw new Error('authentication failed');
    }
    // A client that kept no cookie is a visitor no one else can be (nor it, next time).
    const owner =
      user?.identifier ??
      this.identity.of(socket.request) ??
      `${ANONYMOUS_PREFIX}${randomBytes(16).toString('base64url')}`;
    const wanted = (socket.handshake.auth as { threadId?: string }).threadId;
    let resume: ResumeState | undefined;
    if (wanted && !this.runtime.isLive(init.id)) {
      resume = await this.persistence?.loadResume(init.threadId, owner);
    }
    const threadId = resume && 'error' in resume ? randomUUID() : init.threadId;
    if (socket.conn.readyState !== 'open') return; // the client left during the handshake
    const { session } = this.runtime.attach({ ...init, threadId, user, owner }, socket.id, resume);
    (socket.data as SocketData).session = session;
    (socket.data as SocketData).address = address;
  }

  /** Whether a request came over HTTPS: TLS here, or a trusted proxy's `X-Forwarded-Proto`. */
  private isHttps(req: HttpRequest): boolean {
    if ((req.socket as { encrypted?: boolean }).encrypted === true) return true;
    const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      .trim();
    return forwarded === 'https' && this.trust(req.socket.remoteAddress ?? '', 0);
  }

  /**
   * A connection closed, however it ended (socket.io's disconnect comes only for a socket that
   * got as far as connecting): its address has one socket less, its session one socket less.
   */
  private closed(socket: Socket, address: string): void {
    const left = (this.connections.get(address) ?? 1) - 1;
    if (left > 0) this.connections.set(address, left);
    else this.connections.delete(address);
    this.broadcaster.unwatch(socket.id);
    const { session } = socket.data as Partial<SocketData>;
    if (session) void this.runtime.detach(session, socket.id);
  }

  /**
   * Counts a connecting socket against its address's `maxConnectionsPerIp` until its
   * connection closes; throws the `connect_error` past it. Gives the client's address.
   */
  private admit(socket: Socket): string {
    const address = clientAddress(socket.request, this.trust);
    const open = this.connections.get(address) ?? 0;
    const max = this.options.maxConnectionsPerIp;
    if (max > 0 && open >= max) {
      throw new Error(
        `connection refused: this address has ${open} connections open, its limit (the maxConnectionsPerIp option)`,
      );
    }
    this.connections.set(address, open + 1);
    socket.conn.once('close', () => this.closed(socket, address));
    return address;
  }

  private onConnection(socket: Socket): void {
    const { session, address } = socket.data as SocketData;
    this.broadcaster.watch(socket);
    socket.use((packet, next) => {
      const [event] = packet;
      // clear_session always passes: it is caught as it arrives (see onAny).
      if (event === 'clear_session') return next();
      const refusal = this.admission.check(session, address, event);
      const deep = refusal ? undefined : tooDeep(packet);
      if (!refusal && !deep) return next();
      // Answered a tick later, as socket.io dispatches the events it lets through: in order
      // (the answer to an earlier event goes out before the socket is closed).
      if (refusal?.disconnect) {
        process.nextTick(() => {
          if (!socket.connected) return;
          this.logger.warn(`Session ${session.id} floods past its rate limit: socket closed`);
          socket.disconnect(true);
        });
        return;
      }
      const notice = refusal ? refusal.notice : deep;
      if (notice) process.nextTick(() => this.refuse(session, new Error(notice)));
    });
    // The socket receives the session's events once its client is ready; `connected()` then
    // brings it up to date (idle or busy, and the message streaming now, whole). Tokens held
    // back for the session go out first: they are in that message already.
    socket.on('connection_successful', () => {
      try {
        this.broadcaster.flush(session.id);
        void socket.join(roomOf(session.id));
        this.runtime.connected(session, socket.recovered);
      } catch (error) {
        this.logger.error(`Session ${session.id} failed to start`, (error as Error).stack);
      }
    });
    socket.on('client_message', (payload: unknown) => {
      try {
        const dto = validateClientMessage(payload);
        this.broadcaster.batch(socket);
        const fileIds = dto.fileReferences?.map(({ id }) => id);
        void this.runtime.message(session, { ...fromStep(dto.message), fileIds });
      } catch (error) {
        this.refuse(session, error as Error, 'client_message');
      }
    });
    socket.on('edit_message', (payload: unknown) => {
      try {
        const dto = validatePayload(EditMessageDto, payload, 'edit_message');
        void this.runtime.edit(session, { ...fromStep(dto.message), id: dto.message.id });
      } catch (error) {
        this.refuse(session, error as Error);
      }
    });
    socket.on('window_message', (data: unknown) => void this.runtime.windowMessage(session, data));
    socket.on('stop', () => void this.runtime.stop(session));
    // The Chainlit client emits clear_session and closes the socket at once. socket.io dispatches
    // events a tick later and drops those that arrive with the close, so this one is caught as it
    // is decoded (onAny listeners run synchronously).
    socket.onAny((event: string) => {
      if (event === 'clear_session') this.runtime.clear(session);
    });
    socket.on('chat_settings_change', (payload: unknown) => {
      try {
        if (!isPlainObject(payload)) {
          throw new TypeError(
            `chat_settings_change: the payload must be an object, got ${describeValue(payload)}`,
          );
        }
        void this.runtime.settingsUpdate(session, session.applySettings({ ...payload }));
      } catch (error) {
        this.refuse(session, error as Error);
      }
    });
    // A widget changed before the settings are confirmed: as Chainlit, it goes to the edit
    // handlers and changes nothing. The settings change only with chat_settings_change.
    socket.on('chat_settings_edit', (payload: unknown) => {
      if (!isPlainObject(payload)) {
        this.refuse(
          session,
          new TypeError(
            `chat_settings_edit: the payload must be an object, got ${describeValue(payload)}`,
          ),
        );
        return;
      }
      void this.runtime.settingsEdit(session, { ...payload });
    });
    // The client asks for the favorites as it opens its panel. Without the favorites option
    // both events are ignored, as Chainlit does.
    socket.on('fetch_favorites', () => {
      if (!this.options.favorites) return;
      void this.favorites
        .send(session)
        .catch((error: Error) => this.refuse(session, error, 'fetch_favorites'));
    });
    socket.on('message_favorite', (payload: unknown) => {
      if (!this.options.favorites) return;
      try {
        const dto = validatePayload(MessageFavoriteDto, payload, 'message_favorite');
        void this.favorites
          .mark(session, dto.message)
          .catch((error: Error) => this.refuse(session, error, 'message_favorite'));
      } catch (error) {
        this.refuse(session, error as Error);
      }
    });
  }

  /** A refused client event: the session is told why (`exception`) and carries on. */
  private refuse(session: ChatSession, error: Error, what?: string): void {
    const message =
      what && !error.message.startsWith(what) ? `${what}: ${error.message}` : error.message;
    this.logger.debug?.(`Refused from session ${session.id}: ${message}`);
    session.emit('exception', { status: 'error', message });
  }
}

/** Why an inbound event is refused for its nesting, whatever its handler (validators recurse). */
function tooDeep([event, ...args]: unknown[]): string | undefined {
  if (!nestedDeeperThan(args, MAX_PAYLOAD_DEPTH + 1)) return undefined;
  return `${String(event).slice(0, 100)}: the payload nests more than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`;
}

/** A validated client step, as the runtime takes it. */
function fromStep(step: ClientStepDto): IncomingMessage {
  return {
    id: step.id,
    content: step.output,
    createdAt: step.createdAt,
    author: step.name,
    command: step.command,
  };
}
