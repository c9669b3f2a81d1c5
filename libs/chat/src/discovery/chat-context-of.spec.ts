import 'reflect-metadata';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { OnAction } from '../decorators/on-action.decorator.js';
import { OnMessage } from '../decorators/on-message.decorator.js';
import type { UserMessage } from '../protocol/step.interface.js';
import { ChatSession } from '../session/chat-session.js';
import { chatContextOf } from './chat-context-of.js';

const session = new ChatSession(
  { id: 's1', threadId: 't1', clientType: 'webapp', env: {} },
  { publish: () => {}, reportError: () => {}, assistantName: 'Assistant', taskOf: () => undefined },
);
const message: UserMessage = { id: 'm', content: 'hi', threadId: 't1', createdAt: '', files: [] };

class Bot {
  @OnMessage()
  reply() {}

  @OnAction('rate')
  rate() {}
}

function context(args: unknown[], handler?: () => void, type = 'chat') {
  const host = new ExecutionContextHost(args, Bot, handler);
  host.setType(type);
  return host;
}

describe('chatContextOf', () => {
  it("gives the session, and the message as payload and message, of an @OnMessage handler's context", () => {
    expect(chatContextOf(context([message, session], Bot.prototype.reply))).toEqual({
      session,
      payload: message,
      message,
    });
  });

  it('gives the payload but no message for another handler with one (an action)', () => {
    const action = { name: 'rate' };
    const found = chatContextOf(context([action, session], Bot.prototype.rate));
    expect(found).toEqual({ session, payload: action });
    expect(found.session).toBe(session);
  });

  it('gives the session only for a handler of the session only', () => {
    expect(chatContextOf(context([session]))).toEqual({ session });
  });

  it('refuses a context of another type, naming it', () => {
    expect(() => chatContextOf(context([{}, {}], undefined, 'http'))).toThrow(
      new TypeError('chatContextOf: the context is of type "http", not a chat handler\'s ("chat")'),
    );
  });
});
