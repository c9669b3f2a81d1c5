import 'reflect-metadata';
import {
  Controller,
  Inject,
  Injectable,
  type LoggerService,
  Module,
  Scope,
  type Type,
} from '@nestjs/common';
import { DiscoveryModule, REQUEST } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { OnChatEnd } from '../decorators/on-chat-end.decorator.js';
import { OnChatStart } from '../decorators/on-chat-start.decorator.js';
import { OnMessage } from '../decorators/on-message.decorator.js';
import { OnStop } from '../decorators/on-stop.decorator.js';
import type { UserMessage } from '../protocol/step.interface.js';
import { ChatSession } from '../session/chat-session.js';
import type { ChatHandler } from './chat-handler.interface.js';
import { ChatMetadataAccessor } from './chat-metadata.accessor.js';
import { ChatExplorer } from './chat.explorer.js';

const session = (id: string) =>
  new ChatSession(
    { id, threadId: `thread-${id}`, clientType: 'webapp', env: {} },
    {
      publish: () => {},
      reportError: () => {},
      assistantName: 'Assistant',
      taskOf: () => undefined,
    },
  );

const userMessage = (content: string): UserMessage => ({
  id: `m-${content}`,
  content,
  threadId: 't',
  createdAt: '2025-01-01T00:00:00.000Z',
  files: [],
});

/** A LoggerService that keeps what it is given, instead of printing it. */
class RecordingLogger implements LoggerService {
  readonly entries: { level: string; message: unknown; context: unknown }[] = [];
  log(message: unknown, context?: unknown) {
    this.entries.push({ level: 'log', message, context });
  }
  warn(message: unknown, context?: unknown) {
    this.entries.push({ level: 'warn', message, context });
  }
  error(message: unknown, ...rest: unknown[]) {
    this.entries.push({ level: 'error', message, context: rest.at(-1) });
  }
  warnings() {
    return this.entries.filter((e) => e.level === 'warn');
  }
}

@Injectable()
class First {
  @OnMessage()
  a() {
    return 'First#a';
  }

  @OnMessage({ order: -10 })
  early() {
    return 'First#early';
  }

  @OnStop()
  stop() {
    return 'First#stop';
  }

  notAHandler() {
    return 'never registered';
  }
}

@Injectable()
class Second {
  @OnMessage()
  b() {
    return 'Second#b';
  }

  @OnChatStart()
  @OnMessage({ order: 10 })
  late() {
    return 'Second#late';
  }
}

@Controller()
class ChatController {
  @OnMessage()
  fromController() {
    return 'ChatController#fromController';
  }
}

@Injectable()
class Greeter {
  private readonly greeting = 'Hello';

  @OnMessage()
  greet(message: UserMessage, chat: ChatSession) {
    return `${this.greeting}, ${message.content}! (${chat.id})`;
  }

  @OnChatEnd()
  fail() {
    throw new Error('sync failure');
  }
}

@Injectable()
class Twice {
  @OnMessage({ order: 1 })
  @OnMessage({ order: -1 })
  handle() {
    return 'Twice#handle';
  }
}

@Injectable({ scope: Scope.TRANSIENT })
class Bot {
  @OnMessage()
  onMessage() {
    return 'never';
  }
}

let made = 0;

@Injectable({ scope: Scope.REQUEST })
class PerSession {
  readonly instance = ++made;
  constructor(@Inject(REQUEST) readonly request: unknown) {}

  @OnMessage()
  who() {
    return { instance: this.instance, request: this.request };
  }
}

/** A default-scoped provider that depends on a request-scoped one: request-scoped as well. */
@Injectable()
class DependsOnPerSession {
  constructor(readonly perSession: PerSession) {}

  @OnChatStart()
  who() {
    return this.perSession.who();
  }
}

interface Who {
  instance: number;
  request: unknown;
}

async function explorerWith(
  providers: unknown[],
  controllers: Type[] = [],
  logger = new RecordingLogger(),
) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ChatExplorer, ChatMetadataAccessor, ...(providers as Type[])],
    controllers,
  })
    .setLogger(logger)
    .compile();
  await moduleRef.init();
  return { explorer: moduleRef.get(ChatExplorer), logger, moduleRef };
}

const names = (handlers: readonly ChatHandler[]) => handlers.map((h) => h.name);

