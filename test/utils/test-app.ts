import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ChatModule, type ChatModuleOptions } from 'nest-chat';

/** The HTTP platforms the chat runs on: Nest's Express adapter (its default) and Fastify's. */
export type HttpPlatform = 'express' | 'fastify';

/** For `describe.each`: a suite that runs once on each platform. */
export const HTTP_PLATFORMS: [HttpPlatform][] = [['express'], ['fastify']];

/**
 * The platform of an app a suite does not choose: Express, unless `NEST_CHAT_TEST_PLATFORM`
 * says `fastify` (to run every suite on Fastify).
 */
const DEFAULT_PLATFORM: HttpPlatform =
  process.env.NEST_CHAT_TEST_PLATFORM === 'fastify' ? 'fastify' : 'express';

export interface TestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

export interface AppSetup {
  /** Express unless told (see `DEFAULT_PLATFORM`). */
  platform?: HttpPlatform;
  /** Called on the app before it listens (a global prefix, pipes, guards). */
  configure?: (app: INestApplication) => void;
}

/** Starts a real Nest app with `ChatModule` on a free loopback port. */
export async function startApp(
  metadata: ModuleMetadata,
  options: ChatModuleOptions = {},
  { platform = DEFAULT_PLATFORM, configure }: AppSetup = {},
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    ...metadata,
    imports: [ChatModule.forRoot(options), ...(metadata.imports ?? [])],
  }).compile();
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(), { logger: false })
      : moduleRef.createNestApplication({ logger: false });
  configure?.(app);
  return listenOnLoopback(app);
}

/** Starts `app` on a free loopback port. */
export async function listenOnLoopback(app: INestApplication): Promise<TestApp> {
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}
