import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ChatPersistence, type ChatModuleOptions } from 'nest-chat';
import { ChatClient, clientTracker, newIdentity } from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { FeatureBot, FeatureProbe } from './fixtures/features.bot.js';

const SECRET = 'hV7q2XkP9mWc4tRz8LbN3sJd6fGy1aQe5uTo0iYw';
const secretKey = new TextEncoder().encode(SECRET);
const USERS: Record<string, string> = { ada: 'lovelace', bob: 'builder' };
const AUTH = {
  secret: SECRET,
  password: (username: string, password: string) =>
    USERS[username] === password ? { identifier: username } : null,
};
const STORAGE = { driver: 'pglite', dataDir: 'memory://' } as const;

/** A request with the headers sent as they are (fetch sets its own Host). */
function raw(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** JSON to a route, as a browser with `cookie` (or none), answered `[status, body]`. */
async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<[number, any]> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return [res.status, text ? JSON.parse(text) : undefined];
}

/** The `name=value` of a response's `Set-Cookie` named `name`, and its attributes. */
function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

/** A JWT's claims. */
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res;
}

async function cookieOf(url: string, username: string): Promise<string> {
  const res = await login(url, username, USERS[username]);
  expect(res.status).toBe(200);
  return setCookie(res, 'access_token')!.split(';')[0];
}

