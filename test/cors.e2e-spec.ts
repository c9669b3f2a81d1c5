import { Controller, Get } from '@nestjs/common';
import type { ChatModuleOptions } from 'nest-chat';
import { EchoBot, Probe } from './fixtures/echo.bot.js';
import { ChatClient, clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, type HttpPlatform, startApp, type TestApp } from './utils/test-app.js';

const REFUSED = "Cross-origin request refused (see the cors option, and the app's CORS without it)";

/** A route of the app's own, beside the chat's. */
@Controller('app')
class AppController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

/** The app on `platform`, with its CORS enabled with `appCors`, and the chat with `options`. */
const startOn =
  (platform: HttpPlatform) =>
  (appCors: Parameters<TestApp['app']['enableCors']>[0], options?: ChatModuleOptions) =>
    startApp({ providers: [Probe, EchoBot], controllers: [AppController] }, options, {
      platform,
      configure: (app) => app.enableCors(appCors),
    });

describe.each(HTTP_PLATFORMS)(
  "the chat's CORS: the module option, else the app's, on %s",
  (platform) => {
    const start = startOn(platform);
    let server: TestApp | undefined;
    const { connect, closeAll } = clientTracker();

    afterEach(async () => {
      closeAll();
      await server?.close();
      server = undefined;
    });

    const preflight = (path: string, origin: string) =>
      fetch(`${server!.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });

    /** Whether a socket from a page of `origin` connects. */
    const socketFrom = (origin: string) =>
      ChatClient.connect(server!.url, { transports: ['websocket'], extraHeaders: { origin } }).then(
        (client) => (client.close(), 'connected'),
        (error: Error) => error.message,
      );

    /** What the socket answers a handshake from a page of `origin`: its status and body. */
    const handshakeFrom = async (origin: string) => {
      const res = await fetch(`${server!.url}/ws/socket.io/?EIO=4&transport=polling`, {
        headers: { origin },
      });
      return [res.status, await res.json()];
    };
    const SOCKET_REFUSED = [403, { code: 4, message: 'origin not allowed' }];

    it("follows the app's CORS on the chat's routes and socket without the cors option", async () => {
      server = await start({ origin: ['https://app.example'], credentials: true });

      const allowed = await preflight('/project/action', 'https://app.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      const config = await fetch(`${server.url}/auth/config`, {
        headers: { origin: 'https://app.example' },
      });
      expect(config.status).toBe(200);
      expect(config.headers.get('access-control-allow-origin')).toBe('https://app.example');
      await config.body?.cancel();

      const foreign = await preflight('/project/action', 'https://evil.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const refused = await fetch(`${server.url}/auth/config`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ detail: REFUSED });

      expect(await socketFrom('https://app.example')).toBe('connected');
      expect(await handshakeFrom('https://evil.example')).toEqual(SOCKET_REFUSED);
      const chat = await connect(server.url, {
        transports: ['polling'],
        extraHeaders: { origin: 'https://app.example' },
      });
      await chat.next('task_end', 2); // the chat start
      const events = await chat.ask('string across origins');
      expect(events[1].data.output).toBe('You said: across origins');
    });

    it('lets any origin in when the app enables CORS without options', async () => {
      server = await start(undefined);
      const config = await fetch(`${server.url}/auth/config`, {
        headers: { origin: 'https://anywhere.example' },
      });
      expect(config.status).toBe(200);
      expect(config.headers.get('access-control-allow-origin')).toBe('*');
      await config.body?.cancel();
      expect(await socketFrom('https://anywhere.example')).toBe('connected');
    });

    it("lets the module's cors option win over the app's on the chat, preflights included; the app's routes keep the app's", async () => {
      server = await start(
        { origin: ['https://app.example'] },
        { cors: { origin: ['https://chat.example'], credentials: true } },
      );

      const chat = await preflight('/project/action', 'https://chat.example');
      expect(chat.status).toBe(204);
      expect(chat.headers.get('access-control-allow-origin')).toBe('https://chat.example');
      expect(chat.headers.get('access-control-allow-credentials')).toBe('true');
      const app = await preflight('/project/action', 'https://app.example');
      expect(app.headers.get('access-control-allow-origin')).toBeNull();
      const refused = await fetch(`${server.url}/auth/config`, {
        headers: { origin: 'https://app.example' },
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ detail: REFUSED });
      expect(await socketFrom('https://chat.example')).toBe('connected');
      expect(await handshakeFrom('https://app.example')).toEqual(SOCKET_REFUSED);

      const own = await fetch(`${server.url}/app/ping`, {
        headers: { origin: 'https://app.example' },
      });
      expect(own.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(await own.json()).toEqual({ pong: true });
      const notOwn = await fetch(`${server.url}/app/ping`, {
        headers: { origin: 'https://chat.example' },
      });
      expect(notOwn.headers.get('access-control-allow-origin')).toBeNull();
      expect(await notOwn.json()).toEqual({ pong: true });
    });

    it('keeps the chat to its own origin with cors: false, whatever the app allows', async () => {
      server = await start({ origin: true }, { cors: false });
      const refused = await fetch(`${server.url}/auth/config`, {
        headers: { origin: 'https://app.example' },
      });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ detail: REFUSED });
      expect(await handshakeFrom('https://app.example')).toEqual(SOCKET_REFUSED);
      const host = new URL(server.url).host;
      expect(await socketFrom(`http://${host}`)).toBe('connected');
    });
  },
);
