import type { INestApplication } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, bundleFixture, launchChromium, serveFixture } from './chromium.js';
import { FeatureBot, FeatureProbe, PNG } from '../fixtures/features.bot.js';
import { startApp, type TestApp } from '../utils/test-app.js';

/** What the page exposes (fixtures/chainlit-interactions.tsx); read inside the browser. */
declare const window: { ui?: any };
declare const document: { querySelector(selector: string): any };

describe('the published @chainlit/react-client: ask, actions, settings and elements, in headless Chromium', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const waitFor = (fn: () => unknown, arg?: unknown) =>
    page.waitForFunction(fn as never, arg, { timeout: 10_000 });

  beforeAll(async () => {
    const script = await bundleFixture('chainlit-interactions.tsx');
    server = await startApp(
      { providers: [FeatureProbe, FeatureBot] },
      {},
      { configure: (app: INestApplication) => serveFixture(app, script) },
    );
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/__test/index.html`);
    await waitFor(() => window.ui?.connected === true);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers a text ask with replyMessage', async () => {
    await page.evaluate(() => window.ui.send('name'));
    await waitFor(() => window.ui.askUser?.spec.type === 'text');
    await page.evaluate(() => window.ui.reply('Ada'));
    await waitFor(() => window.ui.messages.at(-1)?.output === 'Hello Ada' && !window.ui.loading);
    const outputs = await page.evaluate(() => window.ui.messages.map((m: any) => m.output));
    expect(outputs.slice(-3)).toEqual(['Your name?', 'Ada', 'Hello Ada']);
    expect(await page.evaluate(() => window.ui.askUser)).toBeUndefined();
  }, 30_000);

  it('answers an action ask by choosing a button; the buttons go and the question shows the choice', async () => {
    await page.evaluate(() => window.ui.send('pick'));
    await waitFor(
      () => window.ui.askUser?.spec.type === 'action' && window.ui.actions.length === 2,
    );
    expect(await page.evaluate(() => window.ui.actions.map((a: any) => a.label))).toEqual([
      'Red',
      'Blue',
    ]);
    await page.evaluate(() => window.ui.chooseAction('Red'));
    await waitFor(() => window.ui.messages.at(-1)?.output === 'You picked red');
    const state = await page.evaluate(() => ({
      actions: window.ui.actions.length,
      question: window.ui.messages.at(-2)?.output,
    }));
    expect(state).toEqual({ actions: 0, question: '**Selected:** Red' });
  }, 30_000);

  it('clicks an action button over HTTP and the @OnAction handler answers', async () => {
    await page.evaluate(() => window.ui.send('buttons'));
    await waitFor(() => window.ui.actions.some((a: any) => a.label === 'Like'));
    const result = await page.evaluate(() => window.ui.clickAction('Like'));
    expect(result).toEqual({ success: true, response: { stars: 5 } });
    await waitFor(() => window.ui.messages.at(-1)?.output === 'Thanks for 5 stars');
    expect(server.app.get(FeatureProbe).actions.map((a) => a.name)).toEqual(['like']);
  }, 30_000);

  it('shows the settings panel and sends a change that reaches @OnSettingsUpdate', async () => {
    await page.evaluate(() => window.ui.send('settings'));
    await waitFor(() => window.ui.settingsInputs.length === 6);
    expect(await page.evaluate(() => window.ui.settingsInputs.map((w: any) => w.id))).toEqual([
      'model',
      'stream',
      'temperature',
      'persona',
      'maxTokens',
      'topics',
    ]);
    await page.evaluate(() => window.ui.changeSettings({ model: 'large', temperature: 1.5 }));
    const probe = server.app.get(FeatureProbe);
    for (let i = 0; i < 50 && probe.settings.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(probe.settings).toEqual([
      expect.objectContaining({ model: 'large', temperature: 1.5, stream: true }),
    ]);
  }, 30_000);

  it('shows elements with the URLs the client builds, and the image loads from the server', async () => {
    await page.evaluate(() => window.ui.send('elements'));
    await waitFor(() => window.ui.elements.length === 4);
    const elements = await page.evaluate(() => window.ui.elements);
    expect(elements.map((e: any) => [e.type, e.name])).toEqual([
      ['text', 'notes.txt'],
      ['image', 'dot.png'],
      ['pdf', 'paper'],
      ['file', 'bot.ts'],
    ]);
    const text = await page.evaluate(
      (url: string) => fetch(url).then((r) => r.text()),
      elements[0].url,
    );
    expect(text).toBe('plain notes');
    await waitFor(() => {
      const img = document.querySelector('img[alt="dot.png"]');
      return img?.complete && img.naturalWidth === 1;
    });
    const bytes = await page.evaluate(
      (url: string) =>
        fetch(url).then(async (r) => Array.from(new Uint8Array(await r.arrayBuffer()))),
      elements[1].url,
    );
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
    expect(elements[2].url).toBe('https://example.com/paper.pdf');

    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}chainlit-interactions.png`, fullPage: true });
  }, 30_000);
});
