import { EventEmitter } from 'node:events';
import { Test } from '@nestjs/testing';
import { IoAdapter } from '@nestjs/platform-socket.io';
import {
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type WsResponse,
} from '@nestjs/websockets';
import { io } from 'socket.io-client';
import type { Server, ServerOptions } from 'socket.io';
import { Adapter, type BroadcastOptions } from 'socket.io-adapter';
import { ChatModule } from 'nest-chat';
import { EchoBot, Probe } from './fixtures/echo.bot.js';
import { clientTracker } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** An app's own socket.io adapter: it records the servers it is asked to make. */
class RecordingIoAdapter extends IoAdapter {
  readonly made: { port: number; options?: ServerOptions }[] = [];

  override createIOServer(port: number, options?: ServerOptions): Server {
    this.made.push({ port, options });
    return super.createIOServer(port, options);
  }
}

/** An app's adapter that gives its servers a socket.io adapter of its own (as a Redis one does). */
class CountingIoAdapter extends IoAdapter {
  /** The events broadcast through the servers' adapters. */
  readonly broadcast: string[] = [];

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    const events = this.broadcast;
    server.adapter(
      class CountingAdapter extends Adapter {
        override broadcast(packet: { data: unknown[] }, opts: BroadcastOptions): void {
          events.push(String(packet.data[0]));
          super.broadcast(packet as never, opts);
        }
      },
    );
    return server;
  }
}

/** An app's own gateway, beside the chat's socket. */
@WebSocketGateway({ path: '/events' })
class PingGateway {
  @SubscribeMessage('ping')
  ping(@MessageBody() data: string): WsResponse<string> {
    return { event: 'pong', data };
  }
}

describe('the chat socket is made by the app WebSocket adapter', () => {
  let server: TestApp | undefined;
  const { connect, closeAll } = clientTracker();

  afterEach(async () => {
    closeAll();
    await server?.close();
    server = undefined;
  });

  it("calls a custom IoAdapter's createIOServer with the chat's path and options, and a client chats through that server", async () => {
    let adapter!: RecordingIoAdapter;
    server = await startApp(
      { providers: [Probe, EchoBot] },
      { path: '/chat/socket.io' },
      { configure: (app) => app.useWebSocketAdapter((adapter = new RecordingIoAdapter(app))) },
    );
    expect(adapter.made).toHaveLength(1);
    expect(adapter.made[0].port).toBe(0);
    expect(adapter.made[0].options).toMatchObject({
      path: '/chat/socket.io',
      maxHttpBufferSize: 1_048_576,
    });
    expect(typeof adapter.made[0].options?.allowRequest).toBe('function');

    const client = await connect(server.url, { path: '/chat/socket.io' });
    await client.next('task_end', 2); // the chat start
    const events = await client.ask('string through the adapter');
    expect(events.map((e) => e.name)).toEqual(['task_start', 'new_message', 'task_end']);
    expect(events[1].data.output).toBe('You said: through the adapter');
  });

  it('keeps the socket.io adapter that the app adapter gives the server: the chat events go through it', async () => {
    let adapter!: CountingIoAdapter;
    server = await startApp(
      { providers: [Probe, EchoBot] },
      {},
      { configure: (app) => app.useWebSocketAdapter((adapter = new CountingIoAdapter(app))) },
    );
    const client = await connect(server.url);
    await client.next('task_end', 2);
    await client.ask('string counted');
    expect(adapter.broadcast).toEqual(
      expect.arrayContaining(['task_start', 'new_message', 'task_end']),
    );
  });

  it('serves the chat socket beside a gateway of the app, on the adapter Nest sets up for it', async () => {
    server = await startApp({ providers: [Probe, EchoBot, PingGateway] });
    const chat = await connect(server.url);
    await chat.next('task_end', 2);
    const events = await chat.ask('string beside a gateway');
    expect(events[1].data.output).toBe('You said: beside a gateway');

    const socket = io(server.url, {
      path: '/events',
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      const pong = new Promise((resolve) => socket.once('pong', resolve));
      socket.emit('ping', 'hello');
      expect(await pong).toBe('hello');
    } finally {
      socket.close();
    }
  });

  it('refuses to start with an adapter that does not make a socket.io server, naming it', async () => {
    class PlainAdapter extends IoAdapter {
      override create(): Server {
        return new EventEmitter() as unknown as Server;
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [ChatModule.forRoot()],
      providers: [Probe, EchoBot],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useWebSocketAdapter(new PlainAdapter(app));
    try {
      await expect(app.init()).rejects.toThrow(
        `ChatModule: the app's WebSocket adapter (PlainAdapter) made a server of class "EventEmitter", ` +
          `not a socket.io Server: the chat socket speaks socket.io; use IoAdapter from ` +
          `@nestjs/platform-socket.io, or a subclass of it`,
      );
    } finally {
      await app.close();
    }
  });
});
