import { randomUUID } from 'node:crypto';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { ChatModule } from 'nest-chat';
import { Test } from '@nestjs/testing';
import { ChatClient, clientTracker } from './utils/chat-client.js';
import { HTTP_PLATFORMS, listenOnLoopback, startApp, type TestApp } from './utils/test-app.js';
import { EchoBot, Probe } from './fixtures/echo.bot.js';
import { ScopedBot } from './fixtures/scoped.bot.js';

describe('inbound validation', () => {
  let server: TestApp;
  const { connect, closeAll } = clientTracker();

  beforeEach(async () => {
    server = await startApp({ providers: [Probe, EchoBot] }, { maxMessageBytes: 4096 });
  }, 60_000);

  afterEach(async () => {
    closeAll();
    await server.close();
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    [
      'a missing sessionId',
      { clientType: 'webapp' },
      'connection refused: auth: sessionId should not be null or undefined',
    ],
    [
      'a sessionId that is not a UUID',
      { clientType: 'webapp', sessionId: '../../etc' },
      'connection refused: auth: sessionId must be a UUID',
    ],
    [
      'a missing clientType',
      { sessionId: randomUUID() },
      'connection refused: auth: clientType should not be null or undefined',
    ],
    [
      'a threadId that is not a UUID',
      { clientType: 'webapp', sessionId: randomUUID(), threadId: 'abc' },
      'connection refused: auth: threadId must be a UUID or ""',
    ],
    [
      'a userEnv that is not JSON',
      { clientType: 'webapp', sessionId: randomUUID(), userEnv: '{nope' },
      'connection refused: auth: userEnv must be a JSON string of an object',
    ],
    [
      'a userEnv of a number',
      { clientType: 'webapp', sessionId: randomUUID(), userEnv: 5 },
      'connection refused: auth: userEnv must be a string',
    ],
  ];

  it.each(refusals)(
    'refuses a handshake with %s, saying so in connect_error',
    async (_, auth, message) => {
      await expect(ChatClient.connect(server.url, { auth })).rejects.toMatchObject({ message });
    },
  );

  it('passes the user env and chat profile of the handshake to the session', async () => {
    const { ChatSessions } = await import('nest-chat');
    const sessionId = randomUUID();
    await connect(server.url, {
      auth: {
        clientType: 'copilot',
        sessionId,
        threadId: '',
        userEnv: JSON.stringify({ OPENAI_API_KEY: 'sk-user' }),
        chatProfile: encodeURIComponent('GPT 5 / fast'),
      },
    });
    const session = server.app.get(ChatSessions).getOrThrow(sessionId);
    expect(session.env).toEqual({ OPENAI_API_KEY: 'sk-user' });
    expect(session.chatProfile).toBe('GPT 5 / fast');
    expect(session.clientType).toBe('copilot');
  });

  const badPayloads: [string, unknown, string][] = [
    ['a string', 'hello', 'client_message: the payload must be an object, got a string'],
    ['an array', [1, 2], 'client_message: the payload must be an object, got an array'],
    ['null', null, 'client_message: the payload must be an object, got null'],
    ['a number', 42, 'client_message: the payload must be an object, got a number'],
    [
      'no message',
      { fileReferences: [] },
      'client_message: message should not be null or undefined',
    ],
    [
      'a message without output',
      { message: { id: randomUUID() } },
      'client_message: message.output should not be null or undefined',
    ],
    [
      'an output of the wrong type',
      { message: { output: 12 } },
      'client_message: message.output must be a string',
    ],
    [
      'a message id that is not a UUID',
      { message: { id: 'x', output: 'hi' } },
      'client_message: message.id must be a UUID',
    ],
    [
      'file references that are not objects with an id',
      { message: { output: 'hi' }, fileReferences: [{ id: 7 }] },
      'client_message: fileReferences.0.id must be a string',
    ],
  ];

  it.each(badPayloads)(
    'answers a client_message with %s by an exception naming what is wrong, while another session keeps streaming',
    async (_, payload, message) => {
      const streaming = await connect(server.url);
      const sender = await connect(server.url);
      await streaming.next('task_end', 2);
      await sender.next('task_end', 2);
      const from = streaming.events.length;
      streaming.send('slow');
      await streaming.next('stream_start', from);
      const before = sender.events.length;
      sender.socket.emit('client_message', payload);
      const exception = await sender.next('exception', before);
      expect(exception.data).toEqual({ status: 'error', message });
      // The bad payload started no task, and the session still answers.
      expect(sender.names(before)).toEqual(['exception']);
      const reply = await sender.ask('string fine');
      expect(reply[1].data.output).toBe('You said: fine');
      // Meanwhile the other session's stream went on, token after token.
      const tokens = () => streaming.names(from).filter((n) => n === 'stream_token').length;
      const seen = tokens();
      await streaming.waitFor(() => tokens() >= seen + 3);
      expect(streaming.names(from)).not.toContain('exception');
    },
  );

  it('answers chat_settings_change with a non-object by an exception', async () => {
    const client = await connect(server.url);
    await client.next('task_end', 2);
    const before = client.events.length;
    client.socket.emit('chat_settings_change', 'dark');
    const exception = await client.next('exception', before);
    expect(exception.data.message).toBe(
      'chat_settings_change: the payload must be an object, got a string',
    );
  });

  it('refuses a message over maxMessageBytes by closing that socket; the server and other sessions carry on', async () => {
    const other = await connect(server.url);
    const big = await connect(server.url, { transports: ['websocket'] });
    await other.next('task_end', 2);
    await big.next('task_end', 2);
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.send('x'.repeat(10_000));
    expect(await closed).toMatch(/transport (close|error)/);
    expect(big.names()).not.toContain('first_interaction');
    const reply = await other.ask('string still up');
    expect(reply[1].data.output).toBe('You said: still up');
    // The refused client may come back to its session.
    const back = await connect(server.url, { sessionId: big.sessionId });
    const answer = await back.ask('string back');
    expect(answer[1].data.output).toBe('You said: back');
  });
});

const instanceOf = (events: { data: any }[]) => /instance (\d+)/.exec(events[1].data.output)![1];

describe('module configuration', () => {
  let server: TestApp | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the socket under the global prefix', async () => {
    server = await startApp(
      { providers: [Probe, EchoBot] },
      {},
      { configure: (app) => app.setGlobalPrefix('api') },
    );
    const client = await ChatClient.connect(server.url, { path: '/api/ws/socket.io' });
    await client.next('task_end', 2);
    const events = await client.ask('string prefixed');
    expect(events[1].data.output).toBe('You said: prefixed');
    client.close();
    await expect(ChatClient.connect(server.url)).rejects.toBeDefined();
  });

  it('serves the socket on a configured path', async () => {
    server = await startApp({ providers: [Probe, EchoBot] }, { path: '/chat' });
    const client = await ChatClient.connect(server.url, { path: '/chat' });
    await client.next('task_end', 2);
    client.close();
  });

  it('refuses a browser page from another origin unless cors allows it', async () => {
    server = await startApp({ providers: [Probe, EchoBot] });
    const foreign = { Origin: 'http://evil.example' };
    await expect(
      ChatClient.connect(server.url, { transports: ['polling'], extraHeaders: foreign }),
    ).rejects.toBeDefined();
    const host = new URL(server.url).host;
    const same = await ChatClient.connect(server.url, {
      transports: ['polling'],
      extraHeaders: { Origin: `http://${host}` },
    });
    same.close();
    await server.close();

    server = await startApp(
      { providers: [Probe, EchoBot] },
      { cors: { origin: ['http://app.example'] } },
    );
    const allowed = await ChatClient.connect(server.url, {
      transports: ['polling'],
      extraHeaders: { Origin: 'http://app.example' },
    });
    allowed.close();
    await expect(
      ChatClient.connect(server.url, { transports: ['polling'], extraHeaders: foreign }),
    ).rejects.toBeDefined();
  });

  it('takes its options from forRootAsync', async () => {
    @Module({
      providers: [{ provide: 'CHAT_PATH', useValue: '/from-factory' }],
      exports: ['CHAT_PATH'],
    })
    class ConfigModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        ChatModule.forRootAsync({
          imports: [ConfigModule],
          inject: ['CHAT_PATH'],
          useFactory: (path: string) => ({ path }),
        }),
      ],
      providers: [Probe, EchoBot],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    server = await listenOnLoopback(app);
    const client = await ChatClient.connect(server.url, { path: '/from-factory' });
    await client.next('task_end', 2);
    client.close();
  });

  it('rejects a bad option at bootstrap with a message naming it', async () => {
    await expect(startApp({}, { sessionTimeoutMs: -1 })).rejects.toThrow(
      'ChatModule: option "sessionTimeoutMs" must be an integer >= 0, got -1',
    );
  });

  it('resolves a request-scoped handler provider once per chat session, with the session as REQUEST', async () => {
    server = await startApp({ providers: [ScopedBot] });
    const a = await ChatClient.connect(server.url);
    const b = await ChatClient.connect(server.url);
    const a1 = await a.ask('one');
    const a2 = await a.ask('two');
    const b1 = await b.ask('one');
    expect(a1[1].data.output).toMatch(/message 1, same session: true$/);
    expect(a2[1].data.output).toMatch(/message 2, same session: true$/);
    expect(instanceOf(a2)).toBe(instanceOf(a1));
    expect(instanceOf(b1)).not.toBe(instanceOf(a1));
    expect(b1[1].data.output).toMatch(/message 1, same session: true$/);
    a.close();
    b.close();
  });
});

