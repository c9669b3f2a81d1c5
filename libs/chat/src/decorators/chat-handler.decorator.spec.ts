import 'reflect-metadata';
import type { UserMessage } from '../protocol/step.interface.js';
import {
  CHAT_ON_CHAT_END,
  CHAT_ON_CHAT_START,
  CHAT_ON_DISCONNECT,
  CHAT_ON_MESSAGE,
  CHAT_ON_SETTINGS_UPDATE,
  CHAT_ON_STOP,
} from './chat-decorators.constants.js';
import { type ChatHandlerOptions, createChatHandlerDecorator } from './chat-handler.decorator.js';
import { OnChatEnd } from './on-chat-end.decorator.js';
import { OnChatStart } from './on-chat-start.decorator.js';
import { OnDisconnect } from './on-disconnect.decorator.js';
import { OnMessage } from './on-message.decorator.js';
import { OnSettingsUpdate } from './on-settings-update.decorator.js';
import { OnStop } from './on-stop.decorator.js';

/** What each decorator is, for a method that takes no argument (which every kind accepts). */
type Decorator = (
  options?: ChatHandlerOptions,
) => (target: object, key: string, descriptor: TypedPropertyDescriptor<() => void>) => void;

const DECORATORS: [string, Decorator, string][] = [
  ['OnChatStart', OnChatStart, CHAT_ON_CHAT_START],
  ['OnMessage', OnMessage, CHAT_ON_MESSAGE],
  ['OnChatEnd', OnChatEnd, CHAT_ON_CHAT_END],
  ['OnDisconnect', OnDisconnect, CHAT_ON_DISCONNECT],
  ['OnStop', OnStop, CHAT_ON_STOP],
  ['OnSettingsUpdate', OnSettingsUpdate, CHAT_ON_SETTINGS_UPDATE],
];
const ALL_KEYS = DECORATORS.map(([, , key]) => key);

const meta = (key: string, method: unknown): unknown => Reflect.getMetadata(key, method as object);

/** A custom handler decorator, built as the built-in ones are. */
const OnAudit = (options: ChatHandlerOptions = {}) =>
  createChatHandlerDecorator('app:on_audit', options);

/** Decorates a getter, which is not a method. */
function decorateGetter() {
  class Bot {
    // @ts-expect-error a getter is not a method: it does not compile either
    @OnMessage()
    get value() {
      return 1;
    }
  }
  return Bot;
}

/** Decorates a setter-only accessor, which is not a method. */
function decorateSetter() {
  class Bot {
    // @ts-expect-error a setter is not a method: it does not compile either
    @OnStop()
    set value(_: number) {}
  }
  return Bot;
}

/** Decorates a property, which has no descriptor. */
function decorateProperty() {
  class Bot {
    @(OnChatStart() as PropertyDecorator)
    value = 1;
  }
  return Bot;
}

describe('chat handler decorators', () => {
  it('exports one namespaced metadata key per decorator', () => {
    expect(ALL_KEYS).toEqual([
      'chat:on_chat_start',
      'chat:on_message',
      'chat:on_chat_end',
      'chat:on_disconnect',
      'chat:on_stop',
      'chat:on_settings_update',
    ]);
  });

  it.each(DECORATORS)(
    '@%s() stores [{ options: {} }] on the method under its own key and no other',
    (_, decorator, key) => {
      class Bot {
        @decorator()
        handle() {}
      }
      expect(meta(key, Bot.prototype.handle)).toEqual([{ options: {} }]);
      for (const other of ALL_KEYS.filter((k) => k !== key)) {
        expect(meta(other, Bot.prototype.handle)).toBeUndefined();
      }
    },
  );

  it.each(DECORATORS)('@%s keeps the `order` option it is given', (_, decorator, key) => {
    class Bot {
      @decorator({ order: 7 })
      handle() {}
    }
    expect(meta(key, Bot.prototype.handle)).toEqual([{ options: { order: 7 } }]);
  });

  it.each(DECORATORS)(
    '@%s stacks: applied twice, the method holds two entries, innermost first',
    (_, decorator, key) => {
      class Bot {
        @decorator({ order: 2 })
        @decorator({ order: -1 })
        handle() {}
      }
      // Decorators apply bottom-up, so the one nearest the method is appended first.
      expect(meta(key, Bot.prototype.handle)).toEqual([
        { options: { order: -1 } },
        { options: { order: 2 } },
      ]);
    },
  );

  it('keeps the metadata of each method to itself', () => {
    class Bot {
      @OnMessage({ order: 1 })
      first() {}

      @OnMessage()
      second() {}

      plain() {}
    }
    expect(meta(CHAT_ON_MESSAGE, Bot.prototype.first)).toEqual([{ options: { order: 1 } }]);
    expect(meta(CHAT_ON_MESSAGE, Bot.prototype.second)).toEqual([{ options: {} }]);
    expect(meta(CHAT_ON_MESSAGE, Bot.prototype.plain)).toBeUndefined();
  });

  it('lets one method handle two kinds of event, each under its own key', () => {
    class Bot {
      @OnChatEnd()
      @OnDisconnect({ order: 3 })
      goodbye() {}
    }
    expect(meta(CHAT_ON_CHAT_END, Bot.prototype.goodbye)).toEqual([{ options: {} }]);
    expect(meta(CHAT_ON_DISCONNECT, Bot.prototype.goodbye)).toEqual([{ options: { order: 3 } }]);
  });

  it('returns the method descriptor unchanged, so the method still works', () => {
    class Bot {
      @OnMessage()
      reply(message: UserMessage) {
        return `You said: ${message.content}`;
      }
    }
    const message = { id: 'm', content: 'hi', threadId: 't', createdAt: '', files: [] };
    expect(new Bot().reply(message)).toBe('You said: hi');
  });

  it('builds custom decorators of the same shape under a custom key', () => {
    class Bot {
      @OnAudit({ order: 5 })
      @OnAudit()
      audit() {}
    }
    expect(meta('app:on_audit', Bot.prototype.audit)).toEqual([
      { options: {} },
      { options: { order: 5 } },
    ]);
  });

  it('refuses a getter, which is not a method, with a TypeError naming the key and the member', () => {
    expect(decorateGetter).toThrow(
      new TypeError(
        '@chat:on_message: "value" is not a method; chat handler decorators go on methods',
      ),
    );
  });

  it('refuses a setter-only accessor the same way, under the key of the decorator used', () => {
    expect(decorateSetter).toThrow(
      new TypeError(
        '@chat:on_stop: "value" is not a method; chat handler decorators go on methods',
      ),
    );
  });

  it('refuses a property, which has no descriptor, with the same TypeError', () => {
    expect(decorateProperty).toThrow(
      new TypeError(
        '@chat:on_chat_start: "value" is not a method; chat handler decorators go on methods',
      ),
    );
  });

  it('rejects an order that is not a number at compile time, storing it as given at runtime', () => {
    class Bot {
      // @ts-expect-error order is a number
      @OnMessage({ order: 'first' })
      handle() {}
    }
    expect(meta(CHAT_ON_MESSAGE, Bot.prototype.handle)).toEqual([{ options: { order: 'first' } }]);
  });
});
