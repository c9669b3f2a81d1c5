import {
  ChatClient,
  clientTracker,
  waitUntil,
  WAIT_MS,
  type ReceivedEvent,
} from './utils/chat-client.js';
import { HTTP_PLATFORMS, startApp, type TestApp } from './utils/test-app.js';
import { EchoBot, NotifyController, Probe } from './fixtures/echo.bot.js';
import { TASK_STOPPED_MESSAGE } from 'nest-chat';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(HTTP_PLATFORMS)('the chat runtime over real sockets, on %s', (platform) => {
  let server: TestApp;
  let probe: Probe;
  const { connect, closeAll } = clientTracker();

  beforeEach(async () => {
    server = await startApp(
      { providers: [Probe, EchoBot], controllers: [NotifyController] },
      {},
      { platform },
    );
    probe = server.app.get(Probe);
  }, 60_000);

  afterEach(async () => {
    closeAll();
    await server.close();
  });

  it('answers connection_successful with task_end, clear_ask, then runs chat start as a task', async () => {
    const client = await connect(server.url);
    await client.waitFor((e) => e.name === 'task_end' && client.names().includes('new_message'));
    await client.next('task_end', client.names().lastIndexOf('task_start'));
    expect(client.names()).toEqual([
      'task_end',
      'clear_ask',
      'task_start',
      'new_message',
      'task_end',
    ]);
    const hi = client.events[3].data;
    expect(hi).toEqual({
      id: expect.stringMatching(UUID),
      threadId: expect.stringMatching(UUID),
      name: 'Assistant',
      type: 'assistant_message',
      output: 'Hi!',
      createdAt: expect.stringMatching(ISO),
      start: expect.stringMatching(ISO),
      streaming: false,
    });
  });

  it('runs chat start once per session, and not again when the client reconnects', async () => {
    const first = await connect(server.url);
    await first.waitFor((e) => e.name === 'new_message');
    first.close();
    await waitUntil(() => probe.calls.includes(`disconnect:${first.sessionId}`), 'the disconnect');
    const again = await connect(server.url, { sessionId: first.sessionId });
    await again.next('clear_ask', 0);
    // A message after the handshake: a chat start, had it run, would come before its answer.
    const answer = await again.ask('string still here');
    expect(answer[1].data.output).toBe('You said: still here');
    expect(again.names().slice(0, again.events.indexOf(answer[0]))).toEqual([
      'task_end',
      'clear_ask',
      'first_interaction', // of the message
    ]);
    expect(probe.calls.filter((c) => c.startsWith('start:'))).toEqual([`start:${first.sessionId}`]);
    const other = await connect(server.url);
    await other.waitFor((e) => e.name === 'new_message');
    expect(probe.calls.filter((c) => c.startsWith('start:'))).toHaveLength(2);
  });

  it('streams a returned AsyncIterable as stream_start, stream_token…, update_message with streaming false', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const events = await client.ask('iterable one two three');
    expect(events.map((e) => e.name)).toEqual([
      'task_start',
      'stream_start',
      'stream_token',
      'update_message',
      'task_end',
    ]);
    const id = events[1].data.id;
    expect(events[1].data).toMatchObject({
      id,
      type: 'assistant_message',
      output: 'one ',
      streaming: true,
    });
    // Tokens that arrive within one event-loop turn travel as one stream_token.
    expect(events[2].data).toEqual({ id, token: 'two three', isSequence: false, isInput: false });
    expect(events[3].data).toMatchObject({ id, output: 'one two three', streaming: false });
  });

  it('sends a returned string as one message and streams a returned Observable', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const sent = await client.ask('string hello');
    expect(sent.map((e) => e.name)).toEqual(['task_start', 'new_message', 'task_end']);
    expect(sent[1].data).toMatchObject({ output: 'You said: hello', type: 'assistant_message' });

    const streamed = await client.ask('observable a,b,c');
    expect(streamed.map((e) => e.name)).toEqual([
      'task_start',
      'stream_start',
      'stream_token',
      'update_message',
      'task_end',
    ]);
    expect(streamed[2].data.token).toBe('bc');
    expect(streamed.at(-2)!.data).toMatchObject({ output: 'abc', streaming: false });
  });

  it('first tells the client the thread exists (first_interaction) with the first message only', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const from = client.events.length;
    client.send('string first');
    const first = await client.next('first_interaction', from);
    await client.ask('string second');
    expect(first.data).toEqual({
      interaction: 'string first',
      thread_id: client.events[3].data.threadId,
    });
    expect(client.names().filter((n) => n === 'first_interaction')).toHaveLength(1);
  });

  it('nests steps: a step inside a step points at it, the outer one at the user message', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const messageId = '6f1b7a57-7d2a-4c1f-9d4b-0c2b8d7e4a11';
    const from = client.events.length;
    client.send('steps weather', { id: messageId });
    await client.waitFor((e) => e.name === 'task_end', WAIT_MS, from + 1);
    const news = client.events.slice(from).filter((e) => e.name === 'new_message');
    const [outer, inner] = news.map((e) => e.data);
    expect(outer).toMatchObject({ name: 'outer', type: 'run', parentId: messageId });
    expect(inner).toMatchObject({ name: 'inner', type: 'tool', parentId: outer.id });
    const updates = client.events.slice(from).filter((e) => e.name === 'update_message');
    expect(updates.map((e) => [e.data.name, e.data.output])).toEqual([
      ['inner', 'looked up weather'],
      ['outer', 'looked up weather'],
    ]);
    expect(updates[0].data).toMatchObject({ input: 'weather', end: expect.stringMatching(ISO) });
  });

  it('turns a thrown error into an isError message to that session only, and the next message works', async () => {
    const client = await connect(server.url);
    const bystander = await connect(server.url);
    await client.next('task_end', 2);
    await bystander.next('task_end', 2);
    const bystanderBefore = bystander.events.length;
    const failed = await client.ask('throw kaput');
    expect(failed.map((e) => e.name)).toEqual(['task_start', 'new_message', 'task_end']);
    expect(failed[1].data).toMatchObject({
      name: 'Error',
      type: 'assistant_message',
      output: 'boom: kaput',
      isError: true,
    });
    const next = await client.ask('string still here');
    expect(next[1].data.output).toBe('You said: still here');
    expect(bystander.events.length).toBe(bystanderBefore);
  });

  it('reports a handler that returns something it cannot send, naming the handler', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const events = await client.ask('number');
    expect(events[1].data).toMatchObject({
      isError: true,
      output:
        'Chat handler "EchoBot#reply" returned number; return a string, an Observable<string>, an AsyncIterable<string>, a Message or nothing',
    });
  });

  it('stops mid-stream: the signal fires, at most one token follows, then the stop message, @OnStop and task_end', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const from = client.events.length;
    client.send('slow');
    const stream = (await client.next('stream_start', from)).data.id;
    await client.waitFor(
      () => client.names(from).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      from,
    );
    const stopAt = client.events.length;
    client.socket.emit('stop');
    const end = await client.next('task_end', stopAt);
    // A second stream of the same pace runs three tokens long: had the stopped one gone on,
    // its tokens would have come meanwhile.
    const later = client.events.length;
    client.send('slow');
    const second = (await client.next('stream_start', later)).data.id;
    await client.waitFor(
      () => client.names(later).filter((n) => n === 'stream_token').length >= 3,
      WAIT_MS,
      later,
    );
    const after = client.events.slice(stopAt);
    const endIndex = after.indexOf(end);
    expect(
      after.filter((e) => e.name === 'stream_token' && e.data.id === stream).length,
    ).toBeLessThanOrEqual(1);
    expect(probe.signals[0].aborted).toBe(true);
    expect(probe.signals[0].reason).toMatchObject({ name: 'AbortError' });
    const stopMessage = after.find((e) => e.name === 'new_message');
    expect(stopMessage?.data).toMatchObject({ output: TASK_STOPPED_MESSAGE });
    const final = after.find((e) => e.name === 'update_message' && e.data.id === stream);
    expect(final?.data.streaming).toBe(false);
    expect(after.indexOf(final!)).toBeLessThan(endIndex);
    expect(after.indexOf(stopMessage!)).toBeLessThan(endIndex);
    expect(probe.calls).toContain(`stop:${client.sessionId}:true`);
    // After task_end, only the events of the next message.
    expect(after.slice(endIndex + 1).filter((e) => e.data?.id === stream)).toEqual([]);
    expect(after[endIndex + 1]?.name).toBe('task_start');
    expect(second).not.toBe(stream);
    // The session is idle again once that one is stopped too, and takes the next message.
    const secondStop = client.events.length;
    client.socket.emit('stop');
    await client.next('task_end', secondStop);
    const next = await client.ask('string after stop');
    expect(next[1].data.output).toBe('You said: after stop');
  });

  it('gives a reconnecting client its session back: stored values intact, a running stream continues on the new socket', async () => {
    const first = await connect(server.url);
    await first.next('task_end', 2);
    await first.ask('set 42');
    const from = first.events.length;
    first.send('slow');
    const start = await first.next('stream_start', from);
    await first.waitFor(() => first.names(from).filter((n) => n === 'stream_token').length >= 2);
    first.close();
    await waitUntil(() => probe.calls.includes(`disconnect:${first.sessionId}`), 'the disconnect');
    expect(probe.calls).not.toContain(`end:${first.sessionId}`);

    const second = await connect(server.url, { sessionId: first.sessionId });
    // The message that was streaming comes whole, then its next tokens.
    const resent = await second.next('stream_start', 0);
    expect(resent.data.id).toBe(start.data.id);
    expect(resent.data.output).toMatch(/^t0 t1 t2 /);
    const token = await second.next('stream_token', 0);
    expect(token.data.id).toBe(start.data.id);
    expect(second.names().slice(0, 3)).toEqual(['task_end', 'clear_ask', 'task_start']);
    second.socket.emit('stop');
    await second.waitFor(
      (e) => e.name === 'task_end',
      WAIT_MS,
      second.names().indexOf('task_start'),
    );
    const events = await second.ask('get');
    expect(events[1].data.output).toBe('value is 42');
    expect(probe.calls.filter((c) => c.startsWith('start:'))).toHaveLength(1);
  });

  it('sends to a session from an HTTP controller through ChatSessions', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const from = client.events.length;
    const res = await fetch(`${server.url}/notify/${client.sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Your report is ready.' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const event = await client.next('new_message', from);
    expect(event.data).toMatchObject({
      id,
      output: 'Your report is ready.',
      type: 'assistant_message',
    });
  });

  it('runs handlers inside the session context (ChatContext.current) across awaits', async () => {
    const a = await connect(server.url);
    const b = await connect(server.url);
    await Promise.all([a.next('task_end', 2), b.next('task_end', 2)]);
    await Promise.all([a.ask('string a'), b.ask('string b')]);
    expect(probe.contexts.sort()).toEqual([a.sessionId, b.sessionId].sort());
  });

  it('handles messages of one session one at a time, in order', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const from = client.events.length;
    client.send('iterable 1 2 3');
    client.send('string second');
    await client.waitFor(() => client.names(from).filter((n) => n === 'task_end').length === 2);
    expect(client.names(from)).toEqual([
      'first_interaction',
      'task_start',
      'stream_start',
      'stream_token',
      'update_message',
      'task_end',
      'task_start',
      'new_message',
      'task_end',
    ]);
  });

  it('works over websocket-only and over polling-only transports', async () => {
    for (const transports of [['websocket'], ['polling']] as const) {
      const client = await connect(server.url, { transports: [...transports] });
      await client.next('task_end', 2);
      const events = await client.ask('string via transport');
      expect(events[1].data.output).toBe('You said: via transport');
    }
  });
});

describe('with coalesceTokens: false', () => {
  let server: TestApp;

  beforeEach(async () => {
    server = await startApp({ providers: [Probe, EchoBot] }, { coalesceTokens: false });
  }, 60_000);

  afterEach(async () => {
    await server.close();
  });

  it('sends one stream_token event per token', async () => {
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    const events = await client.ask('iterable one two three');
    expect(events.map((e) => e.name)).toEqual([
      'task_start',
      'stream_start',
      'stream_token',
      'stream_token',
      'update_message',
      'task_end',
    ]);
    expect(events.slice(2, 4).map((e) => e.data.token)).toEqual(['two ', 'three']);
    client.close();
  });
});

describe('session lifecycle', () => {
  let server: TestApp;
  let probe: Probe;

  afterEach(async () => {
    await server?.close();
  });

  it('ends a cleared session when its socket closes: @OnDisconnect, then @OnChatEnd', async () => {
    server = await startApp({ providers: [Probe, EchoBot] });
    probe = server.app.get(Probe);
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    // As the Chainlit client does for a new chat: clear_session, then close at once.
    client.socket.emit('clear_session');
    client.close();
    await waitUntil(() => probe.calls.includes(`end:${client.sessionId}`), 'the end');
    const lifecycle = probe.calls.filter((c) => /^(disconnect|end):/.test(c));
    expect(lifecycle).toEqual([`disconnect:${client.sessionId}`, `end:${client.sessionId}`]);
  });

  it('ends a dropped session after sessionTimeoutMs, and a later client with its id starts afresh', async () => {
    server = await startApp({ providers: [Probe, EchoBot] }, { sessionTimeoutMs: 200 });
    probe = server.app.get(Probe);
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    await client.ask('set kept');
    client.close();
    // Dropped, not ended: @OnDisconnect runs at once, @OnChatEnd only when the time is up.
    await waitUntil(() => probe.calls.includes(`disconnect:${client.sessionId}`), 'the disconnect');
    expect(probe.calls).not.toContain(`end:${client.sessionId}`);
    await waitUntil(() => probe.calls.includes(`end:${client.sessionId}`), 'the end');
    expect(probe.calls.filter((c) => /^(disconnect|end):/.test(c))).toEqual([
      `disconnect:${client.sessionId}`,
      `end:${client.sessionId}`,
    ]);
    const again = await ChatClient.connect(server.url, { sessionId: client.sessionId });
    await again.waitFor((e) => e.name === 'new_message');
    const events = await again.ask('get');
    expect(events[1].data.output).toBe('value is undefined');
    again.close();
  });

  it('completes a session events$ when it ends and lets the session be garbage-collected', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc).toBeDefined(); // jest runs with --expose-gc
    server = await startApp({ providers: [Probe, EchoBot] }, { sessionTimeoutMs: 0 });
    const { ChatSessions } = await import('nest-chat');
    const sessions = server.app.get(ChatSessions);
    const client = await ChatClient.connect(server.url);
    await client.next('task_end', 2);
    await client.ask('iterable some streamed words');
    let completed = false;
    // In a function of its own, so no variable of this test keeps the session.
    const watch = (id: string) => {
      const session = sessions.get(id)!;
      session.events$.subscribe({ complete: () => (completed = true) });
      return new WeakRef(session);
    };
    const ref = watch(client.sessionId);
    client.close();
    await waitUntil(() => completed, 'events$ to complete');
    expect(sessions.get(client.sessionId)).toBeUndefined();
    // Collected once nothing holds it: a collection in each later turn until it is gone.
    await waitUntil(() => (gc!(), ref.deref() === undefined), 'the session to be collected');
    expect(ref.deref()).toBeUndefined();
  });
});

export type { ReceivedEvent };
