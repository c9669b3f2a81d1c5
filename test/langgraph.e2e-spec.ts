import { INTERRUPT } from '@langchain/langgraph';
import { ChatClient, waitUntil, WAIT_MS, type ReceivedEvent } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { LangGraphBot } from './fixtures/langgraph.bot.js';

/** The steps a client saw (not messages), in order of appearance, as `type name` lines. */
function steps(events: ReceivedEvent[]) {
  const byId = new Map<string, any>();
  for (const e of events) {
    if (
      ['new_message', 'update_message', 'stream_start'].includes(e.name) &&
      !['assistant_message', 'user_message'].includes(e.data.type)
    ) {
      byId.set(e.data.id, { ...byId.get(e.data.id), ...e.data });
    }
  }
  return [...byId.values()];
}

/** Answers the next `ask` with `answer(payload)`, as the Chainlit client's acknowledgement does. */
function answerNextAsk(client: ChatClient, answer: (payload: any) => unknown): Promise<any> {
  return new Promise((resolve) => {
    client.socket.once('ask', (payload: any, ack: (value: unknown) => void) => {
      resolve(payload);
      ack(answer(payload));
    });
  });
}

const textAnswer = (text: string) => (payload: any) => ({
  id: crypto.randomUUID(),
  name: 'User',
  type: 'user_message',
  output: text,
  createdAt: new Date().toISOString(),
  parentId: payload.msg.parentId,
});

