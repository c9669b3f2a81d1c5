import { jest } from '@jest/globals';
import { get } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { LONG, PlaygroundBot } from '../fixtures/playground.bot.js';
import { startApp, type TestApp } from '../utils/test-app.js';
import { ARTIFACTS, launchChromium, watchPage } from './chromium.js';

/** What the test installs in the page (read inside the browser). */
declare const window: { pwned?: unknown; grew?: string[] };
declare const document: any;

/** Resolves once `test` holds (checked every 50 ms), or fails after `timeoutMs`. */
async function until(test: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const start = Date.now(); !test();) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The status of a GET with these headers, and only these. */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

jest.setTimeout(30_000);

describe('the playground page against a Nest app, in headless Chromium', () => {
  let server: TestApp;
  let bot: PlaygroundBot;
  let browser: Browser;
  let page: Page;
  const problems = { pageErrors: [] as string[], cspViolations: [] as string[] };
  const { pageErrors, cspViolations } = problems;
  const watch = (p: Page) => watchPage(p, problems);

  /** The last assistant message (article) whose text contains `text`. */
  const assistant = (text: string) =>
    page.locator('#log article.msg.assistant', { hasText: text }).last();
  const send = async (text: string) => {
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
  };

  beforeAll(async () => {
    server = await startApp({ providers: [PlaygroundBot] }, { playground: true });
    bot = server.app.get(PlaygroundBot);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    page.setDefaultTimeout(10_000);
    await watch(page);
    await page.goto(`${server.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('connects, shows the connection state and the greeting with its action, commands and settings', async () => {
    await page.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#state').textContent()).toBe('connected');
    await assistant('Welcome to the playground.').waitFor();
    await page.locator('button.action', { hasText: 'Ping' }).waitFor();
    expect(await page.locator('#commands button.cmd').allTextContents()).toEqual([
      '/ask',
      '/steps',
    ]);
    expect(await page.locator('#gear').isVisible()).toBe(true);
    expect(bot.starts).toHaveLength(1);
    // Without storage: no history, no feedback; answers can still be copied.
    const welcome = assistant('Welcome to the playground.');
    await welcome.locator('.msgbar').getByRole('button', { name: 'Copy' }).waitFor();
    expect(await welcome.locator('.thumb').count()).toBe(0);
    expect(await page.locator('#history-toggle').isVisible()).toBe(false);
    expect(await page.locator('#history').isVisible()).toBe(false);
  });

  it('streams a message token by token and renders its markdown safely', async () => {
    // Record each text the answer shows while it streams.
    await page.evaluate(() => {
      window.grew = [];
      const log = document.getElementById('log');
      new (globalThis as any).MutationObserver(() => {
        const answers = log.querySelectorAll('article.msg.assistant .body');
        const last = answers[answers.length - 1]?.textContent ?? '';
        if (last.startsWith('Some') && window.grew!.at(-1) !== last) window.grew!.push(last);
      }).observe(log, { childList: true, subtree: true, characterData: true });
    });
    await send('markdown');
    const answer = assistant('Raw HTML stays text');
    await answer.locator('.body', { hasText: 'not bold</b>' }).waitFor();
    await page.locator('article.msg.assistant.streaming').waitFor({ state: 'detached' });

    const grew = await page.evaluate(() => window.grew!);
    expect(new Set(grew).size).toBeGreaterThanOrEqual(3);
    grew.forEach((text, i) => i > 0 && expect(text.length).toBeGreaterThan(grew[i - 1].length));

    const body = answer.locator('.body');
    expect(await body.locator('strong').allTextContents()).toEqual(['bold']);
    expect(await body.locator('em').allTextContents()).toEqual(['italic']);
    expect(await body.locator('p code').allTextContents()).toEqual(['code']);
    expect(await body.locator('li').allTextContents()).toEqual(['first item', 'second item']);
    expect(await body.locator('.codeblock code').textContent()).toBe('const answer = 42;');
    const links = body.locator('a');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.com/docs');
    expect(await links.getAttribute('rel')).toContain('noopener');
    expect(await body.textContent()).toContain('[a bad one](javascript:alert(1))');
    // The HTML arrives as text: no element made of it, no handler run.
    expect(await body.textContent()).toContain(
      '<img src=x onerror="window.pwned=1"> <b>not bold</b>',
    );
    expect(await body.locator('img, b').count()).toBe(0);
    expect(await page.locator('#log img:not(.avatar > img)').count()).toBe(0);
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  });

  it('shows nested steps that collapse and expand, marks running and failed ones', async () => {
    // Typing "/" suggests the commands; Enter picks one, Enter again sends it.
    await page.locator('#input').fill('/st');
    expect(await page.locator('#suggest li').allTextContents()).toEqual([
      '/stepsShow nested steps',
    ]);
    await page.locator('#input').press('Enter');
    expect(await page.locator('#input').inputValue()).toBe('/steps ');
    await page.locator('#input').press('Enter');
    const outer = page.locator('details.step', { hasText: 'Outer' }).first();
    await outer.waitFor();
    // Sent as a command: the user's message shows it, the steps nest under it.
    const user = page.locator('article.msg.user', { has: page.locator('.cmdtag') }).last();
    expect(await user.locator('.cmdtag').textContent()).toBe('/steps');
    expect(await user.locator('> .kids > details.step').count()).toBe(1);
    // Running steps are marked until they end (the outer one is still collapsed).
    await page
      .locator('details.step.tool.running', { hasText: 'Inner' })
      .waitFor({ state: 'attached' });
    expect(await outer.getAttribute('class')).toContain('running');
    await assistant('Steps are done.').waitFor();
    expect(await outer.getAttribute('class')).not.toContain('running');

    const inner = outer.locator('details.step', { hasText: 'Inner' });
    const broken = outer.locator('details.step.error', { hasText: 'Broken' });
    expect(await outer.evaluate((d: any) => d.open)).toBe(false);
    expect(await inner.isVisible()).toBe(false);
    await outer.locator('> summary').click();
    expect(await outer.evaluate((d: any) => d.open)).toBe(true);
    expect(await inner.isVisible()).toBe(true);
    expect(await broken.locator('> summary .status').textContent()).toBe('failed');
    await inner.locator('> summary').click();
    expect(await inner.locator('.output .md strong').textContent()).toBe('it');
    expect(await inner.locator('.input').textContent()).toContain('looking');
    await broken.locator('> summary').click();
    expect(await broken.locator('.output').textContent()).toContain('the tool failed');
    expect(await outer.locator('> .stepbody > .output').textContent()).toContain('done');
    await outer.locator('> summary').click();
    expect(await inner.isVisible()).toBe(false);
    await outer.locator('> summary').click(); // open again, for the screenshot
  });

  it('stops a streaming answer with the Stop button', async () => {
    await send('slow');
    const stop = page.locator('#stop');
    await stop.waitFor({ state: 'visible' });
    expect(await page.locator('#busy').isVisible()).toBe(true);
    const answer = assistant('word0');
    await answer.locator('.body', { hasText: 'word5' }).waitFor();
    await stop.click();
    await page.locator('article.msg', { hasText: 'Task manually stopped.' }).waitFor();
    await stop.waitFor({ state: 'hidden' });
    expect(await page.locator('#busy').isVisible()).toBe(false);
    expect(bot.stops).toBe(1);
    const shown = (await answer.locator('.body').textContent()) ?? '';
    expect(shown.length).toBeLessThan(LONG.length);
  });

  it('answers a text ask from the input', async () => {
    await send('ask text');
    await page.locator('#ask[data-type="text"]').waitFor();
    await assistant('What is your name?').waitFor();
    await send('Ada');
    await assistant('Hello, Ada!').waitFor();
    expect(await page.locator('#ask').isVisible()).toBe(false);
    expect(await page.locator('article.msg.user', { hasText: 'Ada' }).count()).toBe(1);
  });

  it('answers an action ask with a click', async () => {
    await send('ask action');
    await page.locator('#ask[data-type="action"]').waitFor();
    const id = await assistant('Pick a colour').getAttribute('data-id');
    const question = page.locator(`#log article[data-id="${id}"]`);
    await question.locator('button.action.wanted', { hasText: 'Blue' }).click();
    await assistant('You picked Blue.').waitFor();
    // The server shows the choice in the question and takes the buttons away.
    await question.locator('.body strong', { hasText: 'Selected:' }).waitFor();
    expect(await question.locator('button.action').count()).toBe(0);
    expect(await page.locator('#ask').isVisible()).toBe(false);
  });

  it('runs an @OnAction handler over HTTP when an action button is clicked', async () => {
    await page.locator('button.action', { hasText: 'Ping' }).click();
    await page.locator('.toast.success', { hasText: 'pong 1' }).waitFor();
    expect(bot.actions).toEqual([
      expect.objectContaining({ name: 'ping', payload: { n: 1 }, label: 'Ping' }),
    ]);
  });

  it('answers a file ask by uploading the picked file', async () => {
    await send('ask file');
    await page.locator('#ask[data-type="file"]').waitFor();
    await page.locator('#ask-file').setInputFiles({
      name: 'hello.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello, file'),
    });
    await page.locator('#ask button', { hasText: 'Upload' }).click();
    await assistant('Got hello.txt (11 bytes): hello, file').waitFor();
    expect(await page.locator('#ask').isVisible()).toBe(false);
  });

  it('shows an inline image element and a side text element opened from its name', async () => {
    await send('element');
    const message = assistant('Here is a picture');
    const image = message.locator('figure.element.image img');
    await image.waitFor();
    await page.waitForFunction(
      () => document.querySelector('figure.element.image img')?.naturalWidth === 24,
    );
    expect(await image.getAttribute('src')).toMatch(/\/project\/file\/[\w-]+\?session_id=/);
    await message.locator('.body button.ref', { hasText: 'notes.txt' }).click();
    await page
      .locator('#side #side-body pre.text', { hasText: 'Hello from a text element.' })
      .waitFor();
    expect(await page.locator('#side-title').textContent()).toBe('notes.txt');
    await page.screenshot({ path: `${ARTIFACTS}playground.png` });
  });

  it('sends changed chat settings from the settings panel to @OnSettingsUpdate', async () => {
    await page.locator('#gear').click();
    const dialog = page.locator('dialog#settings');
    await dialog.waitFor();
    expect(await dialog.locator('#setting-model').inputValue()).toBe('small');
    await dialog.locator('#setting-model').selectOption('large');
    await dialog.locator('#setting-stream').uncheck();
    await dialog.locator('#settings-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await until(() => bot.settings.length > 0);
    expect(bot.settings).toEqual([{ model: 'large', stream: false, temperature: 1 }]);
  });

  it('keeps the session and what it showed across a reload', async () => {
    await page.reload();
    await page.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
    await assistant('Welcome to the playground.').waitFor();
    await assistant('You picked Blue.').waitFor();
    expect(bot.starts).toHaveLength(1); // the same session: chat start did not run again
    await send('hello again');
    await assistant('You said: hello again').waitFor();
  });

  it('shows a connection error and reconnects when the server can be reached again', async () => {
    const other = await browser.newPage({ viewport: { width: 390, height: 760 } });
    await watch(other);
    await other.route(/\/ws\/socket\.io\/\?/, (route) => route.abort());
    await other.goto(`${server.url}/`);
    await other.locator('#state[data-state="error"]').waitFor({ timeout: 15_000 });
    expect(await other.locator('#state').textContent()).toMatch(/^error: .+/);
    await other.unroute(/\/ws\/socket\.io\/\?/);
    await other.locator('#state[data-state="connected"]').waitFor({ timeout: 20_000 });
    await other
      .locator('#log article.msg.assistant', { hasText: 'Welcome to the playground.' })
      .waitFor();
    await other.screenshot({ path: `${ARTIFACTS}playground-phone.png` });
    await other.close();
    expect(bot.starts).toHaveLength(2);
  }, 45_000);

  it('works under a global prefix and its own path: socket, actions and files all prefixed', async () => {
    const prefixed = await startApp(
      { providers: [PlaygroundBot] },
      { playground: { path: '/play' } },
      { configure: (app) => app.setGlobalPrefix('api') },
    );
    const other = await browser.newPage();
    await watch(other);
    try {
      await other.goto(`${prefixed.url}/api/play`);
      await other.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
      // `/api/play` leads to `/api/play/`, where the page's script and stylesheet are next to it.
      expect(other.url()).toBe(`${prefixed.url}/api/play/`);
      const config = await other.locator('#playground-config').textContent();
      expect(JSON.parse(config!)).toEqual({ socketPath: '/api/ws/socket.io', httpRoot: '/api' });
      await other.locator('button.action', { hasText: 'Ping' }).click();
      await other.locator('.toast.success', { hasText: 'pong 1' }).waitFor();
      await other.locator('#input').fill('element');
      await other.locator('#input').press('Enter');
      await other.waitForFunction(
        () => document.querySelector('figure.element.image img')?.naturalWidth === 24,
      );
      const src = await other.locator('figure.element.image img').getAttribute('src');
      expect(src?.startsWith(`${prefixed.url}/api/project/file/`)).toBe(true);
    } finally {
      await other.close();
      await prefixed.close();
    }
  });

  it('asks for a login when the app requires one, says why a login fails, then connects', async () => {
    const guarded = await startApp(
      { providers: [PlaygroundBot] },
      {
        playground: true,
        auth: {
          secret: 'a-playground-secret-of-32-characters!!',
          password: (username, password) =>
            username === 'ada' && password === 'lovelace' ? { identifier: 'ada' } : null,
        },
      },
    );
    const other = await browser.newPage();
    await watch(other);
    try {
      await other.goto(`${guarded.url}/`);
      await other.locator('dialog#login[open]').waitFor();
      await other.locator('#login-username').fill('ada');
      await other.locator('#login-password').fill('wrong');
      await other.locator('#login-submit').click();
      await other
        .locator('#login-error', { hasText: 'Authentication failed: wrong username or password' })
        .waitFor();
      await other.locator('#login-password').fill('lovelace');
      await other.locator('#login-submit').click();
      await other.locator('#state[data-state="connected"]').waitFor({ timeout: 15_000 });
      await other
        .locator('#log article.msg.assistant', { hasText: 'Welcome to the playground.' })
        .waitFor();
      expect(await other.locator('dialog#login[open]').count()).toBe(0);
    } finally {
      await other.close();
      await guarded.close();
    }
  });

  it('serves its script and stylesheet on their own routes, under a CSP with nothing inline', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('style-src')).toBe("style-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<style|\sstyle=|<script>/);
    expect(html).toContain('<script type="module" src="./playground.js"></script>');

    for (const [file, type] of [
      ['playground.js', 'text/javascript'],
      ['playground.css', 'text/css'],
      // The highlighter: highlight.js's core and a module per language, from node_modules.
      ['highlight/index.js', 'text/javascript'],
      ['highlight/core.js', 'text/javascript'],
      ['highlight/python.js', 'text/javascript'],
    ]) {
      const asset = await fetch(`${server.url}/${file}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(asset.headers.get('cache-control')).toBe('no-cache');
      const etag = asset.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      // (As a browser revalidates: fetch() would add Cache-Control: no-cache, which asks for 200.)
      expect(await statusOf(`${server.url}/${file}`, { 'If-None-Match': etag })).toBe(304);
    }
    const highlighter = await (await fetch(`${server.url}/highlight/index.js`)).text();
    expect(highlighter).toContain("import grammar11 from './python.js';");
    expect(highlighter).toContain("hljs.registerLanguage('python', grammar11);");
    expect((await fetch(`${server.url}/highlight/cobol.js`)).status).toBe(404);

    // The input grows with its text: the script sets its height through the CSSOM, which the
    // policy allows (style-src governs <style> and style attributes).
    const input = page.locator('#input');
    const height = () => input.evaluate((t: any) => t.offsetHeight as number);
    const before = await height();
    await input.fill('one\ntwo\nthree\nfour');
    expect(await height()).toBeGreaterThan(before);
    expect(await input.evaluate((t: any) => t.style.height)).toMatch(/^\d+px$/);
    await input.fill('');
    expect(await height()).toBe(before);
  });

  it('broke no Content-Security-Policy rule', () => {
    expect(cspViolations).toEqual([]);
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
