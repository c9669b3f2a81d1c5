import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChatModule } from 'nest-chat';
import type { Browser, Page } from 'playwright-core';
import { EchoBot, Probe } from '../fixtures/echo.bot.js';
import { bundleFixture, launchChromium, serveFixture } from './chromium.js';

/** What the test page exposes (see fixtures/chainlit-client.tsx); read inside the browser. */
declare const window: {
  chatState?: { messages: any[]; connected: boolean; loading: boolean; send(text: string): void };
};

/** The app's own routes, at the paths the chat would take at the root. */
@Controller()
class AppController {
  @Get('user')
  me() {
    return { app: 'user' };
  }
}

@Module({
  imports: [ChatModule.forRoot({ mount: '/chat' })],
  providers: [Probe, EchoBot],
  controllers: [AppController],
})
class MountedAppModule {}

describe('the published @chainlit/react-client with a server URL that has a path (the mount option), in headless Chromium', () => {
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const script = await bundleFixture('chainlit-client.tsx');
    app = await NestFactory.create(MountedAppModule, { logger: false });
    serveFixture(app, script);
    await app.listen(0, '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await page.goto(`${url}/__test/index.html?server=/chat`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('connects under the mount, gets the greeting and an answer, and calls only routes under it', async () => {
    await page.waitForFunction(() => window.chatState?.connected === true, null, {
      timeout: 15_000,
    });
    await page.waitForFunction(
      () =>
        window.chatState!.messages.some((m) => m.output === 'Hi!' && !window.chatState!.loading),
      null,
      { timeout: 10_000 },
    );
    await page.evaluate(() => window.chatState!.send('string from the browser'));
    await page.waitForFunction(
      () =>
        window.chatState!.messages.some(
          (m) => m.type === 'assistant_message' && m.output === 'You said: from the browser',
        ),
      null,
      { timeout: 15_000 },
    );
    const chatCalls = requests.filter((path) => !path.startsWith('/__test/'));
    expect(chatCalls).toContain('/chat/set-session-cookie');
    expect(chatCalls.some((path) => path.startsWith('/chat/ws/socket.io/'))).toBe(true);
    expect(chatCalls.filter((path) => !path.startsWith('/chat/'))).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The app's own route at the root is the app's.
    const own = await page.evaluate(() => fetch('/user').then((res) => res.json()));
    expect(own).toEqual({ app: 'user' });
  });
});
