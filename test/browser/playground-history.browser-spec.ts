import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { ChatPersistence, type ChatStore } from '../../libs/chat/src/persistence/index.js';
import { CODE_ANSWER, PlaygroundBot, RED_PNG } from '../fixtures/playground.bot.js';
import { startApp, type TestApp } from '../utils/test-app.js';
import { launchChromium, SCREENSHOTS, watchPage } from './chromium.js';

/** What the test reads inside the browser. */
declare const document: any;
declare const navigator: { clipboard: { readText(): Promise<string> } };
declare function getComputedStyle(node: unknown): { backgroundColor: string; color: string };

/** The time `days` days ago. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The code of the answer's code block, as the user copies it. */
const CODE = CODE_ANSWER.split('```python\n')[1].split('\n```')[0];

describe('the playground with storage on, in headless Chromium: history, feedback, copy, code, theme, avatars', () => {
  let dir: string;
  let server: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems = { pageErrors: [] as string[], cspViolations: [] as string[] };
  /** Thread ids by their first message. */
  const threads: Record<string, string> = {};

  /** A call to the chat's routes as the browser (no login: with its identity cookie). */
  const api = async (method: string, path: string, body?: unknown) => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? { cookie } : { 'Content-Type': 'application/json', cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const listed = async () =>
    (await api('POST', '/project/threads', { pagination: { first: 20 } })).body.data as {
      id: string;
      name: string;
    }[];
  const storedThread = async (id: string) => (await api('GET', `/project/thread/${id}`)).body;

  const send = async (text: string) => {
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
  };
  /** The answer to "code", once it has streamed to its end. */
  const codeAnswer = () =>
    page.locator('#log article.msg.assistant:not(.streaming)', { hasText: 'Call it with' });
  /** A thread's entry in the history sidebar. */
  const entry = (name: string, p: Page = page): Locator =>
    p.locator('#history li.thread', { has: p.getByRole('button', { name, exact: true }) });
  const connected = (p: Page = page) =>
    p.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
  /** Opens every step (nested ones too), to see them whole. */
  const openSteps = async (p: Page = page) => {
    const closed = p.locator('#log details.step:not([open]) > summary');
    while ((await closed.count()) > 0) await closed.first().click();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nest-chat-playground-'));
    await mkdir(join(dir, 'avatars'));
    await writeFile(join(dir, 'avatars', 'assistant.png'), RED_PNG);
    server = await startApp(
      { providers: [PlaygroundBot] },
      {
        playground: true,
        storage: { driver: 'pglite', dataDir: join(dir, 'data') },
        avatarsDir: join(dir, 'avatars'),
      },
    );
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await watchPage(page, problems);
    await page.goto(`${server.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the history sidebar, open and empty, when the app stores its chats', async () => {
    await connected();
    const toggle = page.getByRole('button', { name: 'Chat history' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('navigation', { name: 'Chat history' }).isVisible()).toBe(true);
    await page.locator('#history-list', { hasText: 'No chats yet' }).waitFor();
    // Before the first message there is no thread yet: nothing to rate.
    await page.locator('#log article.msg.assistant', { hasText: 'Welcome' }).waitFor();
    expect(await page.locator('#log .thumb').count()).toBe(0);
  });

  it('lists a chat under Today once it has a message, marked as the open one', async () => {
    await send('code');
    await codeAnswer().waitFor();
    const code = entry('code');
    await code.waitFor();
    expect(await code.getAttribute('class')).toContain('current');
    expect(
      await code.getByRole('button', { name: 'code', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    expect(await page.locator('#history-list section h2').allTextContents()).toEqual(['Today']);
    const stored = await listed();
    expect(stored.map((t) => t.name)).toEqual(['code']);
    threads.code = stored[0].id;
    expect(await code.getAttribute('data-thread')).toBe(threads.code);
  });

  it('shows the nested steps of the answer, folded, and opens them', async () => {
    const plan = page.locator('#log details.step', { hasText: 'Plan' }).first();
    const search = plan.locator('details.step', { hasText: 'search_snippets' });
    expect(await search.isVisible()).toBe(false);
    await plan.locator('> summary').click();
    await search.locator('> summary').click();
    expect(await search.locator('.output').textContent()).toContain('found 2 snippets');
  });

  it('highlights the code block of the streamed answer, its text unchanged', async () => {
    const code = codeAnswer().locator('.codeblock code');
    await codeAnswer().locator('.codeblock code.hljs').waitFor();
    expect(await code.textContent()).toBe(CODE);
    expect(await code.locator('.hljs-keyword').allTextContents()).toEqual(
      expect.arrayContaining(['def', 'return']),
    );
    expect(await code.locator('.hljs-string').first().textContent()).toBe(
      '"""Sorted, ignoring case."""',
    );
    expect(await code.locator('.hljs-comment').textContent()).toBe('# stable');
    // Coloured: a keyword is not drawn in the text's colour.
    const colours = await code.evaluate((node: any) => ({
      text: getComputedStyle(node).color,
      keyword: getComputedStyle(node.querySelector('.hljs-keyword')).color,
    }));
    expect(colours.keyword).not.toBe(colours.text);
    expect(await codeAnswer().locator('.codebar span').first().textContent()).toBe('python');
  });

  it('copies a code block and a whole answer to the clipboard, and says "Copied"', async () => {
    const copyCode = codeAnswer().locator('.codebar').getByRole('button', { name: 'Copy' });
    await copyCode.click();
    await codeAnswer().locator('.codebar').getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

    const bar = codeAnswer().locator('.msgbar');
    await bar.getByRole('button', { name: 'Copy' }).click();
    const copied = bar.getByRole('button', { name: 'Copied' });
    await copied.waitFor();
    expect(await copied.isVisible()).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE_ANSWER);
    // It goes back to "Copy".
    await bar.getByRole('button', { name: 'Copy' }).waitFor();
  });

  it("shows the authors' avatars: the app's own for the assistant", async () => {
    const avatars = page.locator('#log article.msg.assistant .avatar img');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#log article.msg.assistant .avatar img')].every(
        (img: any) => img.complete && img.naturalWidth > 0,
      ),
    );
    expect(await avatars.count()).toBeGreaterThanOrEqual(2);
    for (const img of await avatars.all()) {
      expect(await img.getAttribute('src')).toBe('/avatars/Assistant');
      // assistant.png from avatarsDir: 24×24 (the default avatar is 64 wide).
      expect(await img.evaluate((node: any) => node.naturalWidth)).toBe(24);
    }
    expect(await page.locator('#log article.msg.user .avatar img').count()).toBe(0);
  });

  it('stores thumbs-down feedback with a comment, takes it back, and stores a thumbs up', async () => {
    const bar = codeAnswer().locator('.msgbar');
    const id = (await codeAnswer().getAttribute('data-id'))!;
    const feedbackOf = async () =>
      (await storedThread(threads.code)).steps.find((s: any) => s.id === id).feedback;

    await bar.getByRole('button', { name: 'Not helpful' }).click();
    const dialog = page.getByRole('dialog', { name: 'Not helpful: what went wrong?' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Comment (optional)' }).fill('Too short.');
    await dialog.getByRole('button', { name: 'Submit feedback' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const down = bar.getByRole('button', { name: 'Not helpful' });
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    await bar.getByRole('button', { name: 'Edit the feedback comment' }).waitFor();
    expect(await feedbackOf()).toEqual({
      id: expect.any(String),
      forId: id,
      threadId: threads.code,
      value: 0,
      comment: 'Too short.',
    });

    // The same thumb again takes the feedback back.
    await down.click();
    await bar.locator('.thumb.down[aria-pressed="false"]').waitFor();
    expect(await feedbackOf()).toBeUndefined();

    await bar.getByRole('button', { name: 'Helpful', exact: true }).click();
    await page.getByRole('dialog', { name: 'Helpful: what was good?' }).waitFor();
    await page.getByRole('button', { name: 'Submit feedback' }).click();
    await bar.locator('.thumb.up[aria-pressed="true"]').waitFor();
    expect(await feedbackOf()).toMatchObject({ forId: id, value: 1 });
    expect((await feedbackOf()).comment).toBeUndefined();

    await openSteps();
    await page.screenshot({
      path: `${SCREENSHOTS}playground-desktop-light.png`,
      animations: 'disabled',
    });
  });

  it('switches to the dark theme with its toggle, and keeps it after a reload', async () => {
    const background = () =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor as string);
    const theme = page.getByRole('button', { name: 'Dark theme' });
    expect(await theme.getAttribute('aria-pressed')).toBe('false');
    const light = await background();
    expect(light).toBe('rgb(247, 247, 248)');
    await theme.click();
    expect(await theme.getAttribute('aria-pressed')).toBe('true');
    const dark = await background();
    expect(dark).toBe('rgb(19, 20, 23)');

    await page.reload();
    await connected();
    expect(await background()).toBe(dark);
    expect(await theme.getAttribute('aria-pressed')).toBe('true');
    // The tab kept its chat: the answer, its code and its feedback are shown again.
    await codeAnswer().locator('.codeblock code.hljs').waitFor();
    await codeAnswer().locator('.thumb.up[aria-pressed="true"]').waitFor();
    await entry('code').waitFor();
    await openSteps();
    await page.screenshot({
      path: `${SCREENSHOTS}playground-desktop-dark.png`,
      animations: 'disabled',
    });

    await theme.click();
    expect(await background()).toBe(light);
  });

  it('starts a new chat, then resumes the stored one from the sidebar, where it goes on', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.locator('#log article.msg.assistant', { hasText: 'Welcome' }).waitFor();
    expect(await page.locator('#log article.msg.user').count()).toBe(0);
    expect(await entry('code').getAttribute('class')).not.toContain('current');
    await send('hello');
    await page.locator('#log article.msg.assistant', { hasText: 'You said: hello' }).waitFor();
    await entry('hello').waitFor();
    expect(await page.locator('#history li.thread').allTextContents()).toEqual(['hello', 'code']);
    threads.hello = (await entry('hello').getAttribute('data-thread'))!;

    await entry('code').getByRole('button', { name: 'code', exact: true }).click();
    // Its history, as stored: the question, the steps, the answer with its code and feedback.
    await codeAnswer().waitFor();
    await codeAnswer().locator('.codeblock code.hljs').waitFor();
    await page
      .locator('#log details.step.tool', { hasText: 'search_snippets' })
      .waitFor({ state: 'attached' });
    expect(await codeAnswer().locator('.thumb.up').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#log article.msg.user .body').allTextContents()).toEqual(['code']);
    expect(await page.locator('#log', { hasText: 'You said: hello' }).count()).toBe(0);
    expect(await entry('code').getAttribute('class')).toContain('current');
    expect(await entry('hello').getAttribute('class')).not.toContain('current');

    // The thread is resumed, not only shown: a new message goes on in it.
    await connected();
    await send('more');
    await page.locator('#log article.msg.assistant', { hasText: 'You said: more' }).waitFor();
    expect((await storedThread(threads.code)).steps.map((s: any) => s.output)).toEqual(
      expect.arrayContaining(['code', 'more', 'You said: more']),
    );
    expect((await storedThread(threads.hello)).steps.map((s: any) => s.output)).not.toContain(
      'more',
    );
  });

  it('searches the chats by their names and by what was said in them', async () => {
    const search = page.getByRole('searchbox', { name: 'Search chats' });
    const names = () => page.locator('#history li.thread .thread-open').allTextContents();
    await search.fill('sort_names');
    await page.locator('#history li.thread').filter({ hasText: 'hello' }).waitFor({
      state: 'detached',
    });
    expect(await names()).toEqual(['code']);
    await search.fill('no such words');
    await page.locator('#history-list', { hasText: 'No chat matches your search.' }).waitFor();
    await search.fill('');
    await entry('hello').waitFor();
    expect(await names()).toEqual(['hello', 'code']);
  });

  it('renames a chat from the keyboard, as the API then lists it', async () => {
    const hello = entry('hello');
    await page.locator('#history-search').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement.textContent)).toBe('hello');
    await page.keyboard.press('Tab');
    const rename = hello.getByRole('button', { name: 'Rename “hello”' });
    expect(await rename.evaluate((node: any) => node === document.activeElement)).toBe(true);
    expect(await rename.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Rename the chat' });
    await dialog.waitFor();
    const name = dialog.getByRole('textbox', { name: 'Name' });
    expect(await name.inputValue()).toBe('hello');
    await name.fill('Greetings');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await entry('Greetings').waitFor();
    // The focus stays on the renamed chat's button.
    expect(
      await entry('Greetings')
        .getByRole('button', { name: 'Rename “Greetings”' })
        .evaluate((node: any) => node === document.activeElement),
    ).toBe(true);
    expect((await listed()).find((t) => t.id === threads.hello)?.name).toBe('Greetings');
  });

  it('deletes a chat only once confirmed, as the API then shows', async () => {
    const greetings = entry('Greetings');
    await greetings.getByRole('button', { name: 'Delete “Greetings”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the chat?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('“Greetings” and its messages will be deleted');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api('GET', `/project/thread/${threads.hello}`)).status).toBe(200);

    await greetings.getByRole('button', { name: 'Delete “Greetings”' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await greetings.waitFor({ state: 'detached' });
    expect(await page.locator('#history li.thread').allTextContents()).toEqual(['code']);
    expect((await api('GET', `/project/thread/${threads.hello}`)).status).toBe(404);
    expect((await listed()).map((t) => t.name)).toEqual(['code']);
    // The open chat was another: it is still there.
    await codeAnswer().waitFor();
  });

  it('collapses the sidebar and keeps it collapsed after a reload', async () => {
    const toggle = page.getByRole('button', { name: 'Chat history' });
    const nav = page.getByRole('navigation', { name: 'Chat history' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await page.reload();
    await connected();
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await toggle.click();
    await entry('code').waitFor();
    expect(await nav.isVisible()).toBe(true);
  });

  it('on a phone, shows the history as a drawer over the chat', async () => {
    // Another device: its own preferences (light, as its system's), a touch screen.
    const handheld = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    });
    // The same visitor: without login, history is its identity cookie's, so the phone has it.
    await handheld.addCookies(await context.cookies());
    const phone = await handheld.newPage();
    phone.setDefaultTimeout(10_000);
    await watchPage(phone, problems);
    try {
      await phone.goto(`${server.url}/`);
      await connected(phone);
      const toggle = phone.getByRole('button', { name: 'Chat history' });
      await toggle.waitFor();
      // Closed at first, whatever the wide screen's sidebar does.
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      const drawer = phone.getByRole('navigation', { name: 'Chat history' });
      await entry('code', phone).waitFor();
      const box = (await drawer.boundingBox())!;
      expect(box.x).toBe(0);
      expect(box.width).toBeLessThan(390);
      expect(await phone.locator('#history-backdrop').isVisible()).toBe(true);
      expect(
        await phone
          .getByRole('button', { name: 'Close the chat history' })
          .evaluate((node: any) => node === document.activeElement),
      ).toBe(true);
      await phone.keyboard.press('Escape');
      expect(await drawer.isVisible()).toBe(false);
      expect(await toggle.evaluate((node: any) => node === document.activeElement)).toBe(true);

      // Opening a chat from the drawer closes it and resumes the chat.
      await toggle.click();
      await entry('code', phone).getByRole('button', { name: 'code', exact: true }).click();
      expect(await drawer.isVisible()).toBe(false);
      await phone
        .locator('#log article.msg.assistant:not(.streaming)', { hasText: 'Call it with' })
        .locator('.codeblock code.hljs')
        .waitFor();
      await openSteps(phone);
      await phone
        .locator('#log details.step.tool', { hasText: 'search_snippets' })
        .first()
        .scrollIntoViewIfNeeded();
      await phone.screenshot({
        path: `${SCREENSHOTS}playground-phone-light.png`,
        animations: 'disabled',
      });
      await toggle.click();
      await entry('code', phone).waitFor();
      await phone.screenshot({
        path: `${SCREENSHOTS}playground-phone-drawer-light.png`,
        animations: 'disabled',
      });
      await phone.keyboard.press('Escape');

      await phone.getByRole('button', { name: 'Dark theme' }).click();
      await phone.screenshot({
        path: `${SCREENSHOTS}playground-phone-dark.png`,
        animations: 'disabled',
      });
      await toggle.click();
      await entry('code', phone).waitFor();
      await phone.screenshot({
        path: `${SCREENSHOTS}playground-phone-drawer-dark.png`,
        animations: 'disabled',
      });
    } finally {
      await handheld.close();
    }
  });

  it('deletes the open chat: a new chat takes its place', async () => {
    await page.bringToFront();
    expect(await entry('code').getAttribute('class')).toContain('current');
    await entry('code').getByRole('button', { name: 'Delete “code”' }).click();
    await page.getByRole('dialog', { name: 'Delete the chat?' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.locator('#history-list', { hasText: 'No chats yet' }).waitFor();
    await page.locator('#log article.msg.assistant', { hasText: 'Welcome' }).waitFor();
    expect(await page.locator('#log article.msg.user').count()).toBe(0);
    expect((await api('GET', `/project/thread/${threads.code}`)).status).toBe(404);
    expect(await listed()).toEqual([]);
    // The new chat works, and is listed once it has a message.
    await connected();
    await send('again');
    await entry('again').waitFor();
    expect(await entry('again').getAttribute('class')).toContain('current');
  });

  it('broke no Content-Security-Policy rule and had no page errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});

describe('the playground history with chats of many ages, in headless Chromium', () => {
  let dir: string;
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let store: ChatStore;
  const problems = { pageErrors: [] as string[], cspViolations: [] as string[] };
  const entry = (name: string): Locator =>
    page.locator('#history li.thread', { has: page.getByRole('button', { name, exact: true }) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nest-chat-playground-'));
    server = await startApp(
      { providers: [PlaygroundBot] },
      { playground: true, storage: { driver: 'pglite', dataDir: join(dir, 'data') } },
    );
    store = server.app.get(ChatPersistence).store;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.setDefaultTimeout(10_000);
    await watchPage(page, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('groups the chats by age as the Chainlit UI does, newest first, and loads them a page at a time', async () => {
    const older = [
      { name: 'today', createdAt: daysAgo(0) },
      { name: 'one day ago', createdAt: daysAgo(1) },
      { name: 'three days ago', createdAt: daysAgo(3) },
      { name: 'twenty days ago', createdAt: daysAgo(20) },
      { name: 'in January 2024', createdAt: '2024-01-15T12:00:00.000Z' },
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `old ${i}`,
        createdAt: new Date(Date.UTC(2023, 5, 20 - i, 12)).toISOString(),
      })),
    ];
    // The browser's chats: it has its identity from its first visit (no login).
    await page.goto(`${server.url}/`);
    await page.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
    const identity = (await page.context().cookies()).find((c) => c.name === 'chat_identity')!;
    const owner = await store.upsertUser({
      identifier: `anonymous:${identity.value.split('.')[0]}`,
    });
    // Stored oldest first, as they would have been (the list is newest first, in that order).
    for (let i = older.length - 1; i >= 0; i--) {
      await store.createThread({ id: randomUUID(), ...older[i], userId: owner.id });
    }

    await page.reload();
    await page.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
    await entry('old 14').waitFor(); // the 20th of the first page of 20
    const groups = () => page.locator('#history-list h2').allTextContents();
    expect(await groups()).toEqual([
      'Today',
      'Yesterday',
      'Previous 7 days',
      'Previous 30 days',
      'January 2024',
      'June 2023',
    ]);
    expect(await page.locator('#history li.thread').count()).toBe(20);
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await entry('old 19').waitFor();
    expect(await page.locator('#history li.thread').count()).toBe(25);
    expect(await groups()).toEqual([
      'Today',
      'Yesterday',
      'Previous 7 days',
      'Previous 30 days',
      'January 2024',
      'June 2023',
    ]);
    expect(await more.isVisible()).toBe(false);
    const june = page.locator('#history-list section', { hasText: 'June 2023' });
    expect(await june.locator('li.thread').allTextContents()).toEqual(
      Array.from({ length: 20 }, (_, i) => `old ${i}`),
    );
    await page.screenshot({
      path: `${SCREENSHOTS}playground-desktop-history-groups.png`,
      animations: 'disabled',
    });
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});
