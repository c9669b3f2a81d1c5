import type { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundleFixture, launchChromium, serveFixture } from './chromium.js';
import { UiBot, UiProbe } from '../fixtures/chainlit-ui.bot.js';
import {
  createPGliteClient,
  SqlChatStore,
  ThreadWriteQueue,
  type ChatStore,
} from '../../libs/chat/src/persistence/index.js';
import { startApp, type TestApp } from '../utils/test-app.js';

/** What the page exposes (fixtures/chainlit-ui.tsx); read inside the browser. */
declare const window: { cl?: any; received: [string, any][] };
declare const document: { querySelector(selector: string): any };
declare const Image: new () => any;

const publicDir = mkdtempSync(join(tmpdir(), 'nest-chat-public-'));
mkdirSync(join(publicDir, 'elements'));
writeFileSync(join(publicDir, 'elements', 'Counter.jsx'), 'export default function Counter() {}');
afterAll(() => rmSync(publicDir, { recursive: true, force: true }));

/** In the page: the width of the image at `src` once loaded, -1 if it fails to load. */
const imageWidth = (src: string) =>
  new Promise<number>((resolve) => {
    const img = new Image();
    img.addEventListener('load', () => resolve(img.naturalWidth));
    img.addEventListener('error', () => resolve(-1));
    img.src = src;
  });

