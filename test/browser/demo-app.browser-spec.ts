import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, watchPage } from './chromium.js';

describe('the demo app (src/, as `npm start` runs it) in headless Chromium', () => {
  let dir: string;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let page: Page;
  const problems = { pageErrors: [] as string[], cspViolations: [] as string[] };
  const saved = {
    key: process.env.OPENAI_API_KEY,
    base: process.env.OPENAI_BASE_URL,
    data: process.env.CHAT_DATA_DIR,
  };

  const send = async (text: string) => {
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
  };
  /** An answer that has streamed to its end. */
  const answer = (text: string) =>
    page.locator('#log article.msg.assistant:not(.streaming)', { hasText: text });
  const thread = (name: string) =>
    page.locator('#history li.thread', {
      has: page.getByRole('button', { name, exact: true }),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nest-chat-demo-'));
    // The demo as it starts: its offline assistant (no OpenAI settings), its history in PGlite
    // in CHAT_DATA_DIR, read when its module is imported.
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    process.env.CHAT_DATA_DIR = join(dir, 'data');
    const { AppModule } = await import('../../src/app.module.js');
    app = await NestFactory.create(AppModule, { logger: false });
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.setDefaultTimeout(10_000);
    await watchPage(page, problems);
    await page.goto(`${url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['OPENAI_API_KEY', saved.key],
      ['OPENAI_BASE_URL', saved.base],
      ['CHAT_DATA_DIR', saved.data],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('serves the playground at / with its greeting, and the history sidebar (it stores its chats)', async () => {
    await page.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
    await answer("Hi! I'm the nest-chat demo assistant.").waitFor();
    const toggle = page.getByRole('button', { name: 'Chat history' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#history-list', { hasText: 'No chats yet' }).waitFor();
  });

  it('shows its work as a step nested in a step, folded, that opens', async () => {
    await send('How do steps work?');
    await answer('session.step(name, type, fn)').waitFor();
    const thinking = page.locator('#log details.step', { hasText: 'Thinking' }).first();
    const search = thinking.locator('details.step', { hasText: 'search_notes' });
    expect(await search.count()).toBe(1);
    expect(await search.isVisible()).toBe(false);
    await thinking.locator('> summary').click();
    expect(await search.isVisible()).toBe(true);
    expect(await search.locator('.output').isVisible()).toBe(false);
    await search.locator('> summary').click();
    expect(await search.locator('.output li').allTextContents()).toContain('Steps');
    expect(await thinking.locator('> .stepbody > .output').textContent()).toContain(
      'Answering from',
    );
  });

  it('lists the chat in its history sidebar', async () => {
    await thread('How do steps work?').waitFor();
    expect(await page.locator('#history-list h2').allTextContents()).toEqual(['Today']);
    expect(await thread('How do steps work?').getAttribute('class')).toContain('current');
  });

  it('answers with highlighted code', async () => {
    await send('Show me a code example of a handler');
    const code = answer('A handler.').locator('.codeblock code.hljs');
    await code.waitFor();
    expect(await code.locator('.hljs-keyword').allTextContents()).toEqual(
      expect.arrayContaining(['export', 'class', 'return']),
    );
    await page.screenshot({ path: `${SCREENSHOTS}demo-desktop-light.png`, animations: 'disabled' });
  });

  it('reopens the chat from the sidebar after a new one, with its steps, and welcomes the user back', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await answer("Hi! I'm the nest-chat demo assistant.").waitFor();
    expect(await page.locator('#log article.msg.user').count()).toBe(0);
    await thread('How do steps work?')
      .getByRole('button', { name: 'How do steps work?', exact: true })
      .click();
    await answer('Welcome back! This is "How do steps work?"').waitFor();
    expect(await page.locator('#log article.msg.user .body').allTextContents()).toEqual([
      'How do steps work?',
      'Show me a code example of a handler',
    ]);
    const thinking = page.locator('#log details.step', { hasText: 'Thinking' }).first();
    await thinking.locator('> summary').click();
    expect(await thinking.locator('details.step', { hasText: 'search_notes' }).isVisible()).toBe(
      true,
    );
  });

  it('broke no Content-Security-Policy rule and had no page errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});
