import { randomUUID } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChatModule } from 'nest-chat';
import { EchoBot, Probe } from './fixtures/echo.bot.js';
import { CapturedLogs } from './utils/captured-logs.js';
import { clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, listenOnLoopback, startApp, type TestApp } from './utils/test-app.js';

/** An app whose own routes take paths the chat uses at the root. */
@Controller()
class AppController {
  @Get('user')
  me() {
    return { app: 'user' };
  }

  @Get()
  home() {
    return { app: 'home' };
  }
}

describe.each(HTTP_PLATFORMS)('the mount option: the chat under one prefix, on %s', (platform) => {
  let server: TestApp | undefined;
  const { connect, closeAll } = clientTracker();

  afterEach(async () => {
    closeAll();
    await server?.close();
    server = undefined;
  });

  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${server!.url}${path}`, init);
    return [res.status, await res.json()];
  };

  it('serves every chat route and the socket under the mount, beside app routes of the same names at the root', async () => {
    const logs = new CapturedLogs();
    server = await startApp(
      { providers: [Probe, EchoBot], controllers: [AppController] },
      { mount: '/chat', playground: true },
      { platform, configure: (app) => app.useLogger(logs) },
    );
    expect(await json('/user')).toEqual([200, { app: 'user' }]);
    expect(await json('/')).toEqual([200, { app: 'home' }]);
    expect(await json('/chat/user')).toEqual([200, null]);
    const [status, config] = await json('/chat/auth/config');
    expect(status).toBe(200);
    expect(config).toMatchObject({ requireLogin: false });
    expect((await json('/chat/project/settings'))[0]).toBe(200);
    expect((await json('/auth/config'))[0]).toBe(404);
    // The chat's middleware runs under the mount: an identity for the browser, CORS refusals.
    const identity = await fetch(`${server.url}/chat/auth/config`);
    expect(identity.headers.getSetCookie().some((c) => c.startsWith('chat_identity='))).toBe(true);
    await identity.body?.cancel();
    const foreign = await json('/chat/auth/config', {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign[0]).toBe(403);

    const page = await fetch(`${server.url}/chat/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/chat/ws/socket.io');
    const favicon = await fetch(`${server.url}/chat/favicon`);
    expect(favicon.status).toBe(200);
    await favicon.body?.cancel();
    const affinity = await json('/chat/set-session-cookie', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: randomUUID() }),
    });
    expect(affinity[0]).toBe(200);

    const chat = await connect(server.url, { path: '/chat/ws/socket.io' });
    await chat.next('task_end', 2);
    const events = await chat.ask('string under a mount');
    expect(events[1].data.output).toBe('You said: under a mount');
    // The HTTP routes of the session answer under the mount too.
    const action = await fetch(`${server.url}/chat/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...chat.headers },
      body: JSON.stringify({
        sessionId: chat.sessionId,
        action: { id: 'x', name: 'none', payload: {}, forId: 'y' },
      }),
    });
    expect(action.status).not.toBe(404);
    await action.body?.cancel();

    expect(logs.lines.filter((line) => line.level === 'warn')).toEqual([]);
    expect(logs.of('ChatGateway').map((line) => line.message)).toContain(
      'Chat socket served at /chat/ws/socket.io',
    );
  });

  it('puts the mount after the global prefix', async () => {
    server = await startApp(
      { providers: [Probe, EchoBot] },
      { mount: '/chat' },
      { platform, configure: (app) => app.setGlobalPrefix('api') },
    );
    expect((await json('/api/chat/auth/config'))[0]).toBe(200);
    const chat = await connect(server.url, { path: '/api/chat/ws/socket.io' });
    await chat.next('task_end', 2);
  });

  it('keeps each app to its own mount, from forRoot or forRootAsync, in one process', async () => {
    const other = await startApp({ providers: [Probe, EchoBot] }, { mount: '/a' }, { platform });
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ChatModule.forRootAsync({ useFactory: () => ({ mount: '/b' }) })],
        providers: [Probe, EchoBot],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      server = await listenOnLoopback(app);
      expect((await json('/b/auth/config'))[0]).toBe(200);
      expect((await json('/a/auth/config'))[0]).toBe(404);
      const a = await fetch(`${other.url}/a/auth/config`);
      const b = await fetch(`${other.url}/b/auth/config`);
      expect([a.status, b.status]).toEqual([200, 404]);
      await Promise.all([a.body?.cancel(), b.body?.cancel()]);
      const chat = await connect(server.url, { path: '/b/ws/socket.io' });
      await chat.next('task_end', 2);
    } finally {
      await other.close();
    }
  });

  it('reports, at bootstrap, each app route that collides with a chat route, naming both', async () => {
    const logs = new CapturedLogs();
    let created: TestApp['app'] | undefined;
    const started = startApp(
      { providers: [Probe, EchoBot], controllers: [AppController] },
      { playground: true },
      {
        platform,
        configure: (app) => {
          created = app;
          app.useLogger(logs);
        },
      },
    );
    if (platform === 'express') {
      server = await started;
    } else {
      // Fastify itself refuses a second route of the same method and path, when the app listens.
      await expect(started).rejects.toThrow("Method 'GET' already declared for route '/user'");
      await created?.close();
    }
    expect(logs.of('ChatRoutes')).toEqual([
      {
        level: 'warn',
        context: 'ChatRoutes',
        message:
          "GET /user (AppController.me) and the chat's GET /user (ChatAuthController.user) take " +
          "the same requests: set ChatModule's mount option (mount: '/chat') to serve the chat under a prefix",
      },
      {
        level: 'warn',
        context: 'ChatRoutes',
        message:
          "GET / (AppController.home) and the chat's GET / (the playground) take the same " +
          "requests: set ChatModule's mount option (mount: '/chat') to serve the chat under a prefix",
      },
    ]);
  });

  it('reports nothing when the chat is mounted away from the app routes', async () => {
    const logs = new CapturedLogs();
    server = await startApp(
      { providers: [Probe, EchoBot], controllers: [AppController] },
      { playground: true, mount: '/chat' },
      { platform, configure: (app) => app.useLogger(logs) },
    );
    expect(logs.of('ChatRoutes')).toEqual([]);
  });
});
