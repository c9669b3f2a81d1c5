import { ChatClient, waitUntil } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';
import { EchoBot, Probe } from './fixtures/echo.bot.js';

/** Answers the next `ask` with `text`, as the Chainlit client's replyMessage does. */
function answerNextAsk(client: ChatClient, text: string): Promise<any> {
  return new Promise((resolve) => {
    client.socket.once('ask', (payload: any, ack: (answer: unknown) => void) => {
      ack({
        id: crypto.randomUUID(),
        name: 'User',
        type: 'user_message',
        output: text,
        createdAt: new Date().toISOString(),
        parentId: payload.msg.parentId,
      });
      resolve(payload);
    });
  });
}

describe('session.ask', () => {
  let server: TestApp;
  let probe: Probe;

  beforeEach(async () => {
    server = await startApp({ providers: [Probe, EchoBot] });
    probe = server.app.get(Probe);
  }, 60_000);

  afterEach(async () => {
    await server.close();
  });

  it('asks over an acknowledged event and gives the handler the answer as a user message', async () => {
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    const asked = answerNextAsk(client, 'Ada');
    const events = await client.ask('ask');
    const payload = await asked;
    expect(payload).toEqual({
      msg: expect.objectContaining({
        type: 'assistant_message',
        output: 'Your name?',
        waitForAnswer: true,
      }),
      spec: { type: 'text', timeout: 60, step_id: payload.msg.id },
    });
    expect(events.map((e) => e.name)).toEqual([
      'task_start',
      'ask',
      'clear_ask',
      'task_start',
      'new_message',
      'task_end',
    ]);
    expect(events[4].data.output).toBe('Hello Ada');
    client.close();
  });

  it('times out: ask_timeout, then the handler gets undefined', async () => {
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    const events = await client.ask('ask 0.2');
    expect(events.map((e) => e.name)).toEqual([
      'task_start',
      'ask',
      'ask_timeout',
      'clear_ask',
      'task_start',
      'new_message',
      'task_end',
    ]);
    expect(events[5].data.output).toBe('No answer');
    client.close();
  });

  it('asks again when the client reconnects, and takes the answer from the new socket', async () => {
    const first = await ChatClient.connect(server.url);
    await first.next('task_end', 2);
    first.send('ask');
    const asked = await first.next('ask', 0);
    first.close();
    await waitUntil(() => probe.calls.includes(`disconnect:${first.sessionId}`), 'the disconnect');
    const second = await ChatClient.connect(server.url, {
      sessionId: first.sessionId,
      handshake: false,
    });
    const again = answerNextAsk(second, 'Grace');
    second.socket.emit('connection_successful');
    expect((await again).msg.id).toBe(asked.data.msg.id);
    const reply = await second.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'Hello Grace',
    );
    expect(reply.data.type).toBe('assistant_message');
    second.close();
  });

  it('ends a pending ask when the user presses Stop', async () => {
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    const from = client.events.length;
    client.send('ask');
    await client.next('ask', from);
    const stopAt = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', stopAt);
    // The next message's answer: the ended ask's 'No answer', had it come, would be before it.
    const next = await client.ask('string next');
    expect(next[1].data.output).toBe('You said: next');
    const after = client.events.slice(stopAt).map((e) => e.name);
    expect(after).toContain('clear_ask');
    expect(client.events.slice(stopAt).some((e) => e.data?.output === 'No answer')).toBe(false);
    client.close();
  });
});
