import { type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { SignJWT } from 'jose';
import {
  type ChatModuleOptions,
  ChatSession,
  getChatSession,
  OnMessage,
  type UserMessage,
} from 'nest-chat';
import { ChatClient, clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { FeatureBot, FeatureProbe } from './fixtures/features.bot.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const USERS: Record<string, { password: string; role: string }> = {
  ada: { password: 'lovelace', role: 'admin' },
  bob: { password: 'builder', role: 'user' },
};

const AUTH: ChatModuleOptions['auth'] = {
  secret: SECRET,
  password: (username, password) =>
    USERS[username]?.password === password
      ? { identifier: username, metadata: { role: USERS[username].role } }
      : null,
  header: (headers) =>
    typeof headers['x-forwarded-user'] === 'string'
      ? { identifier: headers['x-forwarded-user'] }
      : null,
};

/** Lets admins through only. */
@Injectable()
class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return (
      context.getType<string>() === 'chat' &&
      getChatSession(context)?.user?.metadata?.role === 'admin'
    );
  }
}

/** A guarded handler: `admin ...` messages reach it only for admins. */
@Injectable()
class AdminBot {
  @OnMessage({ order: -1 })
  @UseGuards(AdminGuard)
  admin(message: UserMessage, session: ChatSession): string | undefined {
    return message.content.startsWith('admin')
      ? `admin ok for ${session.user?.identifier}`
      : undefined;
  }
}

async function login(url: string, username: string, password: string): Promise<string> {
  const form = new FormData();
  form.append('username', username);
  form.append('password', password);
  const res = await fetch(`${url}/login`, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^access_token=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1296000$/);
  return cookie.split(';')[0];
}

