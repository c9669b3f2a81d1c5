import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientTracker } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { EchoBot, Probe } from './fixtures/echo.bot.js';

/** A stand-in for a Chainlit UI build: its index.html and an asset. */
const ui = mkdtempSync(join(tmpdir(), 'nest-chat-ui-build-'));
mkdirSync(join(ui, 'assets'));
writeFileSync(
  join(ui, 'index.html'),
  '<!doctype html><title>Chainlit</title><div id="root"></div>',
);
writeFileSync(join(ui, 'assets', 'index.js'), 'console.log("ui")');
afterAll(() => rmSync(ui, { recursive: true, force: true }));

// README's recipe, as written there.
const UI_PAGES = /^\/(?:(?:thread|element|share)\/[^/]+|login(?:\/callback)?)?\/?$/;

/** The recipe's main.ts, before the app listens. */
function configure(nest: INestApplication): void {
  const app = nest as NestExpressApplication;
  app.useStaticAssets(ui, { index: false });
  app
    .getHttpAdapter()
    .getInstance()
    .get(UI_PAGES, (_req: unknown, res: any) => res.sendFile(join(ui, 'index.html')));
}

describe("README's recipe: a Chainlit UI build served by the Nest app, beside the chat", () => {
  const clients = clientTracker();
  let server: TestApp;

  beforeAll(async () => {
    // The recipe is Express's (useStaticAssets, sendFile).
    server = await startApp(
      { providers: [Probe, EchoBot] },
      {},
      { platform: 'express', configure },
    );
  }, 60_000);

  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  it("gives the UI's pages its index.html, and its assets", async () => {
    for (const page of ['/', `/thread/${crypto.randomUUID()}`, '/login', '/element/x']) {
      const res = await fetch(`${server.url}${page}`);
      expect([page, res.status, res.headers.get('content-type')]).toEqual([
        page,
        200,
        'text/html; charset=utf-8',
      ]);
      expect(await res.text()).toContain('<title>Chainlit</title>');
    }
    const asset = await fetch(`${server.url}/assets/index.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('leaves the chat routes and the socket to the chat', async () => {
    const settings = await fetch(`${server.url}/project/settings`);
    expect(settings.headers.get('content-type')).toContain('application/json');
    expect(((await settings.json()) as any).ui.cot).toBe('full');
    const translations = await fetch(`${server.url}/project/translations?language=en-US`);
    expect(translations.status).toBe(200);
    const client = await clients.connect(server.url);
    await client.waitFor((e) => e.name === 'new_message' && e.data.output === 'Hi!');
  });
});
