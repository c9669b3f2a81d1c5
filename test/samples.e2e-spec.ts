import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChatClient, WAIT_MS, type ReceivedEvent } from './utils/chat-client.js';
import { AppModule as LangGraphSample } from '../sample/langgraph/src/app.module.js';
import { AppModule as AiSdkSample } from '../sample/ai-sdk/src/app.module.js';
import { AppModule as AsyncifySample } from '../sample/asyncify/src/app.module.js';

/** Boots a sample's app module as its main.ts does, on a free loopback port. */
async function boot(module: unknown): Promise<{ app: INestApplication; client: ChatClient }> {
  const moduleRef = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, client: await ChatClient.connect(url) };
}

/** Sends `text` and resolves with the events of its task, answering asks with `answer`. */
async function chat(
  client: ChatClient,
  text: string,
  answer?: (payload: any) => unknown,
): Promise<ReceivedEvent[]> {
  if (answer)
    client.socket.on('ask', (payload: any, ack: (v: unknown) => void) => ack(answer(payload)));
  const from = client.events.length;
  client.send(text);
  const start = await client.next('task_start', from);
  await client.waitFor((e) => e.name === 'task_end', WAIT_MS, client.events.indexOf(start));
  return client.events.slice(from);
}

/** The last state of each message and step, in order of appearance. */
function shown(events: ReceivedEvent[]) {
  const byId = new Map<string, any>();
  for (const e of events) {
    if (['new_message', 'update_message', 'stream_start'].includes(e.name)) {
      byId.set(e.data.id, { ...byId.get(e.data.id), ...e.data });
    }
  }
  return [...byId.values()];
}

describe('the samples boot and answer a message', () => {
  let app: INestApplication | undefined;
  let client: ChatClient | undefined;

  afterEach(async () => {
    client?.close();
    await app?.close();
  });

  it('sample/langgraph: drafts, asks to publish with buttons, and publishes', async () => {
    ({ app, client } = await boot(LangGraphSample));
    const events = await chat(
      client,
      'Write a haiku',
      (payload) =>
        client!.events.find(
          (e) =>
            e.name === 'action' &&
            e.data.label === 'Publish' &&
            payload.spec.keys.includes(e.data.id),
        )!.data,
    );
    const all = shown(events);
    expect(all.filter((s) => s.type === 'run').map((s) => s.name)).toEqual([
      'draft',
      'review',
      'review',
      'publish',
    ]);
    expect(all.at(-1)).toMatchObject({ type: 'assistant_message', streaming: false });
    expect(all.at(-1).output).toMatch(/^Published\. Draft: /);
  });

  it('sample/ai-sdk: calls the weather tool, then streams the answer', async () => {
    ({ app, client } = await boot(AiSdkSample));
    const events = await chat(client, 'What is the weather in Lyon?');
    const all = shown(events);
    expect(all.map((s) => `${s.type} ${s.name}`)).toEqual([
      'llm fake-weather-model',
      'tool get_weather',
      'assistant_message Assistant',
    ]);
    expect(all[1].output).toBe('Sunny and 24 °C in Lyon');
    expect(all[2].output).toBe('Here is the forecast: Sunny and 24 °C in Lyon.');
    expect(events.filter((e) => e.name === 'stream_token').length).toBeGreaterThan(3);
  });

  it('sample/asyncify: a worker pipeline streams its steps and answer into the chat', async () => {
    ({ app, client } = await boot(AsyncifySample));
    const events = await chat(client, 'The quick brown fox');
    const all = shown(events);
    expect(all.map((s) => `${s.type} ${s.name}`)).toEqual([
      'tool Tokenize',
      'run Count primes',
      'assistant_message Assistant',
    ]);
    expect(JSON.parse(all[0].output)).toEqual(['the', 'quick', 'brown', 'fox']);
    // π(300,000) = 25,997
    expect(all[1].output).toContain('25997 primes below 300,000');
    expect(all[2].output).toMatch(
      /^4 words, 25997 primes\. Scores: the=\d+ quick=\d+ brown=\d+ fox=\d+ $/,
    );
    const progress = events.filter((e) => e.name === 'stream_token' && e.data.id === all[1].id);
    expect(progress.length).toBeGreaterThan(1);
  });
});
