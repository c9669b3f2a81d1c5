import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { of } from 'rxjs';
import {
  type Action,
  ChatModule,
  type ChatSession,
  OnAction,
  OnChatEnd,
  OnChatStart,
  OnMessage,
  OnSettingsUpdate,
  OnStop,
  Select,
  type UserMessage,
} from 'nest-chat';
import { ChatTestClient } from 'nest-chat/testing';

/** A bot with a bit of everything a test of a bot needs to drive. */
@Injectable()
class TestedBot {
  readonly ended: string[] = [];
  readonly settings: Record<string, unknown>[] = [];

  @OnChatStart()
  async start(session: ChatSession): Promise<void> {
    await session.settings([new Select({ id: 'tone', values: ['plain', 'warm'] })]);
    await session.send('Hello', { actions: [{ name: 'wave', label: 'Wave' }] });
  }

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<unknown> {
    switch (message.content) {
      case 'name': {
        const answer = await session.ask('Your name?');
        return `Hi ${answer?.content}`;
      }
      case 'color': {
        const picked = await session.askAction('Color?', [
          { name: 'color', label: 'Red', payload: { c: 'red' } },
          { name: 'color', label: 'Blue', payload: { c: 'blue' } },
        ]);
        return `You picked ${String(picked?.payload.c)}`;
      }
      case 'steps':
        await session.step('Thinking', 'run', async () => {
          await session.step('search', 'tool', async () => 'found');
          return 'planned';
        });
        return 'Done thinking';
      case 'forever': {
        await new Promise((resolve) => session.signal.addEventListener('abort', resolve));
        return undefined;
      }
      default:
        return of(`${String(session.chatSettings.tone)}: `, message.content);
    }
  }

  @OnAction('wave')
  async wave(_action: Action, session: ChatSession): Promise<string> {
    await session.send('👋');
    return 'waved';
  }

  @OnSettingsUpdate()
  updated(settings: Record<string, unknown>): void {
    this.settings.push(settings);
  }

  @OnStop()
  async stopped(session: ChatSession): Promise<void> {
    await session.send('Stopped.');
  }

  @OnChatEnd()
  end(session: ChatSession): void {
    this.ended.push(session.id);
  }
}

describe('ChatTestClient: a chat session in a Test.createTestingModule app, without sockets', () => {
  let app: INestApplication;
  let bot: TestedBot;
  let chat: ChatTestClient;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ChatModule.forRoot()],
      providers: [TestedBot],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    bot = app.get(TestedBot);
  });

  beforeEach(async () => {
    chat = await ChatTestClient.open(app);
  });

  afterEach(() => chat.close());
  afterAll(() => app.close());

  it('opens after the chat start ran: its messages, buttons and settings are there', () => {
    expect(chat.texts()).toEqual(['Hello']);
    expect(chat.actions().map((a) => a.label)).toEqual(['Wave']);
    expect(chat.events.find((e) => e.name === 'chat_settings')?.data).toEqual([
      expect.objectContaining({ id: 'tone', initial: 'plain' }),
    ]);
  });

  it("sends a message and gives its task's events; a streamed answer is shown joined", async () => {
    const events = await chat.send('there');
    expect(events.map((e) => e.name)).toEqual([
      'first_interaction',
      'user_message',
      'task_start',
      'stream_start',
      'stream_token',
      'update_message',
      'task_end',
    ]);
    expect(chat.texts()).toEqual(['Hello', 'there', 'plain: there']);
  });

  it('answers a text ask and an action ask', async () => {
    await chat.send('name');
    expect(chat.pendingAsk()?.spec.type).toBe('text');
    chat.answer('Ada');
    await chat.idle();
    expect(chat.texts().at(-1)).toBe('Hi Ada');

    await chat.send('color');
    expect(chat.pendingAsk()?.spec.type).toBe('action');
    expect(() => chat.answer('Green')).toThrow('no button "Green"');
    chat.answer('Blue');
    await chat.idle();
    expect(chat.pendingAsk()).toBeUndefined();
    expect(chat.texts().slice(-2)).toEqual(['**Selected:** Blue', 'You picked blue']);
  });

  it('nests steps as the client does: under the user message, and in each other', async () => {
    await chat.send('steps');
    const [, question, answer] = chat.messages();
    expect([question.output, answer.output]).toEqual(['steps', 'Done thinking']);
    const [thinking] = question.steps;
    expect([thinking.name, thinking.output, thinking.parentId]).toEqual([
      'Thinking',
      'planned',
      question.id,
    ]);
    expect(thinking.steps.map((s) => [s.name, s.output])).toEqual([['search', 'found']]);
  });

  it('clicks an action, changes settings, and stops a task', async () => {
    expect(await chat.clickAction('Wave')).toEqual({ success: true, response: 'waved' });
    expect(chat.texts().at(-1)).toBe('👋');
    await expect(chat.clickAction('Nope')).rejects.toThrow('no button "Nope"');

    await chat.changeSettings({ tone: 'warm' });
    expect(bot.settings.at(-1)).toEqual({ tone: 'warm' });
    await expect(chat.changeSettings({ tone: 'loud' })).rejects.toThrow('"tone" must be one of');
    await chat.send('again');
    expect(chat.texts().at(-1)).toBe('warm: again');

    const running = chat.send('forever');
    await chat.next('task_start');
    await chat.stop();
    await running;
    expect(chat.texts().slice(-2)).toEqual(['Task manually stopped.', 'Stopped.']);
  });

  it('close() ends the session: @OnChatEnd runs', async () => {
    const id = chat.session.id;
    await chat.close();
    expect(bot.ended).toContain(id);
  });
});
