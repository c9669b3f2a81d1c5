import 'reflect-metadata';
import {
  CHAT_ON_CHAT_END,
  CHAT_ON_CHAT_START,
  CHAT_ON_DISCONNECT,
  CHAT_ON_MESSAGE,
  CHAT_ON_SETTINGS_UPDATE,
  CHAT_ON_STOP,
} from '../chat.constants.js';
import { createChatHandlerDecorator } from './chat-handler.decorator.js';
import { OnChatEnd } from './on-chat-end.decorator.js';
import { OnChatStart } from './on-chat-start.decorator.js';
import { OnDisconnect } from './on-disconnect.decorator.js';
import { OnMessage } from './on-message.decorator.js';
import { OnSettingsUpdate } from './on-settings-update.decorator.js';
import { OnStop } from './on-stop.decorator.js';

const OnAudit = () => createChatHandlerDecorator('app:on_audit', { order: 5 });

/** Decorates a getter, which is not a method. */
function decorate() {
  class Bot {
    @(OnMessage() as any)
    get value() {
      return 1;
    }
  }
  return Bot;
}

const meta = (key: string, method: unknown) => Reflect.getMetadata(key, method as object);

describe('chat handler decorators', () => {
  it.each([
    ['OnChatStart', OnChatStart, CHAT_ON_CHAT_START],
    ['OnMessage', OnMessage, CHAT_ON_MESSAGE],
    ['OnChatEnd', OnChatEnd, CHAT_ON_CHAT_END],
    ['OnDisconnect', OnDisconnect, CHAT_ON_DISCONNECT],
    ['OnStop', OnStop, CHAT_ON_STOP],
    ['OnSettingsUpdate', OnSettingsUpdate, CHAT_ON_SETTINGS_UPDATE],
  ])('@%s stores { options } on the method under its key', (_, decorator, key) => {
    class Bot {
      @decorator()
      handle() {}
    }
    expect(meta(key, Bot.prototype.handle)).toEqual([{ options: {} }]);
    const others = [CHAT_ON_CHAT_START, CHAT_ON_MESSAGE, CHAT_ON_CHAT_END, CHAT_ON_STOP].filter(
      (k) => k !== key,
    );
    for (const other of others) expect(meta(other, Bot.prototype.handle)).toBeUndefined();
  });

  it('stacks: a method decorated twice holds both entries, options kept, in order', () => {
    class Bot {
      @OnMessage({ order: 2 })
      @OnMessage({ order: -1 })
      handle() {}
    }
    // Decorators apply bottom-up.
    expect(meta(CHAT_ON_MESSAGE, Bot.prototype.handle)).toEqual([
      { options: { order: -1 } },
      { options: { order: 2 } },
    ]);
  });

  it('lets one method handle two kinds of event', () => {
    class Bot {
      @OnChatEnd()
      @OnDisconnect()
      goodbye() {}
    }
    expect(meta(CHAT_ON_CHAT_END, Bot.prototype.goodbye)).toHaveLength(1);
    expect(meta(CHAT_ON_DISCONNECT, Bot.prototype.goodbye)).toHaveLength(1);
  });

  it('builds custom decorators with the same shape', () => {
    class Bot {
      @OnAudit()
      audit() {}
    }
    expect(meta('app:on_audit', Bot.prototype.audit)).toEqual([{ options: { order: 5 } }]);
  });

  it('refuses to decorate something that is not a method', () => {
    expect(decorate).toThrow(
      new TypeError(
        '@chat:on_message: "value" is not a method; chat handler decorators go on methods',
      ),
    );
  });
});
