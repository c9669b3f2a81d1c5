import { ChatClient, waitUntil, WAIT_MS, type ReceivedEvent } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { LangChainBot } from './fixtures/langchain.bot.js';

/** The steps a client saw, as a tree of `type name` lines, and every step by name. */
function stepTree(events: ReceivedEvent[], rootParent: string) {
  const steps = new Map<string, any>();
  for (const e of events) {
    if (
      ['new_message', 'update_message', 'stream_start'].includes(e.name) &&
      e.data.type !== 'assistant_message'
    ) {
      steps.set(e.data.id, { ...steps.get(e.data.id), ...e.data });
    }
  }
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const step of steps.values()) {
      if (step.parentId !== parent) continue;
      lines.push(`${'  '.repeat(depth)}${step.type} ${step.name}`);
      walk(step.id, depth + 1);
    }
  };
  walk(rootParent, 0);
  const byName = Object.fromEntries([...steps.values()].map((s) => [s.name, s]));
  return { lines, byName };
}

describe('nest-chat/langchain: runs shown as steps', () => {
  let server: TestApp;
  let client: ChatClient;

  beforeEach(async () => {
    server = await startApp({ providers: [LangChainBot] });
    client = await ChatClient.connect(server.url);
  }, 60_000);

  afterEach(async () => {
    client.close();
    await server.close();
  });

  async function run(mode: string) {
    const messageId = crypto.randomUUID();
    const from = client.events.length;
    client.send(mode, { id: messageId });
    const start = await client.next('task_start', from);
    await client.waitFor((e) => e.name === 'task_end', WAIT_MS, client.events.indexOf(start));
    return { events: client.events.slice(from), messageId };
  }

  it.each(['awaited', 'background'])(
    'shows the agent, its retriever, tool and chat model as nested steps (callbacks %s), wrappers hidden',
    async (mode) => {
      const { events, messageId } = await run(mode);
      const { lines, byName } = stepTree(events, messageId);
      expect(lines).toEqual([
        'run Agent',
        '  retrieval FakeRetriever',
        '  tool get_weather',
        '  llm FakeListChatModel',
      ]);
      expect(byName.FakeRetriever.output).toContain('nest-chat streams tokens');
      expect(byName.get_weather).toMatchObject({
        input: '{"city":"Paris"}',
        output: 'Sunny in Paris',
      });
      expect(byName.FakeListChatModel).toMatchObject({
        output: 'It is sunny in Paris.',
        streaming: false,
      });
      expect(byName.FakeListChatModel.input).toBe(
        'human: What is the weather?\nnest-chat streams tokens\nSunny in Paris',
      );
      expect(byName.Agent.end).toBeDefined();
      expect(server.app.get(LangChainBot).outcomes).toEqual(['completed']);
    },
  );

  it('streams the chat model’s tokens into its llm step, and the answer into a message', async () => {
    const { events } = await run('awaited');
    const { byName } = stepTree(events, '');
    const llmId = byName.FakeListChatModel.id;
    const tokens = events.filter((e) => e.name === 'stream_token' && e.data.id === llmId);
    expect(tokens.length).toBeGreaterThan(0);
    const answer = events.filter((e) => e.data?.type === 'assistant_message');
    expect(answer[0].name).toBe('stream_start');
    expect(answer.at(-1)!.data).toMatchObject({
      output: 'It is sunny in Paris.',
      streaming: false,
    });
  });

  it('sends the last LLM call’s text as the answer when the run is invoked (no tokens)', async () => {
    const { events, messageId } = await run('invoke');
    expect(stepTree(events, messageId).lines).toEqual([
      'run Agent',
      '  retrieval FakeRetriever',
      '  tool get_weather',
      '  llm FakeListChatModel',
    ]);
    const answer = events.filter((e) => e.data?.type === 'assistant_message');
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.at(-1)!.data).toMatchObject({
      output: 'It is sunny in Paris.',
      streaming: false,
    });
    expect(server.app.get(LangChainBot).outcomes).toEqual(['completed']);
  });

  it.each(['pipeline', 'pipeline-stream'])(
    'shows a prompt as text, a named lambda, and the tool calls on the llm step (%s)',
    async (mode) => {
      const { events, messageId } = await run(mode);
      const { lines, byName } = stepTree(events, messageId);
      expect(lines).toEqual([
        'run Pipeline',
        '  run ChatPromptTemplate',
        '  llm FakeStreamingChatModel',
        '  run ToolCalls',
      ]);
      const prompt = 'system: You answer in one line.\nhuman: What is the weather?';
      expect(byName.ChatPromptTemplate.input).toBe(
        JSON.stringify({ question: 'What is the weather?' }, null, 2),
      );
      expect(byName.ChatPromptTemplate.output).toBe(prompt);
      const llm = byName.FakeStreamingChatModel;
      expect(llm.input).toBe(prompt);
      expect(llm.output).toBe('Let me check the weather.\n\n→ get_weather({"city":"Paris"})');
      expect(llm.generation.toolCalls).toEqual([
        { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ]);
      expect(JSON.parse(byName.ToolCalls.output)).toEqual([
        { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } },
      ]);
      for (const step of Object.values(byName) as { input?: string; output: string }[]) {
        expect(`${step.input} ${step.output}`).not.toContain('"lc":');
      }
      const answer = events.filter((e) => e.data?.type === 'assistant_message');
      expect(answer.at(-1)!.data).toMatchObject({
        output: 'Let me check the weather.',
        streaming: false,
      });
    },
  );

  it('marks the failing tool and its chain isError, and the user gets the error', async () => {
    const { events, messageId } = await run('failing');
    const { lines, byName } = stepTree(events, messageId);
    expect(lines).toEqual(['run Agent', '  retrieval FakeRetriever', '  tool get_weather']);
    expect(byName.get_weather).toMatchObject({ isError: true, output: 'No forecast for Paris' });
    expect(byName.Agent).toMatchObject({ isError: true });
    const error = events.find((e) => e.name === 'new_message' && e.data.name === 'Error');
    expect(error?.data).toMatchObject({ isError: true, output: 'No forecast for Paris' });
  });

  it('stops the run when the user presses Stop', async () => {
    const from = client.events.length;
    client.send('slow');
    await client.waitFor(
      () => client.events.slice(from).filter((e) => e.name === 'stream_token').length >= 3,
      WAIT_MS,
      from,
    );
    const stopAt = client.events.length;
    const streams = new Set(
      client.events.slice(from).flatMap((e) => (e.name === 'stream_token' ? [e.data.id] : [])),
    );
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    const outcomes = server.app.get(LangChainBot).outcomes;
    await waitUntil(() => outcomes.length > 0, 'the run to end');
    // A second run of the same pace streams three tokens: the stopped run's, had it gone on,
    // would have come meanwhile.
    const later = client.events.length;
    client.send('slow');
    await client.waitFor(
      () => client.names(later).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      later,
    );
    const after = client.events
      .slice(stopAt)
      .filter((e) => e.name === 'stream_token' && streams.has(e.data.id));
    expect(after.length).toBeLessThanOrEqual(2);
    expect(outcomes[0]).toMatch(/Abort/);
    expect(
      client.events.slice(stopAt).some((e) => e.data?.isError && e.data.name === 'Error'),
    ).toBe(false);
    const secondStop = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', secondStop);
  });
});
