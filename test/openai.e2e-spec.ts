import OpenAI from 'openai';
import { ChatClient, waitUntil, WAIT_MS, type ReceivedEvent } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { FakeOpenAI } from './fixtures/fake-openai.server.js';
import { OpenAIBot } from './fixtures/openai.bot.js';

const named = (events: ReceivedEvent[], name: string) => events.filter((e) => e.name === name);

describe('nest-chat/openai against an OpenAI-compatible SSE server', () => {
  let fake: FakeOpenAI;
  let server: TestApp;
  let bot: OpenAIBot;
  let client: ChatClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    process.on('unhandledRejection', onUnhandled);
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await fake.stop();
  });

  beforeEach(async () => {
    server = await startApp({ providers: [OpenAIBot] });
    bot = server.app.get(OpenAIBot);
    bot.client = new OpenAI({ apiKey: 'sk-secret-test-key', baseURL: fake.url, maxRetries: 0 });
    client = await ChatClient.connect(server.url);
  }, 60_000);

  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('streams a Chat Completions stream into a message, inside an llm step, and reports usage', async () => {
    const events = await client.ask('chat ok');
    const [step] = named(events, 'new_message').map((e) => e.data);
    expect(step).toMatchObject({ type: 'llm', name: 'ok' });
    const start = named(events, 'stream_start')[0].data;
    expect(start).toMatchObject({ type: 'assistant_message', streaming: true });
    const text = [start.output, ...named(events, 'stream_token').map((e) => e.data.token)].join('');
    expect(text).toBe('Hello from the fake model.');
    const updates = named(events, 'update_message').map((e) => e.data);
    expect(updates[0]).toMatchObject({ id: start.id, output: text, streaming: false });
    expect(updates[1]).toMatchObject({
      id: step.id,
      type: 'llm',
      output: text,
      language: 'json',
      generation: {
        provider: 'openai',
        model: 'ok',
        settings: { temperature: 0.2 },
        inputTokenCount: 11,
        outputTokenCount: 6,
        tokenCount: 17,
      },
    });
    expect(JSON.parse(updates[1].input)).toEqual([{ role: 'user', content: 'Say hello' }]);
    expect(updates[1].generation.ttFirstToken).toBeGreaterThanOrEqual(0);
    expect(updates[1].generation.duration).toBeGreaterThan(0);
    expect(named(events, 'token_usage').map((e) => e.data)).toEqual([17]);
    expect(JSON.stringify(client.events)).not.toContain('sk-secret-test-key');
    expect(bot.results[0]).toMatchObject({
      content: text,
      usage: { input: 11, output: 6, total: 17 },
      finishReason: 'stop',
      stopped: false,
      toolCalls: [],
    });
    expect(fake.requests[fake.requests.length - 1].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('collects tool-call deltas and returns them', async () => {
    const events = await client.ask('chat tools');
    expect(bot.results[0]).toMatchObject({
      content: '',
      finishReason: 'tool_calls',
      toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    // No text, no assistant message: only the llm step.
    expect(named(events, 'stream_start')).toEqual([]);
  });

  it('streams a Responses API stream, with its usage and function calls', async () => {
    const events = await client.ask('responses ok');
    const start = named(events, 'stream_start')[0].data;
    const text = [start.output, ...named(events, 'stream_token').map((e) => e.data.token)].join('');
    expect(text).toBe('Hello from the fake model.');
    expect(named(events, 'token_usage').map((e) => e.data)).toEqual([15]);
    expect(bot.results[0]).toMatchObject({
      content: text,
      usage: { input: 9, output: 6, total: 15 },
      toolCalls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":"nest"}' }],
      finishReason: 'completed',
    });
  });

  it.each([
    ['401', /^401 .*fake 401: status-401 refused/],
    ['429', /^429 .*fake 429: status-429 refused/],
    ['500', /^500 .*fake 500: status-500 refused/],
  ])(
    'turns an API %s into an error message to that session, and the next call works',
    async (status, text) => {
      const events = await client.ask(`chat status-${status}`);
      const errors = named(events, 'new_message').filter(
        (e) => e.data.isError && e.data.name === 'Error',
      );
      expect(errors).toHaveLength(1);
      expect(errors[0].data.output).toMatch(text);
      const step = named(events, 'update_message').find((e) => e.data.type === 'llm')!.data;
      expect(step.isError).toBe(true);
      const next = await client.ask('chat ok');
      expect(named(next, 'token_usage').map((e) => e.data)).toEqual([17]);
    },
  );

  it('turns a dropped connection into an error message, the message ending with what arrived', async () => {
    const events = await client.ask('chat drop');
    const error = named(events, 'new_message').find((e) => e.data.isError)!;
    expect(error.data.name).toBe('Error');
    expect(error.data.output.length).toBeGreaterThan(0);
    const message = named(events, 'update_message').find(
      (e) => e.data.type === 'assistant_message',
    );
    expect(message?.data).toMatchObject({ output: 'Hello from the', streaming: false });
  });

  it('stops mid-stream: the request is aborted, the message ends with what arrived, nothing unhandled', async () => {
    const from = client.events.length;
    client.send('chat slow');
    await client.waitFor(
      () => client.names(from).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      from,
    );
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    await waitUntil(
      () => bot.results.length > 0 && fake.requests[fake.requests.length - 1].aborted,
      'the request to be aborted and the stream to end',
    );
    const request = fake.requests[fake.requests.length - 1];
    expect(request.aborted).toBe(true);
    const result = bot.results[0];
    expect(result.stopped).toBe(true);
    expect(result.content).toMatch(/^w0 w1 w2 /);
    const final = client.events
      .slice(from)
      .filter((e) => e.name === 'update_message' && e.data.type === 'assistant_message')
      .at(-1)!;
    expect(final.data).toMatchObject({ streaming: false, output: result.content });
    expect(client.events.slice(from).some((e) => e.data?.isError)).toBe(false);
    expect(unhandled).toEqual([]);
  });
});
