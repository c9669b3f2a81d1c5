import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage as HttpRequest } from 'node:http';
import type { Subscription } from 'rxjs';
import { Server, type Socket } from 'socket.io';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ChatUser } from '../protocol/chat-user.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { type ChatEvent, SERVER_ONLY_EVENTS } from '../protocol/chat-event.interface.js';
import { ChatEvents } from '../session/chat-events.js';
import { ChatSessions } from '../session/chat-sessions.js';
import type { ChatSession } from '../session/chat-session.js';
import { ChatRuntime, type IncomingMessage } from '../runtime/chat.runtime.js';
import { ClientMessageDto, type ClientStepDto, EditMessageDto } from './dto/client-message.dto.js';
import { checkHandshake, parseHandshake } from './handshake.js';
import { ChatCluster } from '../scaling/chat-cluster.js';
import { TokenCoalescer } from './token-coalescer.js';
import { TokenBucket } from '../limits/token-bucket.js';
import { originAllowed } from '../http/origin-allowed.js';
import { describeValue, isPlainObject, validatePayload } from '../validation/validate-payload.js';

interface SocketData {
  session: ChatSession;
}

const roomOf = (sessionId: string) => `session:${sessionId}`;

/** The client events the gateway handles; any other is answered `unknown event "..."`. */
const CLIENT_EVENTS = new Set([
  'connection_successful',
  'client_message',
  'edit_message',
  'window_message',
  'stop',
  'clear_session',
  'chat_settings_change',
]);

/**
 * The socket.io endpoint the Chainlit client talks to. It validates what comes in and hands it
 * to the runtime; what goes out is the sessions' event stream, emitted to each session's room.
 */
