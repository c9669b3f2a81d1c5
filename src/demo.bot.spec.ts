import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChatModule } from 'nest-chat';
import { ChatTestClient } from 'nest-chat/testing';
import { DemoBot } from './demo.bot.js';
import { NOTES } from './demo-notes.js';

// The demo's own tests, written with nest-chat/testing: no sockets, no server.
describe('the demo assistant (offline)', () => {
  let app: INestApplication;
  let chat: ChatTestClient;

  beforeAll(async () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    const moduleRef = await Test.createTestingModule({
      imports: [ChatModule.forRoot()],
      providers: [DemoBot],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  beforeEach(async () => {
    chat = await ChatTestClient.open(app);
  });

  afterEach(() => chat.close());
  afterAll(() => app.close());

  it('greets with its commands, a picture button and its settings panel', () => {
    expect(chat.texts()[0]).toContain("I'm the nest-chat demo assistant");
    expect(chat.actions().map((a) => a.name)).toEqual(['picture']);
    const names = chat.events.map((e) => e.name);
    expect(names).toContain('set_commands');
    expect(chat.session.chatSettings).toEqual({ style: 'full', steps: true });
  });

  it('answers from its notes, streamed, after a Thinking step with the note search in it', async () => {
    const events = await chat.send('How does streaming work?');
    expect(events.filter((e) => e.name === 'stream_token').length).toBeGreaterThan(5);
    const [, question, answer] = chat.messages();
    const [thinking] = question.steps;
    expect(thinking.name).toBe('Thinking');
    expect(thinking.steps.map((s) => [s.name, s.output])).toEqual([
      ['search_notes', '- Streaming'],
    ]);
    expect(answer.output).toBe(
      `You asked: "How does streaming work?"\n\n**Streaming.** ${NOTES[1].text}`,
    );
  });

  it('answers in one line without steps when the settings say so', async () => {
    await chat.changeSettings({ style: 'short', steps: false });
    expect(chat.events.at(-1)).toEqual({
      name: 'toast',
      data: { message: 'Settings saved: one line, without steps.', type: 'success' },
    });
    await chat.send('stop');
    const [, question, answer] = chat.messages();
    expect(question.steps).toEqual([]);
    expect(answer.output).toBe(
      `You asked: "stop"\n\n**Stop.** Stop fires the session's AbortSignal: pass session.signal to what you await and the work really stops; the stream ends with what arrived.`,
    );
  });

  it('/ask asks for a name and greets it', async () => {
    await chat.send('/ask');
    expect(chat.pendingAsk()?.msg.output).toBe('What should I call you?');
    chat.answer('Ada');
    await chat.idle();
    expect(chat.texts().slice(-2)).toEqual(['Ada', 'Nice to meet you, Ada!']);
  });

  it('/pick offers the topics as buttons and tells the one picked', async () => {
    await chat.send('/pick');
    expect(chat.pendingAsk()?.spec.type).toBe('action');
    chat.answer('Stop');
    await chat.idle();
    expect(chat.texts().at(-1)).toBe(NOTES.find((n) => n.title === 'Stop')!.text);
  });

  it('the picture button shows the diagram and the notes', async () => {
    expect(await chat.clickAction('Show me a picture')).toEqual({ success: true, response: null });
    const elements = chat.events
      .filter((e) => e.name === 'element')
      .map((e) => e.data as { type: string; name: string; display: string });
    expect(elements.map((e) => [e.type, e.name, e.display])).toEqual([
      ['image', 'nest-chat.svg', 'inline'],
      ['text', 'notes.md', 'side'],
    ]);
  });

  it('Stop ends an answer midway', async () => {
    const answering = chat.send('What is nest-chat?');
    await chat.next('stream_start');
    await chat.stop();
    await answering;
    const texts = chat.texts();
    expect(texts.at(-1)).toBe('Task manually stopped.');
    // What arrived before Stop, and not the rest.
    const full = `You asked: "What is nest-chat?"\n\n**What nest-chat is.** ${NOTES[0].text}`;
    const cut = texts.at(-2)!;
    expect(cut.length).toBeGreaterThan(0);
    expect(full.startsWith(cut)).toBe(true);
    expect(cut.length).toBeLessThan(full.length);
  });
});
