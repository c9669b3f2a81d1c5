import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Controller, Inject, Injectable, Logger, Scope } from '@nestjs/common';
import { DiscoveryModule, REQUEST } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { OnChatStart } from '../decorators/on-chat-start.decorator.js';
import { OnMessage } from '../decorators/on-message.decorator.js';
import { OnStop } from '../decorators/on-stop.decorator.js';
import { ChatSession } from '../session/chat-session.js';
import { ChatMetadataAccessor } from './chat-metadata.accessor.js';
import { ChatExplorer } from './chat.explorer.js';

const session = (id: string) =>
  new ChatSession(
    { id, threadId: `thread-${id}`, clientType: 'webapp', env: {} },
    { publish: () => undefined, assistantName: 'Assistant' },
  );

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
  constructor(@Inject(REQUEST) readonly request: ChatSession) {}

  @OnMessage()
  who(_message: unknown, s: ChatSession) {
    return { instance: this.instance, sameSession: this.request === s };
  }
}

async function explorerWith(providers: any[], controllers: any[] = []) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [ChatExplorer, ChatMetadataAccessor, ...providers],
    controllers,
  }).compile();
  await moduleRef.init();
  return moduleRef.get(ChatExplorer);
}

describe('ChatExplorer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('finds the handlers of providers and controllers and orders them by `order`, then discovery order', async () => {
    const explorer = await explorerWith([First, Second], [ChatController]);
    expect(explorer.get('message').map((h) => h.name)).toEqual([
      'First#early',
      'First#a',
      'Second#b',
      'ChatController#fromController',
      'Second#late',
    ]);
    expect(explorer.get('chatStart').map((h) => h.name)).toEqual(['Second#late']);
    expect(explorer.get('stop').map((h) => h.name)).toEqual(['First#stop']);
    expect(explorer.get('chatEnd')).toEqual([]);
  });

  it('calls a handler on its provider instance with the arguments given', async () => {
    const explorer = await explorerWith([First]);
    const [early] = explorer.get('message');
    await expect(early.invoke(session('s1'), [])).resolves.toBe('First#early');
  });

  it('refuses a handler on a transient provider with a warning that names it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const explorer = await explorerWith([Bot, First]);
    expect(warn).toHaveBeenCalledWith(
      'Cannot register chat handler "Bot#onMessage": it is defined in a transient provider. ' +
        'Make the provider a singleton, or request-scoped to get one instance per chat session.',
    );
    expect(explorer.get('message').map((h) => h.name)).toEqual(['First#early', 'First#a']);
  });

  it('resolves a request-scoped provider once per chat session, with the session as REQUEST', async () => {
    const explorer = await explorerWith([PerSession]);
    const [handler] = explorer.get('message');
    const a = session('a');
    const b = session('b');
    const a1 = (await handler.invoke(a, [{}, a])) as { instance: number; sameSession: boolean };
    const a2 = (await handler.invoke(a, [{}, a])) as { instance: number; sameSession: boolean };
    const b1 = (await handler.invoke(b, [{}, b])) as { instance: number; sameSession: boolean };
    expect(a1).toEqual({ instance: a2.instance, sameSession: true });
    expect(b1.sameSession).toBe(true);
    expect(b1.instance).not.toBe(a1.instance);
  });
});