describe.each(HTTP_PLATFORMS)(
  'private by default: with login off, each browser reaches only its own, on %s',
  (platform) => {
    let server: TestApp;
    const clients = clientTracker();

    afterEach(async () => {
      clients.closeAll();
      await server?.close();
    });

    it("shows a stranger none of another visitor's history: list, read, rename, delete, feedback, resume", async () => {
      server = await startApp(
        { providers: [FeatureProbe, FeatureBot] },
        { storage: STORAGE },
        { platform },
      );
      const victim = await clients.connect(server.url);
      const reply = (await victim.ask('my secret plan')).find(
        (e) => e.name === 'new_message',
      )!.data;
      const threadId: string = (await victim.next('first_interaction', 0)).data.thread_id;
      const mine = victim.cookie!;
      const [, feedback] = await call(
        server.url,
        'PUT',
        '/feedback',
        {
          feedback: { forId: reply.id, value: 1 },
        },
        mine,
      );
      expect(feedback).toEqual({ success: true, feedbackId: expect.any(String) });

      // A stranger: another browser (its own identity), and a client that keeps no cookie.
      const other = await newIdentity(server.url);
      for (const stranger of [other, undefined]) {
        expect(
          await call(
            server.url,
            'POST',
            '/project/threads',
            { pagination: { first: 10 } },
            stranger,
          ),
        ).toEqual([
          200,
          { data: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } },
        ]);
        const denied = [
          await call(server.url, 'GET', `/project/thread/${threadId}`, undefined, stranger),
          await call(server.url, 'PUT', '/project/thread', { threadId, name: 'mine' }, stranger),
          await call(server.url, 'DELETE', '/project/thread', { threadId }, stranger),
          await call(
            server.url,
            'PUT',
            '/feedback',
            {
              feedback: { forId: reply.id, value: 0 },
            },
            stranger,
          ),
          await call(
            server.url,
            'PUT',
            '/feedback',
            {
              feedback: { forId: reply.id, value: 0 },
              sessionId: victim.sessionId,
            },
            stranger,
          ),
          await call(
            server.url,
            'DELETE',
            '/feedback',
            { feedbackId: feedback.feedbackId },
            stranger,
          ),
        ];
        expect(denied).toEqual([
          [404, { detail: 'Thread not found' }],
          [404, { detail: 'Thread not found' }],
          [404, { detail: 'Thread not found' }],
          [404, { detail: `Message ${reply.id} not found` }],
          [404, { detail: `Message ${reply.id} not found` }],
          [404, { detail: `Feedback ${feedback.feedbackId} not found` }],
        ]);
        // Its socket asking for the thread gets a new one of its own, none of the history.
        const resumer = await clients.connect(server.url, {
          threadId,
          cookie: stranger ?? false,
        });
        expect((await resumer.next('resume_thread_error', 0)).data).toBe('Thread not found.');
        expect(resumer.names()).not.toContain('resume_thread');
      }

      // Nothing of the victim's changed, and the victim reopens it from a new tab.
      const [status, thread] = await call(
        server.url,
        'GET',
        `/project/thread/${threadId}`,
        undefined,
        mine,
      );
      expect([status, thread.name]).toEqual([200, 'my secret plan']);
      expect(thread.userIdentifier).toMatch(/^anonymous:[\w-]{22}$/);
      expect(thread.steps.find((s: any) => s.id === reply.id).feedback).toMatchObject({ value: 1 });
      const again = await clients.connect(server.url, { threadId, cookie: mine });
      const resumed = await again.next('resume_thread', 0);
      expect(resumed.data.steps.map((s: any) => s.output)).toEqual([
        'my secret plan',
        'echo: my secret plan',
      ]);
    }, 60_000); // the app opens its PGlite database

    it("refuses a stolen session id: the socket, the session's files, uploads and actions", async () => {
      server = await startApp({ providers: [FeatureProbe, FeatureBot] }, {}, { platform });
      const victim = await clients.connect(server.url);
      const element = (await victim.ask('elements')).find((e) => e.name === 'element')!.data;
      const button = (await victim.ask('buttons')).find((e) => e.name === 'action')!.data;
      const file = `/project/file/${element.chainlitKey}?session_id=${victim.sessionId}`;
      const attempts = async (cookie: string | undefined) => {
        const form = new FormData();
        form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
        const upload = await fetch(`${server.url}/project/file?session_id=${victim.sessionId}`, {
          method: 'POST',
          headers: cookie ? { cookie } : {},
          body: form,
        });
        return [
          await call(server.url, 'GET', file, undefined, cookie),
          [upload.status, await upload.json()],
          await call(
            server.url,
            'POST',
            '/project/action',
            {
              sessionId: victim.sessionId,
              action: button,
            },
            cookie,
          ),
        ];
      };
      const other = await newIdentity(server.url);
      for (const stranger of [other, undefined]) {
        await expect(
          ChatClient.connect(server.url, {
            sessionId: victim.sessionId,
            cookie: stranger ?? false,
          }),
        ).rejects.toMatchObject({ message: 'connection refused: session not available' });
        expect(await attempts(stranger)).toEqual([
          [404, { detail: 'File not found' }],
          [404, { detail: 'Session not found' }],
          [404, { detail: 'Session not found' }],
        ]);
      }
      expect(server.app.get(FeatureProbe).actions).toEqual([]);
      // Its own browser reaches all of it, and comes back to the session.
      const own = await fetch(`${server.url}${file}`, { headers: victim.headers });
      expect([own.status, await own.text()]).toEqual([200, 'plain notes']);
      const back = await clients.connect(server.url, { sessionId: victim.sessionId });
      expect((await back.ask('hello')).find((e) => e.name === 'new_message')?.data.output).toBe(
        'echo: hello',
      );
    });

    it('lets a client that keeps no cookie chat, as a new visitor each time', async () => {
      server = await startApp({ providers: [FeatureProbe, FeatureBot] }, {}, { platform });
      const plain = await clients.connect(server.url, { cookie: false, transports: ['websocket'] });
      expect((await plain.ask('hi')).find((e) => e.name === 'new_message')?.data.output).toBe(
        'echo: hi',
      );
      const polling = await clients.connect(server.url, { cookie: false, transports: ['polling'] });
      expect((await polling.ask('hey')).find((e) => e.name === 'new_message')?.data.output).toBe(
        'echo: hey',
      );
    });

    it('gives the identity on first contact: a signed cookie, HttpOnly, SameSite=Lax, Secure behind HTTPS', async () => {
      // Behind a proxy the trustProxy option believes: Secure when it forwards HTTPS.
      server = await startApp(
        { providers: [FeatureProbe, FeatureBot] },
        { trustProxy: 'loopback' },
        { platform },
      );
      const first = await fetch(`${server.url}/project/settings`);
      const cookie = setCookie(first, 'chat_identity')!;
      expect(cookie).toMatch(
        /^chat_identity=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=34560000$/,
      );
      const value = cookie.split(';')[0];
      // Kept: not given again. Tampered with: a new one.
      expect(
        setCookie(
          await fetch(`${server.url}/user`, { headers: { cookie: value } }),
          'chat_identity',
        ),
      ).toBeUndefined();
      const forged = value.replace(/=(.)/, (_, c: string) => `=${c === 'A' ? 'B' : 'A'}`);
      expect(
        setCookie(
          await fetch(`${server.url}/user`, { headers: { cookie: forged } }),
          'chat_identity',
        ),
      ).toMatch(/^chat_identity=/);
      // The socket's handshake gives one too (the first request of its connection).
      const handshake = await raw(server.url, '/ws/socket.io/?EIO=4&transport=polling', {});
      expect(String(handshake.headers['set-cookie'])).toMatch(/^chat_identity=[\w-]{22}\./);
      // The session-affinity route keeps it next to its own cookie.
      const affinity = await fetch(`${server.url}/set-session-cookie`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session_id: randomUUID() }),
      });
      expect(affinity.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual([
        'chat_identity',
        'nest-chat-session',
      ]);
      const https = await fetch(`${server.url}/auth/config`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(setCookie(https, 'chat_identity')).toMatch(/; Secure$/);
    });

    it('gives no identity cookie with login on: the user is the identity', async () => {
      server = await startApp(
        { providers: [FeatureProbe, FeatureBot] },
        { auth: AUTH },
        { platform },
      );
      const res = await fetch(`${server.url}/auth/config`);
      expect(res.headers.getSetCookie()).toEqual([]);
    });
  },
);

