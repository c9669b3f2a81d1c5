import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Injectable } from '@nestjs/common';
import {
  ChatSession,
  OnAction,
  OnMessage,
  type ChatModuleOptions,
  type UserMessage,
} from 'nest-chat';
import { fileURLToPath } from 'node:url';
import { ChatClient, clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';

const SECRET = 'a-secret-of-at-least-32-characters!!';
const HERE = fileURLToPath(import.meta.url);

@Injectable()
class SurfaceBot {
  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<void> {
    if (message.content === 'file') {
      await session.send('here', {
        elements: [{ type: 'file', name: 'spec.ts', path: HERE }],
        actions: [{ name: 'go', label: 'Go' }],
      });
    }
  }

  @OnAction('go')
  go(): string {
    return 'went';
  }
}

/** A GET with the path sent as is (fetch would resolve its dot segments). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A session that shows a file element (from a path) and an action. */
async function withFile(client: ChatClient) {
  const events = await client.ask('file');
  const element = events.find((e) => e.name === 'element')!.data;
  const action = events.find((e) => e.name === 'action')!.data;
  return { element, action };
}

describe.each(HTTP_PLATFORMS)('the attack surface, on %s', (platform) => {
  let server: TestApp;
  const { connect, closeAll } = clientTracker();
  const start = async (options: ChatModuleOptions = {}) => {
    server = await startApp({ providers: [SurfaceBot] }, options, { platform });
  };

  afterEach(async () => {
    closeAll();
    await server?.close();
  });

  it('serves files by UUID only: dot segments and encoded traversals are refused, an element path stays on the server', async () => {
    await start();
    const client = await connect(server.url);
    const { element } = await withFile(client);
    expect(element).not.toHaveProperty('path');
    expect(JSON.stringify(client.events)).not.toContain(HERE);
    const ok = await fetch(
      `${server.url}/project/file/${element.chainlitKey}?session_id=${client.sessionId}`,
      { headers: client.headers },
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('the attack surface');

    const session = `?session_id=${client.sessionId}`;
    for (const id of [
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5C..%5Cwindows%5Cwin.ini',
      '%252e%252e%252fetc',
      `${element.chainlitKey}%00.png`,
    ]) {
      const res = await rawGet(server.url, `/project/file/${id}${session}`);
      expect([res.status, JSON.parse(res.body)]).toEqual([
        400,
        { detail: 'Validation failed (uuid is expected)' },
      ]);
    }
    for (const path of ['/project/file/../../../etc/passwd', '/project/file/./../package.json']) {
      const res = await rawGet(server.url, path + session);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('"name"');
    }
  });

  it('answers a session or file of another user exactly as one that does not exist', async () => {
    await start({
      auth: { secret: SECRET, password: (username) => ({ identifier: username }) },
    });
    const login = async (username: string) => {
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'x' }),
      });
      return res.headers.get('set-cookie')!.split(';')[0];
    };
    const [alice, mallory] = [await login('alice'), await login('mallory')];
    const client = await connect(server.url, { extraHeaders: { cookie: alice } });
    const { element, action } = await withFile(client);

    const answers = async (cookie: string, sessionId: string, fileId: string, actionId: string) => {
      const headers = { cookie, 'content-type': 'application/json' };
      const form = new FormData();
      form.append('file', new Blob(['x']), 'x.txt');
      const responses = await Promise.all([
        fetch(`${server.url}/project/file/${fileId}?session_id=${sessionId}`, { headers }),
        fetch(`${server.url}/project/action`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ sessionId, action: { id: actionId, name: 'go' } }),
        }),
        fetch(`${server.url}/project/file?session_id=${sessionId}`, {
          method: 'POST',
          headers: { cookie },
          body: form,
        }),
      ]);
      return Promise.all(
        responses.map(async (res) => [
          res.status,
          res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
        ]),
      );
    };
    const theirs = await answers(mallory, client.sessionId, element.chainlitKey, action.id);
    const none = await answers(mallory, randomUUID(), randomUUID(), randomUUID());
    expect(theirs).toEqual(none);
    expect(theirs).toEqual([
      [404, { detail: 'File not found' }],
      [404, { detail: 'Session not found' }],
      [404, { detail: 'Session not found' }],
    ]);
    // The owner gets them.
    const own = await answers(alice, client.sessionId, element.chainlitKey, action.id);
    expect(own.map(([status]) => status)).toEqual([200, 200, 200]);
    // A socket of another user with this session id is refused, learning nothing of it.
    await expect(
      ChatClient.connect(server.url, {
        sessionId: client.sessionId,
        extraHeaders: { cookie: mallory },
      }),
    ).rejects.toMatchObject({ message: 'connection refused: session not available' });
  });

  it('refuses cross-origin browser requests to the chat routes unless cors allows them, as the socket does', async () => {
    await start();
    const preflight = (origin: string) =>
      fetch(`${server.url}/project/action`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const foreign = await preflight('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.json()).toEqual({
      detail: "Cross-origin request refused (see the cors option, and the app's CORS without it)",
    });
    // A simple request (no preflight: a form upload) from another origin is refused too.
    const upload = await fetch(`${server.url}/project/file?session_id=${randomUUID()}`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new FormData(),
    });
    expect(upload.status).toBe(403);
    // The same origin, and clients that are not browser pages, pass.
    const host = new URL(server.url).host;
    const same = await fetch(`${server.url}/auth/config`, {
      headers: { origin: `http://${host}` },
    });
    expect(same.status).toBe(200);
    expect((await fetch(`${server.url}/auth/config`)).status).toBe(200);
    await server.close();

    await start({ cors: { origin: ['https://app.example'], credentials: true } });
    const allowed = await preflight('https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight('https://evil.example')).status).toBe(403);
    const config = await fetch(`${server.url}/auth/config`, {
      headers: { origin: 'https://app.example' },
    });
    expect(config.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('sets both cookies HttpOnly and SameSite=Lax, and Secure behind HTTPS', async () => {
    await start({ auth: { secret: SECRET, password: (username) => ({ identifier: username }) } });
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'x' }),
    });
    const affinity = await fetch(`${server.url}/set-session-cookie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: randomUUID() }),
    });
    for (const [name, res] of [
      ['access_token', login],
      ['nest-chat-session', affinity],
    ] as const) {
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie.startsWith(`${name}=`)).toBe(true);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
      expect(cookie).not.toMatch(/Secure/);
    }
    await server.close();

    await start({
      auth: { secret: SECRET, password: (username) => ({ identifier: username }) },
      trustProxy: 'loopback',
    });
    const https = { 'content-type': 'application/json', 'x-forwarded-proto': 'https' };
    const secureLogin = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: https,
      body: JSON.stringify({ username: 'alice', password: 'x' }),
    });
    const secureAffinity = await fetch(`${server.url}/set-session-cookie`, {
      method: 'POST',
      headers: https,
      body: JSON.stringify({ session_id: randomUUID() }),
    });
    expect(secureLogin.headers.get('set-cookie')).toMatch(/; Secure(;|$)/);
    expect(secureAffinity.headers.get('set-cookie')).toMatch(/; Secure(;|$)/);
  });
});
