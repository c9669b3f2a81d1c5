import { Injectable } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChatHealthIndicator, type ChatModuleOptions, type ChatStore } from 'nest-chat';
import { createPGliteClient, SqlChatStore } from '../libs/chat/src/persistence/index.js';
import { HealthController } from './fixtures/health.controller.js';
import { startApp, type TestApp } from './utils/test-app.js';

/**
 * A store in front of a real one that can lose its database: while `down`, every call fails as
 * `pg` fails when the server is gone.
 */
@Injectable()
class Outage {
  down = false;
  wrap(store: ChatStore): ChatStore {
    return new Proxy(store, {
      get: (target, key: string) => {
        const value = (target as any)[key];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          this.down && key !== 'close'
            ? Promise.reject(
                Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
                  code: 'ECONNREFUSED',
                }),
              )
            : value.apply(target, args);
      },
    });
  }
}

describe('ChatHealthIndicator with @nestjs/terminus', () => {
  let server: TestApp | undefined;
  let inner: ChatStore;

  // One PGlite for the file: opening one takes seconds on a busy machine.
  beforeAll(async () => {
    inner = await SqlChatStore.open(await createPGliteClient('memory://'));
  }, 60_000);

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  afterAll(() => inner.close());

  async function start(options: ChatModuleOptions) {
    server = await startApp(
      { imports: [TerminusModule], controllers: [HealthController] },
      options,
    );
    return server;
  }

  async function ready() {
    const response = await fetch(`${server!.url}/health/ready`);
    return [response.status, await response.json()] as const;
  }

  it('reports the store up, then down (503, saying why) while its database is unreachable, then up again', async () => {
    const outage = new Outage();
    await start({ storage: { store: outage.wrap(inner) } });

    const up = { chat: { status: 'up', storage: { status: 'up', pendingWrites: 0 } } };
    expect(await ready()).toEqual([200, { status: 'ok', info: up, error: {}, details: up }]);

    outage.down = true;
    const down = {
      chat: {
        status: 'down',
        storage: {
          status: 'down',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
          pendingWrites: 0,
        },
      },
    };
    expect(await ready()).toEqual([503, { status: 'error', info: {}, error: down, details: down }]);

    outage.down = false;
    expect(await ready()).toEqual([200, { status: 'ok', info: up, error: {}, details: up }]);
  });

  it('reports only what the module uses: up with nothing to check, without storage and Redis', async () => {
    await start({});
    const up = { chat: { status: 'up' } };
    expect(await ready()).toEqual([200, { status: 'ok', info: up, error: {}, details: up }]);
  });

  it('gives a result without terminus too, and checks what it is asked to', async () => {
    const outage = new Outage();
    await start({ storage: { store: outage.wrap(inner) } });
    const indicator = server!.app.get(ChatHealthIndicator);
    outage.down = true;
    expect(await indicator.isHealthy('history')).toEqual({
      history: {
        status: 'down',
        storage: {
          status: 'down',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
          pendingWrites: 0,
        },
      },
    });
    expect(await indicator.isHealthy('chat', { storage: false })).toEqual({
      chat: { status: 'up' },
    });
  });
});