@Injectable()
export class ChatGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChatGateway');
  private io?: Server;
  private subscription?: Subscription;
  private coalescer?: TokenCoalescer;
  /** Each session's rate limit (the `rateLimit` option), shared by its sockets. */
  private readonly buckets = new WeakMap<ChatSession, TokenBucket>();

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    private readonly runtime: ChatRuntime,
    private readonly events: ChatEvents,
    private readonly sessions: ChatSessions,
    private readonly auth: ChatAuth,
    private readonly cluster: ChatCluster,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
    if (!httpServer) {
      this.logger.warn('No HTTP server (an application context?): the chat socket is not served');
      return;
    }
    const prefix = this.appConfig.getGlobalPrefix().replace(/^\/*/, '/').replace(/\/+$/, '');
    const path = `${prefix === '/' ? '' : prefix}${this.options.path}`;
    const cors = this.options.cors;
    this.io = new Server(httpServer, {
      path,
      maxHttpBufferSize: this.options.maxMessageBytes,
      cors: cors === false ? undefined : cors,
      allowRequest: (req, callback) =>
        this.originAllowed(req) ? callback(null, true) : callback('origin not allowed', false),
      ...this.cluster.serverOptions(),
    });
    this.cluster.attach(this.io);
    this.io.use((socket, next) => {
      void this.handshake(socket).then(() => next(), next);
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    const send = (event: ChatEvent) => {
      if (SERVER_ONLY_EVENTS.has(event.name)) return;
      if (event.name !== 'ask')
        return void this.io?.to(roomOf(event.sessionId)).emit(event.name, event.data);
      // An ask goes out with an acknowledgement to each socket of the session; the first answer
      // counts. No socket.io timeout: the session's own timer ends the ask.
      const { spec } = event.data;
      this.cluster.afterBroadcasts(() => {
        for (const id of this.io?.sockets.adapter.rooms.get(roomOf(event.sessionId)) ?? []) {
          this.io?.sockets.sockets.get(id)?.emit('ask', event.data, (answer: unknown) => {
            const session = this.sessions.get(event.sessionId);
            if (session) this.runtime.answer(session, spec.step_id, answer);
          });
        }
      });
    };
    this.coalescer = this.options.coalesceTokens
      ? new TokenCoalescer(send, this.options.tokenFlushMs)
      : undefined;
    this.subscription = this.events.events$.subscribe((event) =>
      this.coalescer ? this.coalescer.push(event) : send(event),
    );
    this.logger.log(`Chat socket served at ${path}`);
  }

  /**
   * Sessions end first, their clients still connected: a stream ends with what arrived and the
   * clients see it. Then the server closes the sockets, and gives their last packets a moment
   * to go out before the connections close.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.runtime.beginShutdown();
    await this.runtime.endAll();
    this.coalescer?.flush();
    const io = this.io;
    if (io) {
      io.local.disconnectSockets(true);
      for (let waited = 0; io.engine.clientsCount > 0 && waited < 1000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      io.engine.close();
    }
    this.subscription?.unsubscribe();
  }

  /** Checks a connecting socket (auth, login, app rules) and finds or makes its session. */
  private async handshake(socket: Socket): Promise<void> {
    const init = checkHandshake(parseHandshake(socket.handshake.auth), this.options);
    let user: ChatUser | undefined;
    try {
      user = await this.auth.userOf(socket.request.headers);
    } catch {
      throw new Error('authentication failed');
    }
    const wanted = (socket.handshake.auth as { threadId?: string }).threadId;
    const ready = wanted ? await this.runtime.prepareResume({ ...init, user }) : { ...init, user };
    (socket.data as SocketData).session = this.runtime.attach(ready, socket.id).session;
  }

  private onConnection(socket: Socket): void {
    const { session } = socket.data as SocketData;
    socket.use(([event], next) => this.admit(session, event, next));
    // The socket receives the session's events once its client is ready; `connected()` then
    // brings it up to date (idle or busy, and the message streaming now, whole).
    socket.on('connection_successful', () => {
      try {
        void socket.join(roomOf(session.id));
        this.runtime.connected(session, socket.recovered);
      } catch (error) {
        this.logger.error(`Session ${session.id} failed to start`, (error as Error).stack);
      }
    });
    socket.on('client_message', (payload: unknown) => {
      try {
        const dto = validatePayload(ClientMessageDto, payload, 'client_message');
        const refs = dto.fileReferences?.map(({ id }) => id) ?? [];
        const { upload } = this.options;
        if (refs.length > (upload ? upload.maxFiles : 0)) {
          throw new TypeError(
            upload
              ? `fileReferences: at most ${upload.maxFiles} files per message`
              : 'fileReferences: file uploads are disabled',
          );
        }
        const files = session.takeFiles(refs);
        void this.runtime.message(session, { ...fromStep(dto.message), files });
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
    socket.on('disconnect', () => {
      (socket.data as Partial<SocketData>).session = undefined;
      void this.runtime.detach(session, socket.id);
    });
  }

  /**
   * Lets a client event through to its handler, or refuses it with an `exception` event: past
   * the session's rate limit, or an event the gateway does not know. `clear_session` always
   * passes (it is caught as it arrives, see onAny).
   */
  private admit(session: ChatSession, event: unknown, next: () => void): void {
    if (event === 'clear_session') return next();
    // Answered a tick later, as socket.io dispatches the events it lets through: in order.
    const refuse = (message: string) =>
      process.nextTick(() => this.refuse(session, new Error(message)));
    const name = JSON.stringify(String(event).slice(0, 100));
    const limit = this.options.rateLimit;
    if (limit) {
      let bucket = this.buckets.get(session);
      if (!bucket) this.buckets.set(session, (bucket = new TokenBucket(limit)));
      if (!bucket.take()) {
        const rate = `at most ${limit.points} events per ${limit.perSeconds} s`;
        return refuse(`rate limit: ${rate}; ${name} refused`);
      }
    }
    if (typeof event !== 'string' || !CLIENT_EVENTS.has(event)) {
      return refuse(`unknown event ${name}`);
    }
    next();
  }

  /** A refused client event: the session is told why (`exception`) and carries on. */
  private refuse(session: ChatSession, error: Error, what?: string): void {
    const message =
      what && !error.message.startsWith(what) ? `${what}: ${error.message}` : error.message;
    this.logger.debug?.(`Refused from session ${session.id}: ${message}`);
    session.emit('exception', { status: 'error', message });
  }

  /** Same origin unless `cors` says otherwise; clients that send no Origin (not browsers) pass. */
  private originAllowed(req: HttpRequest): boolean {
    return originAllowed(req.headers, this.options.cors);
  }
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