describe.each(HTTP_PLATFORMS)('auth hardening, on %s', (platform) => {
  let server: TestApp;
  const clients = clientTracker();
  const start = async (options: ChatModuleOptions = {}) => {
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot] },
      { auth: AUTH, ...options },
      { platform },
    );
  };

  afterEach(async () => {
    clients.closeAll();
    await server?.close();
  });

  it('refuses a stolen session id with login on: another user, or no login', async () => {
    await start();
    const ada = await cookieOf(server.url, 'ada');
    const bob = await cookieOf(server.url, 'bob');
    const adaClient = await clients.connect(server.url, { extraHeaders: { cookie: ada } });
    await expect(
      ChatClient.connect(server.url, {
        sessionId: adaClient.sessionId,
        extraHeaders: { cookie: bob },
      }),
    ).rejects.toMatchObject({ message: 'connection refused: session not available' });
    await expect(
      ChatClient.connect(server.url, { sessionId: adaClient.sessionId }),
    ).rejects.toMatchObject({ message: 'authentication failed' });
  });

  it('answers 429 with the seconds to wait past 5 failed logins for a username, even for the right password', async () => {
    await start();
    for (let i = 0; i < 5; i++)
      expect((await login(server.url, 'ada', `wrong ${i}`)).status).toBe(401);
    const refused = await login(server.url, 'ada', 'lovelace');
    const wait = Number(refused.headers.get('retry-after'));
    expect(refused.status).toBe(429);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(900);
    expect(await refused.json()).toEqual({
      detail: `Too many failed logins for this username; try again in ${wait} s`,
    });
    // Usernames are counted apart (case aside): Bob still logs in.
    expect((await login(server.url, 'ADA', 'lovelace')).status).toBe(429);
    expect((await login(server.url, 'bob', 'builder')).status).toBe(200);
  });

  it('counts logins begun together: of 30 at once, 5 fail and the rest wait', async () => {
    await start();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(server.url, 'ada', `wrong ${i}`).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });

  it('limits failures per address too, and a success clears its username only', async () => {
    await start({ auth: { ...AUTH, loginAttempts: { perUsername: 3, perAddress: 5 } } });
    expect((await login(server.url, 'ada', 'x')).status).toBe(401);
    expect((await login(server.url, 'ada', 'y')).status).toBe(401);
    expect((await login(server.url, 'ada', 'lovelace')).status).toBe(200);
    // Ada's failures are cleared: three more before her limit.
    for (const password of ['a', 'b', 'c']) {
      expect((await login(server.url, 'ada', password)).status).toBe(401);
    }
    expect((await login(server.url, 'ada', 'lovelace')).status).toBe(429);
    // The address has 5 failures (2 + 3): every username waits now.
    const refused = await login(server.url, 'bob', 'builder');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).detail).toMatch(
      /^Too many failed logins for this address; try again in \d+ s$/,
    );
  });

  it.each([
    ['in memory', {}],
    ['in the chat store', { storage: STORAGE }],
  ])(
    'revokes the token at logout (%s): refused on every route and socket until it expires',
    async (_where, options) => {
      await start(options as ChatModuleOptions);
      const cookie = await cookieOf(server.url, 'ada');
      const token = cookie.slice('access_token='.length);
      const before = await clients.connect(server.url, { extraHeaders: { cookie } });
      expect(before.socket.connected).toBe(true);
      const out = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(200);
      const revoked = [401, { detail: 'Authentication failed: the token was revoked' }];
      expect(await call(server.url, 'GET', '/user', undefined, cookie)).toEqual(revoked);
      const bearer = await fetch(`${server.url}/user`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([bearer.status, await bearer.json()]).toEqual(revoked);
      const renewed = await fetch(`${server.url}/auth/jwt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect([renewed.status, await renewed.json()]).toEqual(revoked);
      await expect(
        ChatClient.connect(server.url, { extraHeaders: { cookie } }),
      ).rejects.toMatchObject({ message: 'authentication failed' });
      // Another login of the same user is not touched.
      const fresh = await cookieOf(server.url, 'ada');
      expect((await call(server.url, 'GET', '/user', undefined, fresh))[0]).toBe(200);
      if ('storage' in options) {
        const store = server.app.get(ChatPersistence).store;
        const { jti } = claims(token);
        expect(await store.isTokenRevoked!(jti)).toBe(true);
      }
    },
    60_000, // the app opens its PGlite database
  );

  it('exchanges a bearer JWT for no longer than it has left, so an exchange never extends a login', async () => {
    await start();
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await new SignJWT({ identifier: 'carol' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(exp)
      .sign(secretKey);
    const exchange = (bearer: string) =>
      fetch(`${server.url}/auth/jwt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}` },
      });
    const first = await exchange(token);
    expect(first.status).toBe(200);
    const cookie = setCookie(first, 'access_token')!;
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeLessThanOrEqual(60);
    const issued = cookie.split(';')[0].slice('access_token='.length);
    expect(claims(issued).exp).toBe(exp);
    // The cookie's token exchanged again: the same end, not a new lifetime.
    const again = setCookie(await exchange(issued), 'access_token')!.split(';')[0];
    expect(claims(again.slice('access_token='.length)).exp).toBe(exp);
    // And a login's own token, exchanged, keeps its end too.
    const own = (await cookieOf(server.url, 'ada')).slice('access_token='.length);
    const renewed = setCookie(await exchange(own), 'access_token')!.split(';')[0];
    expect(claims(renewed.slice('access_token='.length)).exp).toBe(claims(own).exp);
  });

  it('refuses a token without an expiry everywhere', async () => {
    await start();
    const token = await new SignJWT({ identifier: 'carol' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secretKey);
    const noExp = [401, { detail: 'Authentication failed: the token has no expiry ("exp")' }];
    const jwt = await fetch(`${server.url}/auth/jwt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([jwt.status, await jwt.json()]).toEqual(noExp);
    expect(await call(server.url, 'GET', '/user', undefined, `access_token=${token}`)).toEqual(
      noExp,
    );
    await expect(
      ChatClient.connect(server.url, { extraHeaders: { authorization: `Bearer ${token}` } }),
    ).rejects.toMatchObject({ message: 'authentication failed' });
  });

  it('refuses a user identifier in the namespace of anonymous visitors', async () => {
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot] },
      { auth: { secret: SECRET, password: () => ({ identifier: 'anonymous:someone' }) } },
      { platform },
    );
    const res = await login(server.url, 'x', 'y');
    expect([res.status, await res.json()]).toEqual([
      401,
      {
        detail:
          'Authentication failed: the password callback gives a user identifier starting with "anonymous:", which is kept for anonymous visitors',
      },
    ]);
  });

  it.each([
    [
      'auth.secret',
      { auth: { ...AUTH, secret: 'a'.repeat(32) } },
      'looks guessable: its characters carry about 0 bits (at least 80 needed)',
    ],
    [
      'auth.secret',
      { auth: { ...AUTH, secret: 'password'.repeat(4) } },
      'looks guessable: it repeats a pattern',
    ],
    [
      'auth.secret',
      { auth: { ...AUTH, secret: 'abcdefghijklmnopqrstuvwxyz012345' } },
      'looks guessable: it runs through consecutive characters',
    ],
    [
      'auth.secret',
      { auth: { ...AUTH, secret: 'too short' } },
      'is 9 characters long; it needs at least 32',
    ],
    [
      'identitySecret',
      { identitySecret: '0'.repeat(40) },
      'looks guessable: its characters carry about 0 bits (at least 80 needed)',
    ],
  ])(
    'refuses a guessable %s at startup, saying how to make one',
    async (option, options, reason) => {
      await expect(startApp({}, options as ChatModuleOptions, { platform })).rejects.toThrow(
        `ChatModule: option "${option}" ${reason}; make one with \`openssl rand -base64 32\` or \`node -e "console.log(crypto.randomBytes(32).toString('base64url'))"\``,
      );
    },
  );
});