describe('the published @chainlit/react-client through the Chainlit UI routes and events, in headless Chromium', () => {
  let server: TestApp;
  let store: ChatStore;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const waitFor = (fn: (arg: any) => unknown, arg?: unknown) =>
    page.waitForFunction(fn as never, arg, { timeout: 15_000 });

  /** Opens the page (on `?thread=` to reopen a thread) and waits for the chat start's end. */
  async function open(query = '') {
    await page.goto(`${server.url}/__test/index.html${query}`);
    await waitFor(() => window.cl?.connected === true);
    await waitFor(
      () =>
        window.cl.messages.some((m: any) => m.output.startsWith('Welcome')) && !window.cl.loading,
    );
  }

  beforeAll(async () => {
    const script = await bundleFixture('chainlit-ui.tsx');
    store = await SqlChatStore.open(await createPGliteClient('memory://'));
    server = await startApp(
      { providers: [UiProbe, UiBot] },
      { storage: { store }, publicDir, favorites: true },
      { configure: (app: INestApplication) => serveFixture(app, script) },
    );
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  beforeEach(() => open(), 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('gets what the page loads: translations, logo, favicon, avatars, a public file', async () => {
    const translation = await page.evaluate(() =>
      window.cl.getJson('/project/translations?language=en-US'),
    );
    expect(translation.translation.chat.input.placeholder).toBe('Type your message here...');
    const sources = await page.evaluate(() => [
      window.cl.logo('dark'),
      window.cl.logo('light'),
      '/favicon',
      '/avatars/Assistant',
    ]);
    const loaded = [];
    for (const src of sources) loaded.push(await page.evaluate(imageWidth, src));
    expect(loaded.every((width: number) => width > 0)).toBe(true);
    const jsx = await page.evaluate(async () =>
      (await fetch('/public/elements/Counter.jsx')).text(),
    );
    expect(jsx).toBe('export default function Counter() {}');
  }, 30_000);

  it('sends fetch_favorites and message_favorite, chat_settings_edit, and none is refused', async () => {
    const from = await page.evaluate(() => window.received.length);
    await page.evaluate(() => window.cl.emit('fetch_favorites'));
    await waitFor((n) => window.received.slice(n).some(([e]) => e === 'set_favorites'), from);
    // A stored answer (the thread exists once the user has written), starred.
    await page.evaluate(() => window.cl.send('star me'));
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'echo: star me'));
    const answer = await page.evaluate(() =>
      window.cl.messages.find((m: any) => m.output === 'echo: star me'),
    );
    await page.evaluate(
      (step) =>
        window.cl.emit('message_favorite', {
          message: { ...step, metadata: { ...step.metadata, favorite: true } },
        }),
      answer,
    );
    await waitFor(
      (n) =>
        window.received.slice(n).some(([e, data]) => e === 'set_favorites' && data.length === 1),
      from,
    );
    await page.evaluate(() => window.cl.emit('chat_settings_edit', { model: 'large' }));
    await page.evaluate(() => window.cl.send('after'));
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'echo: after'));
    const names = await page.evaluate((n) => window.received.slice(n).map(([e]) => e), from);
    expect(names).not.toContain('exception');
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('Stop: the stream ends with its text, then the stopped message and @OnStop, then idle', async () => {
    const from = await page.evaluate(() => window.received.length);
    await page.evaluate(() => window.cl.send('stream'));
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'first second'));
    await page.evaluate(() => window.cl.stop());
    await waitFor(() => window.cl.messages.some((m: any) => m.output === '@OnStop ran'));
    await waitFor(() => !window.cl.loading);
    const order = await page.evaluate(
      (n) =>
        window.received
          .slice(n)
          .filter(([e]) => ['update_message', 'new_message', 'task_end'].includes(e))
          .map(([e, data]) => (e === 'task_end' ? e : `${e} ${data.output}`)),
      from,
    );
    expect(order.slice(-4)).toEqual([
      'update_message first second',
      'new_message Task manually stopped.',
      'new_message @OnStop ran',
      'task_end',
    ]);
    const answer = await page.evaluate(() =>
      window.cl.messages.find((m: any) => m.output === 'first second'),
    );
    expect(answer.streaming).toBe(false);
  }, 30_000);

  it('clicks an action while an ask is pending: it answers at once, and the ask is still there', async () => {
    await page.evaluate(() => window.cl.send('name'));
    await waitFor(() => window.cl.askUser?.spec.type === 'text');
    const result = await page.evaluate(() => window.cl.clickAction('Ping'));
    expect(result).toEqual({ success: true, response: 'pong' });
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'pong'));
    expect(await page.evaluate(() => window.cl.askUser?.spec.type)).toBe('text');
    await page.evaluate(() => window.cl.reply('Ada'));
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'Hello Ada'));
  }, 30_000);

  it('updates and deletes a custom element as its component would', async () => {
    await page.evaluate(() => window.cl.send('custom'));
    await waitFor(() => window.cl.elements.some((e: any) => e.type === 'custom'));
    const counter = await page.evaluate(() =>
      window.cl.elements.find((e: any) => e.type === 'custom'),
    );
    expect(counter).toMatchObject({ name: 'Counter', props: { count: 1 } });
    expect(
      await page.evaluate((e) => window.cl.updateElement({ ...e, props: { count: 2 } }), counter),
    ).toEqual({ success: true });
    await waitFor(
      (id) => window.cl.elements.find((e: any) => e.id === id)?.props.count === 2,
      counter.id,
    );
    expect(await page.evaluate((e) => window.cl.deleteElement(e), counter)).toEqual({
      success: true,
    });
    await waitFor((id) => !window.cl.elements.some((e: any) => e.id === id), counter.id);
  }, 30_000);

  it('reopens a thread: its messages, its image from the stored bytes, its settings, first interaction "resume"', async () => {
    await page.evaluate(() => window.cl.changeSettings({ model: 'large', temperature: 1.5 }));
    await page.evaluate(() => window.cl.send('image'));
    await waitFor(
      () => window.cl.messages.some((m: any) => m.output === 'A dot') && !window.cl.loading,
    );
    const threadId = await page.evaluate(() => window.cl.threadId);
    expect(threadId).toEqual(expect.any(String));
    await server.app.get(ThreadWriteQueue).drain();

    await open(`?thread=${threadId}`);
    await waitFor(() => window.cl.messages.some((m: any) => m.output === 'A dot'));
    await waitFor(() => window.cl.firstInteraction === 'resume');
    const image = await page.evaluate(() =>
      window.cl.elements.find((e: any) => e.type === 'image'),
    );
    expect(image.url).toMatch(new RegExp(`/project/thread/${threadId}/element/.+/content$`));
    await waitFor(() => {
      const img = document.querySelector('img');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await page.evaluate(() => window.cl.settingsValue)).toEqual({
      model: 'large',
      temperature: 1.5,
    });
    expect(await page.evaluate(() => window.cl.threadId)).toBe(threadId);
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