describe('nest-chat/langgraph: runGraph', () => {
  let server: TestApp;
  let bot: LangGraphBot;
  let client: ChatClient;

  beforeEach(async () => {
    server = await startApp({ providers: [LangGraphBot] });
    bot = server.app.get(LangGraphBot);
    client = await ChatClient.connect(server.url);
  }, 60_000);

  afterEach(async () => {
    client.close();
    await server.close();
  });

  /** Sends `text`, answers the ask with `answer`, and resolves with the task's events. */
  async function run(text: string, answer?: (payload: any) => unknown) {
    const asked = answer ? answerNextAsk(client, answer) : undefined;
    const messageId = crypto.randomUUID();
    const from = client.events.length;
    client.send(text, { id: messageId });
    const start = await client.next('task_start', from);
    await client.waitFor((e) => e.name === 'task_end', WAIT_MS, client.events.indexOf(start));
    return { events: client.events.slice(from), messageId, payload: await asked };
  }

  it('shows the nodes as steps, asks the interrupt’s question, and resumes the graph with the answer', async () => {
    const { events, messageId, payload } = await run('sign', textAnswer('Ada'));

    const shown = steps(events);
    expect(shown.map((s) => `${s.parentId === messageId ? '' : '  '}${s.type} ${s.name}`)).toEqual([
      'run draft',
      '  llm FakeListChatModel',
      'run review',
      'run review',
    ]);
    const [draft, llm, paused, resumed] = shown;
    expect(llm.parentId).toBe(draft.id);
    expect(shown.every((s) => !s.isError && s.end)).toBe(true);
    // The model streamed its tokens into its step, though the node called invoke().
    expect(events.some((e) => e.name === 'stream_token' && e.data.id === llm.id)).toBe(true);
    expect(llm.output).toBe('Roses are red, the sea is blue.');
    // The node that called interrupt() ended showing what it waits for, then ran again.
    expect(JSON.parse(paused.output)).toEqual({ question: 'Who signs the poem?' });
    expect(resumed.output).toContain('Signed: Ada.');

    expect(payload.spec.type).toBe('text');
    expect(payload.msg).toMatchObject({ output: 'Who signs the poem?', waitForAnswer: true });
    const names = events.map((e) => e.name);
    expect(names.indexOf('ask')).toBeGreaterThan(
      events.findIndex((e) => e.name === 'update_message' && e.data.id === paused.id),
    );

    // The draft streamed as the answer before the question; the graph's last message after it.
    const answers = events.filter(
      (e) => e.data?.type === 'assistant_message' && e.data.id !== payload.msg.id,
    );
    const final = answers.at(-1)!.data;
    expect(final).toMatchObject({
      output: 'Roses are red, the sea is blue. Signed: Ada.',
      streaming: false,
    });
    expect(names.lastIndexOf('ask')).toBeLessThan(events.findIndex((e) => e.data?.id === final.id));
    expect(events.map((e) => e.data?.name)).not.toContain('__start__');
    expect(events.map((e) => e.data?.name)).not.toContain('LangGraph');
    expect(bot.outcomes).toEqual(['completed']);
    expect(bot.states[0].messages.map((m: any) => m.content)).toEqual([
      'Write a poem',
      'Roses are red, the sea is blue.',
      'Roses are red, the sea is blue. Signed: Ada.',
    ]);
  });

  it('keeps the graph’s state on the session’s thread: a second message continues it, another session starts afresh', async () => {
    await run('sign', textAnswer('Ada'));
    await run('sign', textAnswer('Grace'));
    const other = await ChatClient.connect(server.url);
    try {
      const asked = answerNextAsk(other, textAnswer('Linus'));
      await other.ask('sign');
      await asked;
    } finally {
      other.close();
    }
    expect(bot.states.map((s) => s.messages.length)).toEqual([3, 6, 3]);
    expect(bot.states[1].messages.at(-1).content).toContain('Signed: Grace.');
  });

  it('asks with buttons when the interrupt has choices, and resumes with the chosen value', async () => {
    const { events, payload } = await run(
      'publish',
      (asked) =>
        client.events.find((e) => e.name === 'action' && e.data.id === asked.spec.keys[0])!.data,
    );
    expect(payload.spec.type).toBe('action');
    expect(payload.msg.output).toBe('Publish it?');
    const buttons = events.filter((e) => e.name === 'action').map((e) => e.data);
    expect(buttons.map((b) => [b.label, b.id])).toEqual([
      ['On the blog', payload.spec.keys[0]],
      ['Not now', payload.spec.keys[1]],
    ]);
    const final = events.filter((e) => e.data?.type === 'assistant_message').at(-1)!.data;
    expect(final.output).toBe('Published on the blog.');
    expect(bot.outcomes).toEqual(['completed']);
  });

  it('leaves the graph paused when the ask times out, with its interrupt in the state', async () => {
    const { events } = await run('sign 0.3');
    expect(events.map((e) => e.name)).toContain('ask_timeout');
    expect(bot.outcomes).toEqual(['paused']);
    expect(bot.states[0][INTERRUPT]).toEqual([
      { id: expect.any(String), value: { question: 'Who signs the poem?' } },
    ]);
    expect(events.some((e) => e.data?.isError)).toBe(false);
    expect(steps(events).map((s) => s.name)).toEqual(['draft', 'FakeListChatModel', 'review']);
  });

  it('ends the graph when the user presses Stop while a node runs', async () => {
    const from = client.events.length;
    client.send('slow');
    await client.waitFor(
      () => client.names(from).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      from,
    );
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    await waitUntil(() => bot.outcomes.length > 0, 'the graph to end');
    expect(bot.outcomes[0]).toMatch(/Abort/);
    const events = client.events.slice(from);
    expect(events.map((e) => e.name)).not.toContain('ask');
    expect(steps(events).map((s) => s.name)).not.toContain('review');
    expect(events.some((e) => e.data?.isError && e.data.name === 'Error')).toBe(false);
  });

  it('ends the graph when the user presses Stop instead of answering', async () => {
    const from = client.events.length;
    client.send('sign');
    await client.next('ask', from);
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    await waitUntil(() => bot.outcomes.length > 0, 'the graph to end');
    expect(bot.outcomes[0]).toMatch(/Abort/);
    const after = client.events.slice(stopAt);
    expect(after.map((e) => e.name)).toContain('clear_ask');
    expect(after.some((e) => e.data?.output?.includes('Signed'))).toBe(false);
    expect(steps(client.events.slice(from)).map((s) => s.name)).toEqual([
      'draft',
      'FakeListChatModel',
      'review',
    ]);
  });
});
