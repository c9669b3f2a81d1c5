import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type TestApp } from './utils/test-app.js';
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

describe('the routes the Chainlit UI loads with its page', () => {
  describe('with the defaults', () => {
    let server: TestApp;

    beforeAll(async () => {
      server = await startApp({ providers: [Probe, EchoBot] });
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
      for (const name of ['../secret', '..%2Fsecret', 'a.b', 'ada.svg', '%00', 'x'.repeat(101)]) {
        const res = await fetch(
          `${server.url}/avatars/${name === '..%2Fsecret' ? name : encodeURIComponent(name)}`,
        );
        const body = (await res.json()) as { detail: string };
        expect([name, res.status]).toEqual([name, 400]);
        expect(body.detail).toContain('Invalid avatar name');
      }
    });

    it('gives the ui.cot of the option in /project/settings', async () => {
      const { body } = await get(`${server.url}/project/settings`);
      expect(body.ui).toEqual({ name: 'Ada', cot: 'tool_call' });
    });
  });
});