const refusal = (host: string) => ({
  detail: `Host "${host}" is not allowed: add its name to the allowedHosts option`,
});

describe.each(HTTP_PLATFORMS)('allowedHosts: DNS rebinding, on %s', (platform) => {
  let server: TestApp;

  afterEach(async () => {
    await server?.close();
  });

  const handshake = '/ws/socket.io/?EIO=4&transport=polling';

  it('refuses a request for another host, on the routes and the socket, even from a page of that host', async () => {
    server = await startApp({ providers: [FeatureProbe, FeatureBot] }, {}, { platform });
    // A page of evil.example, rebound to this server: its Origin matches its Host.
    const rebound = { host: 'evil.example:8080', origin: 'http://evil.example:8080' };
    for (const path of ['/auth/config', '/project/settings', '/user']) {
      const res = await raw(server.url, path, rebound);
      expect([res.status, JSON.parse(res.body)]).toEqual([403, refusal('evil.example:8080')]);
    }
    const socket = await raw(server.url, handshake, rebound);
    expect([socket.status, JSON.parse(socket.body)]).toEqual([
      403,
      { code: 4, message: refusal('evil.example:8080').detail },
    ]);
    // Loopback names and IP addresses pass: a rebound name never becomes one.
    for (const host of [
      'localhost:3000',
      'app.localhost',
      '127.0.0.1:3000',
      '[::1]:3000',
      '10.0.0.5',
    ]) {
      expect((await raw(server.url, '/auth/config', { host })).status).toBe(200);
      expect((await raw(server.url, handshake, { host })).status).toBe(200);
    }
  });

  it('answers the hosts listed, subdomains with a leading dot, and any with true', async () => {
    server = await startApp(
      {},
      { allowedHosts: ['chat.example.com', '.corp.example'] },
      { platform },
    );
    for (const host of [
      'chat.example.com',
      'CHAT.example.com:443',
      'a.corp.example',
      'corp.example',
    ]) {
      expect((await raw(server.url, '/auth/config', { host })).status).toBe(200);
    }
    for (const host of ['example.com', 'chat.example.com.evil.example', 'xcorp.example']) {
      expect((await raw(server.url, '/auth/config', { host })).status).toBe(403);
    }
    await server.close();
    server = await startApp({}, { allowedHosts: true }, { platform });
    expect((await raw(server.url, '/auth/config', { host: 'evil.example' })).status).toBe(200);
  });

  it('refuses a bad allowedHosts entry at startup, naming it', async () => {
    await expect(
      startApp({}, { allowedHosts: ['chat.example.com:443'] }, { platform }),
    ).rejects.toThrow(
      'ChatModule: option "allowedHosts[0]" must be a host name without a port ("chat.example.com", or ".example.com" for its subdomains), got "chat.example.com:443"',
    );
  });
});