describe.each(HTTP_PLATFORMS)('auth, on %s', (platform) => {
  let server: TestApp;
  const clients = clientTracker();

  beforeEach(async () => {
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot, AdminGuard, AdminBot] },
      { auth: AUTH },
      { platform },
    );
  }, 60_000);

  afterEach(async () => {
    clients.closeAll();
    await server.close();
  });

  const connectAs = (cookie: string | undefined, sessionId?: string) =>
    clients.connect(server.url, {
      sessionId,
      extraHeaders: cookie ? { cookie } : {},
      transports: ['websocket'],
    });

  it('says login is required, logs in with a password, and knows the user', async () => {
    expect(await (await fetch(`${server.url}/auth/config`)).json()).toMatchObject({
      requireLogin: true,
      passwordAuth: true,
      headerAuth: true,
    });
    const anonymous = await fetch(`${server.url}/user`);
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      { detail: 'Authentication failed: not logged in' },
    ]);
    const wrong = new FormData();
    wrong.append('username', 'ada');
    wrong.append('password', 'nope');
    const refused = await fetch(`${server.url}/login`, { method: 'POST', body: wrong });
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { detail: 'Authentication failed: wrong username or password' },
    ]);
    const cookie = await login(server.url, 'ada', 'lovelace');
    const me = await fetch(`${server.url}/user`, { headers: { cookie } });
    expect(await me.json()).toEqual({
      identifier: 'ada',
      display_name: 'ada',
      metadata: { role: 'admin' },
    });
    const out = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie } });
    expect(out.headers.get('set-cookie')).toMatch(
      /^access_token=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/,
    );
  });

  it('exchanges a bearer JWT signed with the secret, and a header login, for the cookie', async () => {
    const token = await new SignJWT({ identifier: 'carol' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const jwt = await fetch(`${server.url}/auth/jwt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(jwt.status).toBe(200);
    const cookie = jwt.headers.get('set-cookie')!.split(';')[0];
    expect(await (await fetch(`${server.url}/user`, { headers: { cookie } })).json()).toMatchObject(
      { identifier: 'carol' },
    );
    const forged = await new SignJWT({ identifier: 'carol' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));
    const bad = await fetch(`${server.url}/auth/jwt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${forged}` },
    });
    expect([bad.status, await bad.json()]).toEqual([
      401,
      { detail: 'Authentication failed: the token is invalid' },
    ]);
    const header = await fetch(`${server.url}/auth/header`, {
      method: 'POST',
      headers: { 'x-forwarded-user': 'dave' },
    });
    expect(((await header.json()) as any).user).toEqual({
      identifier: 'dave',
      display_name: 'dave',
      metadata: {},
    });
    const none = await fetch(`${server.url}/auth/header`, { method: 'POST' });
    expect(none.status).toBe(401);
  });

  it('refuses an unauthenticated or forged socket with "authentication failed"', async () => {
    await expect(connectAs(undefined)).rejects.toThrow('authentication failed');
    await expect(connectAs('access_token=not-a-jwt')).rejects.toThrow('authentication failed');
    const client = await connectAs(await login(server.url, 'bob', 'builder'));
    expect(client.socket.connected).toBe(true);
  });

  it('gives one user nothing of another: sessions, files, actions', async () => {
    const ada = await login(server.url, 'ada', 'lovelace');
    const bob = await login(server.url, 'bob', 'builder');
    const adaClient = await connectAs(ada);
    await adaClient.next('task_end', 0);
    const elements = (await adaClient.ask('elements')).filter((e) => e.name === 'element');
    const buttons = (await adaClient.ask('buttons')).filter((e) => e.name === 'action');
    const key = elements[0].data.chainlitKey;
    const adaSession = adaClient.sessionId;

    // Ada reaches her own things.
    const own = await fetch(`${server.url}/project/file/${key}?session_id=${adaSession}`, {
      headers: { cookie: ada },
    });
    expect(own.status).toBe(200);

    // Bob, with Ada's ids: the socket, her file, her action, an upload to her session.
    await expect(connectAs(bob, adaSession)).rejects.toThrow(
      'connection refused: session not available',
    );
    for (const headers of [{ cookie: bob }, {} as Record<string, string>]) {
      const file = await fetch(`${server.url}/project/file/${key}?session_id=${adaSession}`, {
        headers,
      });
      expect(file.status).toBe(headers.cookie ? 404 : 401);
      const action = await fetch(`${server.url}/project/action`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: adaSession, action: buttons[0].data }),
      });
      expect(action.status).toBe(headers.cookie ? 404 : 401);
      const form = new FormData();
      form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
      const upload = await fetch(`${server.url}/project/file?session_id=${adaSession}`, {
        method: 'POST',
        headers,
        body: form,
      });
      expect(upload.status).toBe(headers.cookie ? 404 : 401);
    }
    expect(server.app.get(FeatureProbe).actions).toEqual([]);
  });

  it('runs Nest guards on chat handlers, with the session in the execution context', async () => {
    const adaClient = await connectAs(await login(server.url, 'ada', 'lovelace'));
    await adaClient.next('task_end', 0);
    const adaEvents = await adaClient.ask('admin please');
    expect(adaEvents.find((e) => e.name === 'new_message')?.data.output).toBe('admin ok for ada');

    const bobClient = await connectAs(await login(server.url, 'bob', 'builder'));
    await bobClient.next('task_end', 0);
    const bobEvents = await bobClient.ask('admin please');
    const outputs = bobEvents
      .filter((e) => e.name === 'new_message')
      .map((e) => [e.data.output, e.data.isError]);
    expect(outputs).toEqual([
      ['Forbidden resource', true],
      ['echo: admin please', undefined],
    ]);
  });
});

describe.each(HTTP_PLATFORMS)('without auth, on %s', (platform) => {
  it('has no login, no user, and sockets need no cookie', async () => {
    const server = await startApp({ providers: [FeatureProbe, FeatureBot] }, {}, { platform });
    try {
      expect(((await (await fetch(`${server.url}/auth/config`)).json()) as any).requireLogin).toBe(
        false,
      );
      expect(await (await fetch(`${server.url}/user`)).json()).toBeNull();
      const refused = await fetch(`${server.url}/login`, { method: 'POST' });
      expect([refused.status, await refused.json()]).toEqual([
        404,
        { detail: 'Password login is not configured' },
      ]);
      const client = await ChatClient.connect(server.url);
      expect(client.socket.connected).toBe(true);
      client.close();
    } finally {
      await server.close();
    }
  });
});

describe.each(HTTP_PLATFORMS)(
  'auth with stored history: two users, each reaching nothing of the other, on %s',
  (platform) => {
    let server: TestApp;
    const clients = clientTracker();

    beforeEach(async () => {
      server = await startApp(
        { providers: [FeatureProbe, FeatureBot] },
        { auth: AUTH, storage: { driver: 'pglite', dataDir: 'memory://' } },
        { platform },
      );
    }, 60_000); // the app opens its PGlite database

    afterEach(async () => {
      clients.closeAll();
      await server.close();
    });

    const call = async (cookie: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return [res.status, (await res.json()) as any] as const;
    };

    it("tries every thread route, feedback and the socket with the other user's ids", async () => {
      const ada = await login(server.url, 'ada', 'lovelace');
      const bob = await login(server.url, 'bob', 'builder');
      const adaClient = await clients.connect(server.url, {
        extraHeaders: { cookie: ada },
        transports: ['websocket'],
      });
      await adaClient.next('task_end', 0);
      const reply = (await adaClient.ask('hello')).find((e) => e.name === 'new_message')!.data;
      const threadId = (await adaClient.waitFor((e) => e.name === 'first_interaction')).data
        .thread_id;
      const [, feedback] = await call(ada, 'PUT', '/feedback', {
        feedback: { forId: reply.id, value: 1 },
      });
      expect(feedback).toEqual({ success: true, feedbackId: expect.any(String) });

      // Ada sees her thread; Bob sees none of it.
      expect(
        (await call(ada, 'POST', '/project/threads', { pagination: { first: 10 }, filter: {} }))[1]
          .data,
      ).toHaveLength(1);
      expect(
        await call(bob, 'POST', '/project/threads', { pagination: { first: 10 }, filter: {} }),
      ).toEqual([
        200,
        { data: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } },
      ]);
      const denied = [
        await call(bob, 'GET', `/project/thread/${threadId}`),
        await call(bob, 'PUT', '/project/thread', { threadId, name: 'mine now' }),
        await call(bob, 'DELETE', '/project/thread', { threadId }),
        await call(bob, 'PUT', '/feedback', { feedback: { forId: reply.id, value: 0 } }),
        await call(bob, 'DELETE', '/feedback', { feedbackId: feedback.feedbackId }),
      ];
      expect(denied.map(([status]) => status)).toEqual([404, 404, 404, 404, 404]);
      // Without a login: 401 everywhere.
      const anonymous = await fetch(`${server.url}/project/thread/${threadId}`);
      expect(anonymous.status).toBe(401);

      // Bob's socket asking for Ada's thread is refused it: a new thread of his own.
      const bobClient = await clients.connect(server.url, {
        threadId,
        extraHeaders: { cookie: bob },
        transports: ['websocket'],
      });
      expect((await bobClient.next('resume_thread_error', 0)).data).toBe('Thread not found.');
      expect(bobClient.names()).not.toContain('resume_thread');

      // Nothing of Ada's changed.
      const [status, thread] = await call(ada, 'GET', `/project/thread/${threadId}`);
      expect(status).toBe(200);
      expect(thread.name).toBe('hello');
      expect(thread.steps.find((s: any) => s.id === reply.id).feedback).toMatchObject({ value: 1 });

      // Ada reopens it from a new tab: her history comes back.
      const again = await clients.connect(server.url, {
        threadId,
        extraHeaders: { cookie: ada },
        transports: ['websocket'],
      });
      const resumed = await again.next('resume_thread', 0);
      expect(resumed.data.steps.map((s: any) => s.output)).toContain('echo: hello');
    }, 30_000);
  },
);
