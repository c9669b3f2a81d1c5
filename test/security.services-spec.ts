import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { ChatModuleOptions } from 'nest-chat';
import { dropRedisKeys, REDIS_URL, servicesUp } from './fixtures/cluster-instances.js';
import { ChatClient } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { FeatureBot, FeatureProbe } from './fixtures/features.bot.js';

const up = await servicesUp({ Redis: REDIS_URL });
const suite = up ? describe : describe.skip;

const SECRET = 'hV7q2XkP9mWc4tRz8LbN3sJd6fGy1aQe5uTo0iYw';

suite('two instances on one Redis', () => {
  const prefix = `nest-chat-test-${randomUUID().slice(0, 8)}`;
  let apps: TestApp[] = [];

  const start = async (options: ChatModuleOptions) => {
    const redis = { url: REDIS_URL, keyPrefix: prefix };
    apps = [
      await startApp({ providers: [FeatureProbe, FeatureBot] }, { ...options, redis }),
      await startApp({ providers: [FeatureProbe, FeatureBot] }, { ...options, redis }),
    ];
    return apps.map((app) => app.url);
  };

  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  afterAll(async () => {
    await dropRedisKeys(prefix);
  });

  it('refuses on every instance a token revoked by a logout on one, until it expires', async () => {
    const [a, b] = await start({
      auth: { secret: SECRET, password: (username) => ({ identifier: username }) },
    });
    const res = await fetch(`${a}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'x' }),
    });
    const cookie = res.headers.getSetCookie()[0].split(';')[0];
    expect((await fetch(`${b}/user`, { headers: { cookie } })).status).toBe(200);
    await fetch(`${a}/logout`, { method: 'POST', headers: { cookie } });
    const refused = await fetch(`${b}/user`, { headers: { cookie } });
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { detail: 'Authentication failed: the token was revoked' },
    ]);
    await expect(ChatClient.connect(b, { extraHeaders: { cookie } })).rejects.toMatchObject({
      message: 'authentication failed',
    });
    // One key, that goes when the token would have expired (15 days).
    const { jti } = JSON.parse(Buffer.from(cookie.split('.')[1], 'base64url').toString());
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      const left = await redis.pTTL(`${prefix}:revoked:${jti}`);
      expect(left).toBeGreaterThan(1_296_000_000 - 60_000);
      expect(left).toBeLessThanOrEqual(1_296_000_000);
    } finally {
      await redis.close();
    }
  });

  it("knows a browser's identity on every instance when they share identitySecret", async () => {
    const [a, b] = await start({ identitySecret: SECRET });
    const client = await ChatClient.connect(a, { transports: ['websocket'] });
    try {
      const element = (await client.ask('elements')).find((e) => e.name === 'element')!.data;
      // Instance b takes a's cookie as its own: it gives no new one.
      const settings = await fetch(`${b}/project/settings`, { headers: client.headers });
      expect(settings.headers.getSetCookie()).toEqual([]);
      // The session lives on a; its file is its browser's only.
      const path = `/project/file/${element.chainlitKey}?session_id=${client.sessionId}`;
      expect((await fetch(`${a}${path}`, { headers: client.headers })).status).toBe(200);
      expect((await fetch(`${a}${path}`)).status).toBe(404);
    } finally {
      client.close();
    }
  });
});