describe.each(HTTP_PLATFORMS)('the playground page, on %s', (platform) => {
  it('may be framed by its own origin only, and runs no inline script', async () => {
    const server = await startApp({}, { playground: true }, { platform });
    try {
      const page = await fetch(`${server.url}/`);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp.split('; ')).toEqual(
        expect.arrayContaining(["frame-ancestors 'self'", "script-src 'self'"]),
      );
      expect(csp).not.toContain('unsafe-inline');
      const html = await page.text();
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attributes, body] of scripts) {
        // Either a script from a file, or a data block the browser does not run.
        if (body.trim() !== '') expect(attributes).toContain('type="application/json"');
        else expect(attributes).toMatch(/ src="/);
      }
      expect(scripts.some(([, attributes]) => attributes.includes('src="./playground.js"'))).toBe(
        true,
      );
    } finally {
      await server.close();
    }
  });

  it('redirects its path to the page, serves HEAD, and answers a revalidation of an unchanged asset 304', async () => {
    const server = await startApp({}, { playground: { path: '/play' } }, { platform });
    try {
      const bare = await raw(server.url, '/play?x=1', {});
      expect([bare.status, bare.headers.location]).toEqual([302, './play/?x=1']);
      const head = await fetch(`${server.url}/play/`, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
        200,
        'text/html; charset=utf-8',
        '',
      ]);
      const asset = await raw(server.url, '/play/playground.css', {});
      expect(asset.status).toBe(200);
      expect(asset.headers).toMatchObject({
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      const etag = String(asset.headers.etag);
      const again = await raw(server.url, '/play/playground.css', { 'if-none-match': etag });
      expect([again.status, again.body]).toEqual([304, '']);
      const reload = { 'if-none-match': etag, 'cache-control': 'no-cache' };
      expect((await raw(server.url, '/play/playground.css', reload)).status).toBe(200);
      const changed = await raw(server.url, '/play/playground.css', { 'if-none-match': '"x"' });
      expect([changed.status, changed.body]).toEqual([200, asset.body]);
    } finally {
      await server.close();
    }
  });
});
