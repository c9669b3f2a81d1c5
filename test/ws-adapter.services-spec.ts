import { randomUUID } from 'node:crypto';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { ChatSessions } from 'nest-chat';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { EchoBot, Probe } from './fixtures/echo.bot.js';
import { dropRedisKeys, REDIS_URL, servicesUp } from './fixtures/cluster-instances.js';
import { CapturedLogs } from './utils/captured-logs.js';
import { clientTracker } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

const up = await servicesUp({ Redis: REDIS_URL });
const suite = up ? describe : describe.skip;

/** Nest's documented Redis adapter (docs.nestjs.com/websockets/adapter). */
class RedisIoAdapter extends IoAdapter {
  constructor(
    app: ConstructorParameters<typeof IoAdapter>[0],
    private readonly adapterConstructor: ReturnType<typeof createAdapter>,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    server.adapter(this.adapterConstructor);
    return server;
  }
}

suite('an app Redis IoAdapter with the redis option', () => {
  const servers: TestApp[] = [];
  const redisClients: { close(): Promise<unknown> }[] = [];
  const { connect, closeAll } = clientTracker();
  const prefix = `nest-chat-ws-adapter-${randomUUID()}`;

  afterAll(async () => {
    closeAll();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(redisClients.splice(0).map((client) => client.close()));
    await dropRedisKeys(prefix);
  });

  it("keeps the app's adapter, says so, and a session on one instance is reached from another through it", async () => {
    const logs = new CapturedLogs();
    for (let i = 0; i < 2; i++) {
      const pub = createClient({ url: REDIS_URL });
      const sub = pub.duplicate();
      redisClients.push(pub, sub);
      await Promise.all([pub.connect(), sub.connect()]);
      const adapter = createAdapter(pub, sub, { key: `${prefix}-io` });
      servers.push(
        await startApp(
          { providers: [Probe, EchoBot] },
          { redis: { url: REDIS_URL, keyPrefix: prefix } },
          {
            configure: (app) => {
              app.useLogger(logs);
              app.useWebSocketAdapter(new RedisIoAdapter(app, adapter));
            },
          },
        ),
      );
    }
    expect(logs.of('ChatCluster').filter((line) => line.level === 'warn')).toEqual(
      [1, 2].map(() => ({
        level: 'warn',
        context: 'ChatCluster',
        message:
          `The app's WebSocket adapter gave the chat socket its own socket.io adapter ` +
          `(RedisAdapter): it is kept, and the "redis" option's Redis Streams adapter is not ` +
          `used for the socket`,
      })),
    );

    const client = await connect(servers[0].url);
    await client.next('task_end', 2);
    const from = client.events.length;
    const sent = await servers[1].app.get(ChatSessions).sendTo(client.sessionId, 'from afar');
    expect(sent).toBe(true);
    const message = await client.waitFor((e) => e.name === 'new_message', undefined, from);
    expect(message.data.output).toBe('from afar');
  });
});
