import { Injectable } from '@nestjs/common';
import {
  ChatEvents,
  ChatSession,
  ChatSessions,
  OnMessage,
  type ChatEvent,
  type ChatModuleOptions,
  type UserMessage,
} from 'nest-chat';
import { clientTracker, waitUntil } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** What the handlers saw, for the tests to check. */
@Injectable()
class LimitsProbe {
  readonly calls: string[] = [];
  signals: AbortSignal[] = [];
  /** Whether each hung handler's signal was already aborted when it started. */
  abortedAtStart: boolean[] = [];
  sessions: ChatSession[] = [];
}

@Injectable()
class LimitsBot {
  constructor(private readonly probe: LimitsProbe) {}

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<unknown> {
    const [command, arg] = message.content.split(' ');
    this.probe.calls.push(message.content);
    this.probe.sessions.push(session);
    switch (command) {
      case 'hang':
        this.probe.signals.push(session.signal);
        this.probe.abortedAtStart.push(session.signal.aborted);
        return new Promise(() => undefined);
      case 'reject':
        return Promise.reject('not an Error');
      case 'ask':
        return (await session.ask('Name?', { timeout: Number(arg) }))?.content;
      case 'element':
        await session.element({
          type: 'text',
          name: `n${arg}.txt`,
          content: 'x'.repeat(Number(arg)),
        });
        return 'shown';
      default:
        return `echo ${message.content}`;
    }
  }
}

const errorsOf = (events: { name: string; data: any }[]) =>
  events.filter((e) => e.name === 'new_message' && e.data.isError).map((e) => e.data.output);

describe('limits', () => {
  let server: TestApp;
  const { connect, closeAll } = clientTracker();

  const start = async (options: ChatModuleOptions) => {
    server = await startApp({ providers: [LimitsProbe, LimitsBot] }, options);
    return server.app.get(LimitsProbe);
  };

  afterEach(async () => {
    closeAll();
    await server?.close();
  });

  it('refuses client events past the rate limit with an exception, running nothing', async () => {
    const probe = await start({ rateLimit: { points: 3, perSeconds: 60 } });
    const client = await connect(server.url); // connection_successful: the first point
    await client.ask('one');
    client.send('two');
    client.send('three');
    const refused = await client.next('exception');
    expect(refused.data).toEqual({
      status: 'error',
      message:
        'rate limit: at most 3 events per 60 s; "client_message" refused, and the events after it are refused without an answer: wait 60 s',
    });
    // 'two' was taken and answered. A task for 'three' would start as soon as two's ended: a
    // message the server sends after two's task_end reached the client comes after it.
    const two = await client.waitFor(
      (e) => e.name === 'new_message' && e.data.output === 'echo two',
    );
    const twoEnd = await client.waitFor(
      (e) => e.name === 'task_end',
      undefined,
      client.events.indexOf(two),
    );
    await server.app.get(ChatSessions).get(client.sessionId)!.send('marker');
    const marker = await client.waitFor((e) => e.data?.output === 'marker');
    const between = client.events.slice(client.events.indexOf(twoEnd) + 1);
    expect(between.slice(0, between.indexOf(marker)).map((e) => e.name)).toEqual([]);
    expect(probe.calls).toEqual(['one', 'two']);
  });

  it('answers an unknown client event with an exception, and still ends a cleared session', async () => {
    await start({});
    const client = await connect(server.url);
    client.socket.emit('audio_start', { x: 1 });
    expect((await client.next('exception')).data).toEqual({
      status: 'error',
      message: 'unknown event "audio_start"',
    });
    const sessions = server.app.get(ChatSessions);
    expect(sessions.size).toBe(1);
    client.socket.emit('clear_session');
    client.close();
    await waitUntil(() => sessions.size === 0, 'the session to end');
    expect(sessions.size).toBe(0);
  });

  it('refuses uploads past maxSessionFileBytes with 413, and elements past maxSessionFiles with an error naming it', async () => {
    await start({ maxSessionFiles: 2, maxSessionFileBytes: 10 });
    const client = await connect(server.url);
    const upload = (bytes: number) => {
      const form = new FormData();
      form.append('file', new Blob(['x'.repeat(bytes)], { type: 'text/plain' }), 'a.txt');
      return fetch(`${server.url}/project/file?session_id=${client.sessionId}`, {
        method: 'POST',
        headers: client.headers,
        body: form,
      });
    };
    expect((await upload(6)).status).toBe(200);
    const over = await upload(6);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      detail:
        "Upload refused: 6 more bytes would make this session's files 12 bytes, over its limit of 10 (the maxSessionFileBytes option)",
    });
    expect(errorsOf(await client.ask('element 2'))).toEqual([]);
    expect(errorsOf(await client.ask('element 1'))).toEqual([
      'element "n1.txt" refused: this session already holds 2 files, its limit (the maxSessionFiles option); remove some first',
    ]);
    const full = await upload(1);
    expect(full.status).toBe(413);
    expect(((await full.json()) as { detail: string }).detail).toBe(
      'Upload refused: this session already holds 2 files, its limit (the maxSessionFiles option); remove some first',
    );
  });

  it('refuses an ask longer than maxAskTimeoutSeconds, naming the option', async () => {
    await start({ maxAskTimeoutSeconds: 5 });
    const client = await connect(server.url);
    expect(errorsOf(await client.ask('ask 10'))).toEqual([
      'session.ask: timeout must be at most 5 seconds (the maxAskTimeoutSeconds option), got 10',
    ]);
  });

  it('reports a handler that never settles past handlerTimeoutMs, aborts its signal, and runs the next task', async () => {
    const probe = await start({ handlerTimeoutMs: 200 });
    const client = await connect(server.url);
    const hung = await client.ask('hang');
    expect(errorsOf(hung)).toEqual([
      'Chat handler "LimitsBot#reply" did not finish within 200 ms (the handlerTimeoutMs option)',
    ]);
    expect(hung.at(-1)?.name).toBe('task_end');
    // The handler ran with a live signal; the timeout, not the start, aborted it.
    expect(probe.abortedAtStart).toEqual([false]);
    expect(probe.signals[0].aborted).toBe(true);
    expect(probe.signals[0].reason).toMatchObject({
      name: 'HandlerTimeoutError',
      timeoutMs: 200,
    });
    const next = await client.ask('hello');
    expect(next.find((e) => e.name === 'new_message')?.data.output).toBe('echo hello');
  });

  it('reports a handler that rejects with a non-Error, and goes on', async () => {
    await start({});
    const client = await connect(server.url);
    expect(errorsOf(await client.ask('reject'))).toEqual(['not an Error']);
    expect(errorsOf(await client.ask('hello'))).toEqual([]);
  });

  it('ignores what a handler sends after its session ended: nothing emitted, nothing thrown', async () => {
    const probe = await start({ sessionTimeoutMs: 0 });
    const client = await connect(server.url);
    await client.ask('hello');
    const session = probe.sessions[0];
    client.close();
    await waitUntil(() => session.ended, 'the session to end');
    expect(session.ended).toBe(true);
    const late: ChatEvent[] = [];
    const subscription = server.app
      .get(ChatEvents)
      .events$.subscribe((event) => event.sessionId === session.id && late.push(event));
    const message = await session.send('late');
    message.stream('token');
    await message.update();
    session.toast('late');
    session.set('key', 'value');
    await expect(session.send('late again')).resolves.toBeDefined();
    subscription.unsubscribe();
    expect(late).toEqual([]);
    expect(server.app.get(ChatSessions).size).toBe(0);
  });
});
