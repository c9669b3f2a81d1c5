import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChatModule, type ChatModuleOptions } from 'nest-chat';

export interface TestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Starts a real Nest app with `ChatModule` on a free loopback port. */
export async function startApp(
  metadata: ModuleMetadata,
  options: ChatModuleOptions = {},
  configure?: (app: INestApplication) => void,
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    ...metadata,
    imports: [ChatModule.forRoot(options), ...(metadata.imports ?? [])],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}