/** The body size limit of each platform's JSON parser, as Nest sets it up by default. */
const BODY_LIMIT = { express: 100 * 1024, fastify: 1024 * 1024 };

describe.each(HTTP_PLATFORMS)('bodies refused before the chat routes, on %s', (platform) => {
  @Controller('app')
  class AppRoutes {
    @Post('echo')
    echo(@Body() body: unknown) {
      return body;
    }
  }
  let server: TestApp;

  beforeAll(async () => {
    server = await startApp(
      { providers: [Probe, EchoBot], controllers: [AppRoutes] },
      {},
      { platform, configure: (app) => app.setGlobalPrefix('api') },
    );
  }, 60_000);

  afterAll(() => server.close());

  const post = async (
    path: string,
    body: string,
    type: string | undefined = 'application/json',
  ) => {
    const res = await fetch(`${server.url}/api/${path}`, {
      method: 'POST',
      headers: type === undefined ? {} : { 'content-type': type },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers malformed JSON, and JSON that is not an object or an array, 400 { detail }', async () => {
    // After the prefix, what the platform's JSON parser says.
    for (const malformed of ['{"sessionId": ', '{"sessionId": x}']) {
      expect(await post('project/action', malformed)).toEqual({
        status: 400,
        body: { detail: expect.stringMatching(/^Malformed request body: ./) },
      });
    }
    for (const scalar of ['"a string"', '42', 'null']) {
      expect(await post('set-session-cookie', scalar)).toEqual({
        status: 400,
        body: { detail: expect.stringMatching(/^Malformed request body: /) },
      });
    }
  });

  it("answers a body over the platform's limit 413 { detail } with its size and the limit", async () => {
    const limit = BODY_LIMIT[platform];
    const big = JSON.stringify({ pad: 'x'.repeat(limit + 1000) });
    expect(await post('project/threads', big)).toEqual({
      status: 413,
      body: { detail: `Request body too large: ${big.length} bytes, at most ${limit}` },
    });
  });

  it('answers a body of a type the route does not take, or of none, 415 { detail } naming what it takes', async () => {
    const body = JSON.stringify({ session_id: randomUUID() });
    expect(await post('set-session-cookie', body, 'text/plain')).toEqual({
      status: 415,
      body: {
        detail: 'A body of Content-Type "text/plain" is not taken here: send application/json',
      },
    });
    expect(await post('set-session-cookie', body, 'application/xml')).toEqual({
      status: 415,
      body: {
        detail: 'A body of Content-Type "application/xml" is not taken here: send application/json',
      },
    });
    expect(await post('project/file?session_id=x', body)).toEqual({
      status: 415,
      body: {
        detail:
          'A body of Content-Type "application/json" is not taken here: send multipart/form-data',
      },
    });
    const untyped = await fetch(`${server.url}/api/set-session-cookie`, {
      method: 'POST',
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect({ status: untyped.status, body: await untyped.json() }).toEqual({
      status: 415,
      body: { detail: 'A body of no Content-Type is not taken here: send application/json' },
    });
  });

  it("leaves the app's own routes to Nest, and lets good bodies through", async () => {
    const own = await post('app/echo', '{"sessionId": ');
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ statusCode: 400 });
    expect(own.body).not.toHaveProperty('detail');
    expect(await post('app/echo', '{"ok":true}')).toEqual({ status: 201, body: { ok: true } });
    expect(await post('set-session-cookie', JSON.stringify({ session_id: randomUUID() }))).toEqual({
      status: 200,
      body: { message: 'Session cookie set' },
    });
  });
});
