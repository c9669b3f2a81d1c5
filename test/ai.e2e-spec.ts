import { ChatClient, waitUntil, WAIT_MS, type ReceivedEvent } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { AiBot } from './fixtures/ai.bot.js';

/** Every step and message a client saw, by id, merged from their events. */
function shown(events: ReceivedEvent[]) {
  const byId = new Map<string, any>();
  for (const e of events) {
    if (['new_message', 'update_message', 'stream_start'].includes(e.name)) {
      byId.set(e.data.id, { ...byId.get(e.data.id), ...e.data });
    }
    if (e.name === 'stream_token') {
      const item = byId.get(e.data.id);
      item.output = e.data.isSequence ? e.data.token : item.output + e.data.token;
    }
  }
  return [...byId.values()];
}

describe('nest-chat/ai: the AI SDK’s streamText in the chat', () => {
  let server: TestApp;
  let client: ChatClient;

  beforeEach(async () => {
    server = await startApp({ providers: [AiBot] });
    client = await ChatClient.connect(server.url);
  }, 60_000);

  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('streams the answer, shows the call as an llm step with its tool call as a tool step, and reports usage', async () => {
    const events = await client.ask('weather');
    const items = shown(events);
    const llm = items.find((s) => s.type === 'llm');
    expect(llm).toMatchObject({
      name: 'test-model',
      input: JSON.stringify(
        { system: 'Answer in one line.', input: 'What is the weather in Paris?' },
        null,
        2,
      ),
      output: 'Let me check.\n\nIt is sunny in Paris.',
      streaming: false,
    });
    expect(llm.generation).toMatchObject({
      provider: 'test-provider',
      model: 'test-model',
      settings: { temperature: 0 },
      inputTokenCount: 20,
      outputTokenCount: 10,
      tokenCount: 30,
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    const toolStep = items.find((s) => s.type === 'tool');
    expect(toolStep).toMatchObject({
      name: 'get_weather',
      parentId: llm.id,
      input: '{"city":"Paris"}',
      output: 'Sunny in Paris',
    });
    expect(toolStep.end).toBeDefined();
    const answer = items.filter((s) => s.type === 'assistant_message');
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({
      output: 'Let me check.\n\nIt is sunny in Paris.',
      streaming: false,
    });
    // The answer was streamed: its tokens, however the server grouped them, make its whole text.
    const answerId = answer[0].id;
    const start = events.find((e) => e.name === 'stream_start' && e.data.id === answerId);
    const tokens = events
      .filter((e) => e.name === 'stream_token' && e.data.id === answerId)
      .map((e) => e.data.token as string);
    expect(tokens.length).toBeGreaterThan(0);
    expect(start!.data.output + tokens.join('')).toBe('Let me check.\n\nIt is sunny in Paris.');
    expect(events.filter((e) => e.name === 'token_usage').map((e) => e.data)).toEqual([30]);
    const [result] = server.app.get(AiBot).results;
    expect(result).toMatchObject({
      content: 'Let me check.\n\nIt is sunny in Paris.',
      usage: { input: 20, output: 10, total: 30 },
      toolResults: [{ id: 'call_1', name: 'get_weather', output: 'Sunny in Paris' }],
      finishReason: 'stop',
      stopped: false,
    });
    expect((await result.result.response).messages.length).toBeGreaterThan(0);
  });

  it('stops the call when the user presses Stop: the model’s abortSignal fires and the message keeps what arrived', async () => {
    const bot = server.app.get(AiBot);
    const from = client.events.length;
    client.send('slow');
    await client.waitFor(
      () => client.names(from).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      from,
    );
    client.socket.emit('stop');
    await client.next('task_end', from);
    await waitUntil(() => bot.results.length === 1, 'the call to return');
    const [result] = bot.results;
    expect(bot.aborted).toEqual([true]);
    expect(result.stopped).toBe(true);
    expect(result.content).toMatch(/^t0 t1 t2 /);
    expect(result.content.length).toBeLessThan(500 * 4);
    const errors = client.events.slice(from).filter((e) => e.data?.isError);
    expect(errors).toEqual([]);
  });
});