describe('ChatExplorer', () => {
  it('finds the handlers of providers and controllers, by kind', async () => {
    const { explorer } = await explorerWith([First, Second], [ChatController]);
    expect(names(explorer.get('chatStart'))).toEqual(['Second#late']);
    expect(names(explorer.get('stop'))).toEqual(['First#stop']);
    expect(names(explorer.get('message'))).toContain('ChatController#fromController');
    expect(explorer.get('chatEnd')).toEqual([]);
    expect(explorer.get('disconnect')).toEqual([]);
    expect(explorer.get('settingsUpdate')).toEqual([]);
  });

  it('orders the handlers of a kind by their `order` option, then by discovery order', async () => {
    const { explorer } = await explorerWith([First, Second], [ChatController]);
    expect(names(explorer.get('message'))).toEqual([
      'First#early', // order -10
      'First#a', // order 0, first provider
      'Second#b', // order 0, second provider
      'ChatController#fromController', // order 0, controllers after providers
      'Second#late', // order 10
    ]);
    expect(explorer.get('message').map((h) => h.options)).toEqual([
      { order: -10 },
      {},
      {},
      {},
      { order: 10 },
    ]);
  });

  it('follows the provider order it is given when the orders are equal', async () => {
    const { explorer } = await explorerWith([Second, First]);
    expect(names(explorer.get('message'))).toEqual([
      'First#early',
      'Second#b',
      'First#a',
      'Second#late',
    ]);
  });

  it('tags every handler with its kind', async () => {
    const { explorer } = await explorerWith([First, Second]);
    expect(explorer.get('stop').map((h) => h.kind)).toEqual(['stop']);
    expect(explorer.get('chatStart').map((h) => h.kind)).toEqual(['chatStart']);
    expect(new Set(explorer.get('message').map((h) => h.kind))).toEqual(new Set(['message']));
  });

  it('registers a method decorated twice as two handlers, each at its own order', async () => {
    const { explorer } = await explorerWith([First, Twice]);
    expect(names(explorer.get('message'))).toEqual([
      'First#early',
      'Twice#handle',
      'First#a',
      'Twice#handle',
    ]);
  });

  it('calls a handler on its provider instance, with the arguments given', async () => {
    const { explorer, moduleRef } = await explorerWith([Greeter]);
    const [greet] = explorer.get('message');
    const s1 = session('s1');
    await expect(greet.invoke(s1, [userMessage('Ada'), s1])).resolves.toBe('Hello, Ada! (s1)');
    expect(moduleRef.get(Greeter)).toBeInstanceOf(Greeter);
  });

  it('turns a synchronous throw of a handler into a rejected promise', async () => {
    const { explorer } = await explorerWith([Greeter]);
    const [fail] = explorer.get('chatEnd');
    const invoking = fail.invoke(session('s1'), []);
    expect(invoking).toBeInstanceOf(Promise);
    await expect(invoking).rejects.toThrow(new Error('sync failure'));
  });

  it('does not register a handler twice when its provider is also reached through an alias', async () => {
    const { explorer } = await explorerWith([First, { provide: 'FIRST', useExisting: First }]);
    expect(names(explorer.get('message'))).toEqual(['First#early', 'First#a']);
  });

  it('finds the handlers of a value provider, and skips values that are not class instances', async () => {
    const { explorer } = await explorerWith([
      { provide: 'GREETER', useValue: new Greeter() },
      { provide: 'NUMBER', useValue: 42 },
      { provide: 'NULL_PROTOTYPE', useValue: Object.create(null) },
      { provide: 'FACTORY_NULL', useFactory: () => null },
    ]);
    expect(names(explorer.get('message'))).toEqual(['Greeter#greet']);
  });

  it('finds the handlers of providers in imported modules', async () => {
    @Module({ providers: [Second] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule, FeatureModule],
      providers: [ChatExplorer, ChatMetadataAccessor, First],
    }).compile();
    await moduleRef.init();
    expect(new Set(names(moduleRef.get(ChatExplorer).get('message')))).toEqual(
      new Set(['First#early', 'First#a', 'Second#b', 'Second#late']),
    );
  });

  it('explores again from scratch, without duplicating handlers', async () => {
    const { explorer } = await explorerWith([First]);
    explorer.explore();
    expect(names(explorer.get('message'))).toEqual(['First#early', 'First#a']);
  });

  it('refuses a handler on a transient provider with a warning that names it, and registers the others', async () => {
    const { explorer, logger } = await explorerWith([Bot, First]);
    expect(logger.warnings()).toEqual([
      {
        level: 'warn',
        message:
          'Cannot register chat handler "Bot#onMessage": it is defined in a transient provider. ' +
          'Make the provider a singleton, or request-scoped to get one instance per chat session.',
        context: 'ChatModule',
      },
    ]);
    expect(names(explorer.get('message'))).toEqual(['First#early', 'First#a']);
  });

  it('warns about nothing when every handler can be registered', async () => {
    const { logger } = await explorerWith([First, Second, PerSession], [ChatController]);
    expect(logger.warnings()).toEqual([]);
  });

  describe('a request-scoped provider', () => {
    it('is resolved once per chat session, with that session as REQUEST', async () => {
      const { explorer } = await explorerWith([PerSession]);
      const [handler] = explorer.get('message');
      expect(handler.name).toBe('PerSession#who');
      const a = session('a');
      const first = (await handler.invoke(a, [])) as Who;
      const second = (await handler.invoke(a, [])) as Who;
      expect(first.request).toBe(a);
      expect(second).toEqual({ instance: first.instance, request: a });
      expect(second.request).toBe(a);
    });

    it('gets another instance, with its own REQUEST, for another session', async () => {
      const { explorer } = await explorerWith([PerSession]);
      const [handler] = explorer.get('message');
      const a = session('a');
      const b = session('b');
      const fromA = (await handler.invoke(a, [])) as Who;
      const fromB = (await handler.invoke(b, [])) as Who;
      expect(fromB.request).toBe(b);
      expect(fromB.instance).not.toBe(fromA.instance);
      expect(((await handler.invoke(a, [])) as Who).instance).toBe(fromA.instance);
    });

    it('gives two concurrent first calls of one session the same instance', async () => {
      const { explorer } = await explorerWith([PerSession]);
      const [handler] = explorer.get('message');
      const a = session('a');
      const [one, two] = (await Promise.all([handler.invoke(a, []), handler.invoke(a, [])])) as [
        Who,
        Who,
      ];
      expect(one.instance).toBe(two.instance);
      expect(one.request).toBe(a);
    });

    it('makes a provider that depends on it per session too, sharing the session instance', async () => {
      const { explorer } = await explorerWith([PerSession, DependsOnPerSession]);
      const [viaDependency] = explorer.get('chatStart');
      const [direct] = explorer.get('message');
      const a = session('a');
      const b = session('b');
      const fromA = (await viaDependency.invoke(a, [])) as Who;
      expect(fromA.request).toBe(a);
      expect(((await direct.invoke(a, [])) as Who).instance).toBe(fromA.instance);
      const fromB = (await viaDependency.invoke(b, [])) as Who;
      expect(fromB.request).toBe(b);
      expect(fromB.instance).not.toBe(fromA.instance);
    });
  });
});
