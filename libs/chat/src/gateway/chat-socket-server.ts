import type { WebSocketAdapter } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server as HttpServer } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';

/** The WebSocket adapter the chat's socket.io server is made with, and whose it is. */
export interface ChatWsAdapter {
  adapter: WebSocketAdapter;
  /** `true` for the chat's own `IoAdapter` (the app has none): the chat disposes of it. */
  own: boolean;
}

/**
 * The app's WebSocket adapter (`app.useWebSocketAdapter(...)`, or the `IoAdapter` Nest set up
 * for the app's own gateways), else an `IoAdapter` over the app's HTTP server.
 */
export function chatWsAdapter(appConfig: ApplicationConfig, httpServer: HttpServer): ChatWsAdapter {
  const adapter = appConfig.getIoAdapter() as WebSocketAdapter | null | undefined;
  if (adapter) return { adapter, own: false };
  return { adapter: new IoAdapter(httpServer), own: true };
}

/**
 * The chat's socket.io server, made by `adapter` as Nest makes a gateway's (port 0: on the
 * app's HTTP server). An adapter that makes something else (a `ws` server) is refused.
 */
export function createChatServer(
  adapter: WebSocketAdapter,
  options: Partial<ServerOptions>,
): Server {
  const server: unknown = adapter.create(0, options);
  if (!isSocketIoServer(server)) {
    const made = (server as { constructor?: { name?: string } } | null)?.constructor?.name;
    throw new Error(
      `ChatModule: the app's WebSocket adapter (${adapter.constructor.name}) made ` +
        `${made ? `a server of class "${made}"` : String(server)}, not a socket.io Server: the ` +
        `chat socket speaks socket.io; use IoAdapter from @nestjs/platform-socket.io, or a ` +
        `subclass of it`,
    );
  }
  return server;
}

function isSocketIoServer(server: unknown): server is Server {
  const candidate = server as Partial<Server> | null;
  return (
    typeof candidate?.of === 'function' &&
    typeof candidate.use === 'function' &&
    typeof candidate.adapter === 'function' &&
    typeof candidate.engine === 'object'
  );
}
