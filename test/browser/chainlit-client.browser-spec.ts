import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, bundleFixture, launchChromium, serveFixture } from './chromium.js';

/** What the test page exposes (see fixtures/chainlit-client.tsx); read inside the browser. */
declare const window: {
  chatState?: { messages: any[]; connected: boolean; loading: boolean; send(text: string): void };
  seenOutputs?: Record<string, string[]>;
};

describe('the published @chainlit/react-client against the demo app, in headless Chromium', () => {
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const openaiEnv = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };

  beforeAll(async () => {
    const script = await bundleFixture('chainlit-client.tsx');
    // The demo picks its offline, note-quoting assistant when it is imported without these set.
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    process.env.CHAT_DATA_DIR = 'memory://'; // keep no history from the tests
    const { AppModule } = await import('../../src/app.module.js');
    app = await NestFactory.create(AppModule, { logger: false });
    serveFixture(app, script);
    await app.listen(0, '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${await app.getUrl()}/__test/index.html`.replace('[::1]', '127.0.0.1'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (openaiEnv.key !== undefined) process.env.OPENAI_API_KEY = openaiEnv.key;
    if (openaiEnv.url !== undefined) process.env.OPENAI_BASE_URL = openaiEnv.url;
  });

  it('connects, gets the greeting, and sees a streamed answer with its nested steps in the client state', async () => {
    await page.waitForFunction(() => window.chatState?.connected === true, null, {
      timeout: 15_000,
    });
    await page.waitForFunction(
      () =>
        ((window.chatState?.messages ?? []) as any[]).some(
          (m) => m.type === 'assistant_message' && m.output.startsWith('Hi!'),
        ),
      null,
      { timeout: 10_000 },
    );

    const question = 'What is nest-chat?';
    await page.evaluate((text) => window.chatState!.send(text), question);
    await page.waitForFunction(
      (text) => {
        const messages = window.chatState!.messages as any[];
        const user = messages.findIndex((m) => m.type === 'user_message' && m.output === text);
        return (
          user >= 0 &&
          !window.chatState!.loading &&
          messages
            .slice(user + 1)
            .some((m) => m.type === 'assistant_message' && !m.streaming && m.output.includes(text))
        );
      },
      question,
      { timeout: 15_000 },
    );

    const state = await page.evaluate(() => ({
      messages: JSON.parse(JSON.stringify(window.chatState!.messages)),
      outputs: window.seenOutputs!,
    }));
    const user = state.messages.find((m: any) => m.type === 'user_message');
    const answer = state.messages.find(
      (m: any) => m.type === 'assistant_message' && m.output.includes(question),
    );
    expect(answer.output).toMatch(/^You asked: "What is nest-chat\?"/);
    expect(answer.streaming).toBe(false);
    // The client saw the answer grow token by token: at least 3 distinct partial outputs, each
    // extending the one before, before the final one.
    const partial = state.outputs[answer.id].filter((output: string) => output !== answer.output);
    expect(new Set(partial).size).toBeGreaterThanOrEqual(3);
    partial.forEach((output: string, i: number) => {
      expect(answer.output.startsWith(output)).toBe(true);
      if (i > 0) expect(output.length).toBeGreaterThan(partial[i - 1].length);
    });
    // The demo's steps nest under the user's message: Thinking (run) holds search_notes (tool).
    const thinking = (user.steps ?? []).find((s: any) => s.name === 'Thinking');
    expect(thinking).toMatchObject({ type: 'run' });
    expect(thinking.steps).toEqual([
      expect.objectContaining({ name: 'search_notes', type: 'tool' }),
    ]);

    expect(pageErrors).toEqual([]);

    await page.screenshot({ path: `${ARTIFACTS}chainlit-client.png`, fullPage: true });
  }, 60_000);
});
