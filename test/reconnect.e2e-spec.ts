import { Injectable } from '@nestjs/common';
import { ChatSession, OnMessage } from 'nest-chat';
import { clientTracker } from './utils/chat-client.js';
import { startApp, type TestApp } from './utils/test-app.js';

/** Streams "a", "b", then waits for the test to let it finish with "c". */
@Injectable()
class PausingBot {
  static reached: () => void = () => undefined;
  static release: () => void = () => undefined;

  @OnMessage()
  async reply(_message: unknown, session: ChatSession): Promise<void> {
    const message = session.message();
    message.stream('a');
    message.stream('b');
    await new Promise<void>((resolve) => {
      PausingBot.release = resolve;
      PausingBot.reached();
    });
    message.stream('c');
    await message.update();
  }
}

describe('a client that reconnects mid-stream', () => {
  let server: TestApp;
  const clients = clientTracker();

  beforeEach(async () => {
    // A flush window far longer than the test: the coalescer holds "b" until something flushes it.
    server = await startApp({ providers: [PausingBot] }, { tokenFlushMs: 60_000 });
  });

  afterEach(async () => {
    PausingBot.release();
    clients.closeAll();
    await server.close();
  });

  it('gets the session state first, then the streaming message whole, and no token held back before it', async () => {
    const first = await clients.connect(server.url);
    const paused = new Promise<void>((resolve) => (PausingBot.reached = resolve));
    first.send('go');
    await first.next('stream_start');
    await paused;
    first.close();

    const again = await clients.connect(server.url, { sessionId: first.sessionId });
    const shown = await again.next('stream_start', 0);
    const before = again.names().slice(0, again.events.indexOf(shown) + 1);
    expect(before).toEqual(['task_end', 'clear_ask', 'task_start', 'stream_start']);
    expect(shown.data.output).toBe('ab');

    const from = again.events.length;
    PausingBot.release();
    const end = await again.next('task_end', from);
    const rest = again.events.slice(from, again.events.indexOf(end) + 1);
    expect(rest.map((e) => [e.name, e.data?.token ?? e.data?.output])).toEqual([
      ['stream_token', 'c'],
      ['update_message', 'abc'],
      ['task_end', undefined],
    ]);
  });
});
