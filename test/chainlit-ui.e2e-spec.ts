import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChatPersistence,
  createPGliteClient,
  SqlChatStore,
  ThreadWriteQueue,
  type ChatStore,
} from '../libs/chat/src/persistence/index.js';
import { Injectable } from '@nestjs/common';
import { type ChatSession, OnSettingsEdit } from 'nest-chat';
import {
  clientTracker,
  waitUntil,
  type ChatClient,
  type ReceivedEvent,
} from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { EchoBot, Probe } from './fixtures/echo.bot.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A folder for the app's own files, removed after the tests. */
const root = mkdtempSync(join(tmpdir(), 'nest-chat-ui-'));
const translations = join(root, 'translations');
const avatars = join(root, 'avatars');
mkdirSync(translations);
mkdirSync(avatars);
writeFileSync(join(translations, 'fr.json'), JSON.stringify({ chat: { watermark: 'Fait avec' } }));
writeFileSync(join(translations, 'zz.json'), '{ not json');
writeFileSync(join(root, 'icon.png'), PNG);
writeFileSync(join(root, 'logo-dark.png'), PNG);
writeFileSync(join(avatars, 'my_tool.png'), PNG);
writeFileSync(join(avatars, 'ada.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(root, 'secret.png'), 'not for the avatars route');

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function get(url: string) {
  const res = await fetch(url);
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, type, body: body as any };
}

describe.each(HTTP_PLATFORMS)(
  'the routes the Chainlit UI loads with its page, on %s',
  (platform) => {
    describe('with the defaults', () => {
      let server: TestApp;

      beforeAll(async () => {
        server = await startApp({ providers: [Probe, EchoBot] }, {}, { platform });
      }, 60_000);

      afterAll(() => server.close());

      it('GET /project/translations gives the built-in English for en-US, another language, or none', async () => {
        for (const query of ['?language=en-US', '?language=de-DE', '?language=fr', '']) {
          const { status, body } = await get(`${server.url}/project/translations${query}`);
          expect(status).toBe(200);
          expect(Object.keys(body)).toEqual(['translation']);
          expect(body.translation.chat.input.placeholder).toBe('Type your message here...');
          expect(body.translation.navigation.newChat.button).toBe('New chat');
        }
      });

      it('GET /project/translations refuses what is not a language tag (400 { detail })', async () => {
        for (const language of ['../../etc/passwd', 'english', 'e', 'en-US;']) {
          const { status, body } = await get(
            `${server.url}/project/translations?language=${encodeURIComponent(language)}`,
          );
          expect(status).toBe(400);
          expect(body.detail).toContain('language');
        }
      });

      it('GET /favicon, /logo?theme= and /avatars/{name} give the built-in SVG icons', async () => {
        for (const path of [
          '/favicon',
          '/logo',
          '/logo?theme=light',
          '/logo?theme=dark',
          '/avatars/default',
          '/avatars/Assistant',
        ]) {
          const { status, type, body } = await get(`${server.url}${path}`);
          expect({ path, status, type }).toEqual({ path, status: 200, type: 'image/svg+xml' });
          expect(body.toString()).toMatch(/^<svg /);
        }
        const light = (await get(`${server.url}/logo?theme=light`)).body.toString();
        const dark = (await get(`${server.url}/logo?theme=dark`)).body.toString();
        expect(light).not.toBe(dark);
      });

      it('GET /logo refuses another theme', async () => {
        const { status, body } = await get(`${server.url}/logo?theme=blue`);
        expect(status).toBe(400);
        expect(body.detail).toContain('theme');
      });

      it('GET /project/settings gives ui.cot "full" with the ui name', async () => {
        const { status, body } = await get(`${server.url}/project/settings`);
        expect(status).toBe(200);
        expect(body.ui).toEqual({ name: 'Assistant', cot: 'full' });
      });
    });

    describe("with the app's own translations, icons and avatars", () => {
      let server: TestApp;

      beforeAll(async () => {
        server = await startApp(
          { providers: [Probe, EchoBot] },
          {
            assistantName: 'Ada',
            ui: { cot: 'tool_call' },
            translations: {
              dir: translations,
              languages: { 'pt-BR': { chat: { watermark: 'Feito com' } } },
            },
            favicon: join(root, 'icon.png'),
            logo: { dark: join(root, 'logo-dark.png') },
            avatarsDir: avatars,
          },
          { platform },
        );
      }, 60_000);

      afterAll(() => server.close());

      const translation = async (language: string) =>
        (await get(`${server.url}/project/translations?language=${language}`)).body.translation;

      it('gives a language its translation, from the option or the folder', async () => {
        expect(await translation('pt-BR')).toEqual({ chat: { watermark: 'Feito com' } });
        expect(await translation('fr')).toEqual({ chat: { watermark: 'Fait avec' } });
      });

      it('falls back to the base language, then to English', async () => {
        expect(await translation('fr-CA')).toEqual({ chat: { watermark: 'Fait avec' } });
        expect((await translation('pt-PT')).chat.watermark).toBe('Built with');
        expect((await translation('ja')).chat.watermark).toBe('Built with');
      });

      it('falls back to English past a file that is not JSON', async () => {
        expect((await translation('zz')).chat.watermark).toBe('Built with');
      });

      it("serves the app's favicon and dark logo, the built-in light logo", async () => {
        const favicon = await get(`${server.url}/favicon`);
        expect([favicon.status, favicon.type]).toEqual([200, 'image/png']);
        expect(favicon.body).toEqual(PNG);
        const dark = await get(`${server.url}/logo?theme=dark`);
        expect([dark.status, dark.type]).toEqual([200, 'image/png']);
        const light = await get(`${server.url}/logo?theme=light`);
        expect([light.status, light.type]).toEqual([200, 'image/svg+xml']);
      });

      it("serves an author's avatar by name (lowercased, spaces as _), default as the assistant's", async () => {
        for (const name of ['my_tool', 'My Tool', 'MY_TOOL']) {
          const avatar = await get(`${server.url}/avatars/${encodeURIComponent(name)}`);
          expect([name, avatar.status, avatar.type]).toEqual([name, 200, 'image/png']);
          expect(avatar.body).toEqual(PNG);
        }
        for (const name of ['default', 'Ada']) {
          const avatar = await get(`${server.url}/avatars/${name}`);
          expect([name, avatar.status, avatar.type]).toEqual([name, 200, 'image/svg+xml']);
        }
      });

      it('serves the favicon for an author without an avatar', async () => {
        const avatar = await get(`${server.url}/avatars/nobody`);
        expect([avatar.status, avatar.type]).toEqual([200, 'image/png']);
        expect(avatar.body).toEqual(PNG);
      });

      it('refuses an avatar name that could leave the folder (400)', async () => {
        for (const name of ['../secret', '..%2Fsecret', 'a.b', 'ada.svg', '%00']) {
          const res = await fetch(
            `${server.url}/avatars/${name === '..%2Fsecret' ? name : encodeURIComponent(name)}`,
          );
          const body = (await res.json()) as { detail: string };
          expect([name, res.status]).toEqual([name, 400]);
          expect(body.detail).toContain('Invalid avatar name');
        }
        // Over 100 characters. Fastify's router refuses a path parameter past its maxParamLength
        // (100 by default) itself, in its own shape, before any of the app runs.
        const long = await fetch(`${server.url}/avatars/${'x'.repeat(101)}`);
        expect([long.status, await long.json()]).toEqual(
          platform === 'fastify'
            ? [414, expect.objectContaining({ code: 'FST_ERR_MAX_PARAM_LENGTH' })]
            : [400, { detail: expect.stringContaining('Invalid avatar name') }],
        );
      });

      it('gives the ui.cot of the option in /project/settings', async () => {
        const { body } = await get(`${server.url}/project/settings`);
        expect(body.ui).toEqual({ name: 'Ada', cot: 'tool_call' });
      });
    });
  },
);

/** The message the Chainlit UI sends back with `message_favorite`: the step it shows, starred. */
const starred = (step: any, favorite: boolean) => ({
  message: { ...step, metadata: { ...step.metadata, favorite } },
});

/** Emits `event` and resolves with the events up to the `set_favorites` that answers it. */
async function favorites(client: ChatClient, event: string, payload?: unknown) {
  const from = client.events.length;
  if (payload === undefined) client.socket.emit(event);
  else client.socket.emit(event, payload);
  const answer = await client.next('set_favorites', from);
  return { answer, events: client.events.slice(from) as ReceivedEvent[] };
}

const exceptions = (client: ChatClient) =>
  client.events.filter((e) => e.name === 'exception').map((e) => e.data.message as string);

/** Records what reaches `@OnSettingsEdit`, with the session's settings then. */
@Injectable()
class SettingsEditProbe {
  readonly edits: { edited: Record<string, unknown>; settings: unknown }[] = [];

  @OnSettingsEdit()
  edited(edited: Record<string, unknown>, session: ChatSession): void {
    this.edits.push({ edited, settings: { ...session.chatSettings } });
  }
}

describe('the socket events of the Chainlit UI', () => {
  const clients = clientTracker();

  describe('without storage', () => {
    let server: TestApp;

    beforeAll(async () => {
      server = await startApp(
        { providers: [Probe, EchoBot, SettingsEditProbe] },
        { favorites: true },
      );
    }, 60_000);

    afterEach(() => clients.closeAll());
    afterAll(() => server.close());

    async function connect() {
      const client = await clients.connect(server.url);
      const hi = await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'Hi!');
      await client.next('task_end', client.events.indexOf(hi)); // chat start's task is over
      return { client, hi: hi.data };
    }

    it('fetch_favorites is answered set_favorites with none at first', async () => {
      const { client } = await connect();
      const { answer } = await favorites(client, 'fetch_favorites');
      expect(answer.data).toEqual([]);
      expect(exceptions(client)).toEqual([]);
    });

    it('message_favorite sends the message again starred (update_message), then set_favorites', async () => {
      const { client, hi } = await connect();
      const { answer, events } = await favorites(client, 'message_favorite', starred(hi, true));
      expect(events.map((e) => e.name)).toEqual(['update_message', 'set_favorites']);
      expect(events[0].data).toMatchObject({
        id: hi.id,
        output: 'Hi!',
        threadId: hi.threadId,
        metadata: { favorite: true },
      });
      expect(answer.data).toEqual([events[0].data]);
      expect((await favorites(client, 'fetch_favorites')).answer.data).toEqual([events[0].data]);

      const off = await favorites(client, 'message_favorite', starred(hi, false));
      expect(off.events[0].data).toMatchObject({ id: hi.id, metadata: { favorite: false } });
      expect(off.answer.data).toEqual([]);
      expect(exceptions(client)).toEqual([]);
    });

    it('keeps favorites per session', async () => {
      const first = await connect();
      await favorites(first.client, 'message_favorite', starred(first.hi, true));
      const second = await connect();
      expect((await favorites(second.client, 'fetch_favorites')).answer.data).toEqual([]);
    });

    it('refuses to star a message of another session, or a payload that does not fit', async () => {
      const { client, hi } = await connect();
      const other = await connect();
      const from = client.events.length;
      client.socket.emit('message_favorite', starred(other.hi, true));
      client.socket.emit('message_favorite', { message: { id: 'nope' } });
      client.socket.emit(
        'message_favorite',
        starred({ ...hi, metadata: { favorite: 'yes' } }, 'yes' as any),
      );
      client.socket.emit('message_favorite', 'star');
      await client.waitFor(() => exceptions(client).length === 4, undefined, from);
      // The first is answered after a look-up, the others as they arrive.
      expect(exceptions(client).sort()).toEqual(
        [
          `message_favorite: message ${other.hi.id} is not a message of this session`,
          'message_favorite: message.id must be a UUID',
          'message_favorite: message.metadata.favorite must be a boolean value',
          'message_favorite: the payload must be an object, got a string',
        ].sort(),
      );
      expect((await favorites(client, 'fetch_favorites')).answer.data).toEqual([]);
    });

    it('chat_settings_edit reaches @OnSettingsEdit, is answered nothing and changes no setting', async () => {
      const { client } = await connect();
      const probe = server.app.get(SettingsEditProbe);
      probe.edits.length = 0;
      const from = client.events.length;
      client.socket.emit('chat_settings_edit', { temperature: 2 });
      await waitUntil(() => probe.edits.length === 1);
      expect(probe.edits).toEqual([{ edited: { temperature: 2 }, settings: {} }]);
      // The next event answered shows the edit was answered nothing.
      await favorites(client, 'fetch_favorites');
      expect(client.names(from)).toEqual(['set_favorites']);
      const session = server.app
        .get((await import('nest-chat')).ChatSessions)
        .get(client.sessionId)!;
      expect(session.chatSettings).toEqual({});
      client.socket.emit('chat_settings_edit', ['x']);
      const refused = await client.next('exception', from);
      expect(refused.data.message).toBe(
        'chat_settings_edit: the payload must be an object, got an array',
      );
      expect(probe.edits).toHaveLength(1);
    });

    it('none of them is refused as an unknown event', async () => {
      const { client, hi } = await connect();
      client.socket.emit('chat_settings_edit', {});
      await favorites(client, 'fetch_favorites');
      await favorites(client, 'message_favorite', starred(hi, true));
      expect(exceptions(client).filter((m) => m.includes('unknown event'))).toEqual([]);
      expect(exceptions(client)).toEqual([]);
    });
  });

  describe('without the favorites option', () => {
    let server: TestApp;

    beforeAll(async () => {
      server = await startApp({ providers: [Probe, EchoBot] });
    }, 60_000);

    afterEach(() => clients.closeAll());
    afterAll(() => server.close());

    it('says so in /project/settings and ignores the favorite events, refusing none', async () => {
      const settings = (await (await fetch(`${server.url}/project/settings`)).json()) as any;
      expect(settings.features.favorites).toBe(false);
      const client = await clients.connect(server.url);
      const hi = await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'Hi!');
      await client.next('task_end', client.events.indexOf(hi)); // chat start's task is over
      const from = client.events.length;
      client.socket.emit('fetch_favorites');
      client.socket.emit('message_favorite', starred(hi.data, true));
      client.socket.emit('message_favorite', 'not even checked');
      // A round trip after them: what they were answered has arrived by then.
      client.send('string done');
      await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'You said: done');
      expect(client.names(from)).not.toContain('set_favorites');
      expect(client.names(from)).not.toContain('update_message');
      expect(exceptions(client)).toEqual([]);
    });
  });

  describe('with storage', () => {
    let server: TestApp;
    let store: ChatStore;

    beforeAll(async () => {
      store = await SqlChatStore.open(await createPGliteClient('memory://'));
      server = await startApp(
        { providers: [Probe, EchoBot] },
        { storage: { store }, favorites: true },
      );
    }, 60_000);

    afterEach(() => clients.closeAll());
    afterAll(async () => {
      await server.close();
      await store.close();
    });

    it('stars the stored message and stores it starred', async () => {
      const client = await clients.connect(server.url);
      const from = client.events.length;
      client.send('string there');
      const { data: reply } = await client.waitFor(
        (e) => e.name === 'new_message' && e.data.output === 'You said: there',
        undefined,
        from,
      );
      await server.app.get(ThreadWriteQueue).drain();
      const { answer, events: sent } = await favorites(
        client,
        'message_favorite',
        starred({ ...reply, output: 'not what was said' }, true),
      );
      expect(sent[0].data).toMatchObject({
        id: reply.id,
        output: 'You said: there',
        metadata: { favorite: true },
      });
      expect(answer.data.map((s: any) => s.id)).toEqual([reply.id]);
      await server.app.get(ThreadWriteQueue).drain();
      expect((await server.app.get(ChatPersistence).store.getStep(reply.id))?.metadata).toEqual({
        favorite: true,
      });
    });
  });
});
