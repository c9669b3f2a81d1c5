import 'reflect-metadata';
import { Observable, of, throwError, timer, map, take } from 'rxjs';
import type { ChatEvent } from './chat-event.interface.js';
import { chatStorage } from '../session/chat-context.storage.js';
import { ChatSession } from '../session/chat-session.js';
import { ChatTask } from '../session/chat-task.js';
import { TaskStoppedError } from '../errors/task-stopped.error.js';

function recordingSession() {
  const events: ChatEvent[] = [];
  const session = new ChatSession(
    { id: 's1', threadId: 't1', clientType: 'webapp', env: {} },
    { publish: (event) => events.push(event), assistantName: 'Bot' },
  );
  const names = () => events.map((e) => e.name);
  return { session, events, names };
}

async function* yieldTokens(tokens: string[]) {
  for (const token of tokens) {
    await Promise.resolve();
    yield token;
  }
}

async function* failing() {
  yield 'partial ';
  throw new Error('upstream down');
}

describe('Message streaming', () => {
  it('starts a stream with the first token in stream_start, then sends stream_token events', () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('Hel');
    message.stream('lo');
    expect(events[0]).toMatchObject({
      name: 'stream_start',
      sessionId: 's1',
      threadId: 't1',
      data: { id: message.id, output: 'Hel', streaming: true, name: 'Bot' },
    });
    expect(events[1]).toEqual({
      name: 'stream_token',
      sessionId: 's1',
      threadId: 't1',
      data: { id: message.id, token: 'lo', isSequence: false, isInput: false },
    });
    expect(message.streaming).toBe(true);
  });

  it('ends the stream with update_message carrying the whole output and streaming false', async () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('a');
    message.stream('b');
    await message.update();
    expect(events.at(-1)).toMatchObject({
      name: 'update_message',
      data: { id: message.id, output: 'ab', streaming: false },
    });
    expect(message.streaming).toBe(false);
  });

  it('replaces the output for a sequence token and ignores empty tokens', () => {
    const { session, events } = recordingSession();
    const message = session.message('draft');
    message.stream('');
    expect(events).toEqual([]);
    message.stream('final', { isSequence: true });
    expect(message.content).toBe('final');
  });

  it('refuses a token that is not a string', () => {
    const { session } = recordingSession();
    expect(() => session.message().stream(42 as never)).toThrow(
      new TypeError('stream(token): token must be a string, got a number'),
    );
  });

  it('pipes an AsyncIterable token by token, then ends the stream', async () => {
    const { session, names, events } = recordingSession();
    const message = await session.message().pipe(yieldTokens(['a', 'b', 'c']));
    expect(names()).toEqual(['stream_start', 'stream_token', 'stream_token', 'update_message']);
    expect(message.content).toBe('abc');
    expect(events.at(-1)!.data).toMatchObject({ streaming: false, output: 'abc' });
  });

  it('pipes a synchronous Observable and an asynchronous one', async () => {
    const { session } = recordingSession();
    const sync = await session.message().pipe(of('x', 'y'));
    expect(sync.content).toBe('xy');
    const async = await session.message().pipe(
      timer(0, 5).pipe(
        take(3),
        map((i) => `${i}`),
      ),
    );
    expect(async.content).toBe('012');
  });

  it('ends the stream and rethrows when the source fails', async () => {
    const { session, events } = recordingSession();
    const message = session.message();
    await expect(message.pipe(failing())).rejects.toThrow('upstream down');
    expect(events.at(-1)).toMatchObject({
      name: 'update_message',
      data: { output: 'partial ', streaming: false },
    });
    const observed = session.message();
    await expect(observed.pipe(throwError(() => new Error('rx down')))).rejects.toThrow('rx down');
  });

  it('refuses a source that emits something other than strings, naming what it was', async () => {
    const { session } = recordingSession();
    await expect(session.message().pipe(of({ text: 'hi' }) as never)).rejects.toThrow(
      new TypeError('pipe(source): the source emitted an object (Object); it must emit strings'),
    );
  });

  it('ends at once when its task is stopped, even if the source never yields again, and closes the source', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    let returned = false;
    const stalled: AsyncIterable<string> = {
      [Symbol.asyncIterator]() {
        let sent = false;
        return {
          next: () =>
            sent
              ? new Promise<IteratorResult<string>>(() => undefined) // never settles
              : ((sent = true), Promise.resolve({ value: 'first', done: false })),
          return: async () => ((returned = true), { value: undefined, done: true }),
        };
      },
    };
    const piping = chatStorage.run({ session, task }, () => session.message().pipe(stalled));
    await new Promise((resolve) => setTimeout(resolve, 10));
    task.abort();
    const message = await piping;
    expect(message.content).toBe('first');
    expect(events.at(-1)).toMatchObject({ name: 'update_message', data: { streaming: false } });
    expect(returned).toBe(true);
  });

  it('unsubscribes from an Observable when its task is stopped', async () => {
    const { session } = recordingSession();
    const task = new ChatTask();
    let unsubscribed = false;
    const source = new Observable<string>((subscriber) => {
      subscriber.next('one');
      return () => (unsubscribed = true);
    });
    const piping = chatStorage.run({ session, task }, () => session.message().pipe(source));
    task.abort();
    expect((await piping).content).toBe('one');
    expect(unsubscribed).toBe(true);
  });

  it('refuses to send from a stopped task, so the task unwinds', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    task.abort();
    await chatStorage.run({ session, task }, async () => {
      await expect(session.send('too late')).rejects.toBeInstanceOf(TaskStoppedError);
      expect(() => session.message().stream('x')).toThrow('The task was stopped by the user.');
    });
    expect(events).toEqual([]);
  });

  it('refuses content that is neither a string nor a stream', async () => {
    const { session } = recordingSession();
    await expect(session.send(42 as never)).rejects.toThrow(
      new TypeError(
        'session.send(content): content must be a string, an Observable<string> or an AsyncIterable<string>',
      ),
    );
  });

  it('removes a message with delete_message', async () => {
    const { session, events } = recordingSession();
    const message = await session.send('bye');
    await message.remove();
    expect(events.at(-1)).toEqual({
      name: 'delete_message',
      sessionId: 's1',
      threadId: 't1',
      data: { id: message.id, threadId: 't1' },
    });
  });
});

describe('steps', () => {
  it('nests a step inside the enclosing step and times it', async () => {
    const { session, events } = recordingSession();
    await session.step('outer', 'run', async (outer) => {
      await session.step('inner', 'tool', async () => 'found it');
      outer.output = 'done';
    });
    const created = events.filter((e) => e.name === 'new_message').map((e) => e.data as any);
    expect(created.map((s) => [s.name, s.type])).toEqual([
      ['outer', 'run'],
      ['inner', 'tool'],
    ]);
    expect(created[0].parentId).toBeUndefined();
    expect(created[1].parentId).toBe(created[0].id);
    const updated = events.filter((e) => e.name === 'update_message').map((e) => e.data as any);
    expect(updated.map((s) => [s.name, s.output])).toEqual([
      ['inner', 'found it'],
      ['outer', 'done'],
    ]);
    for (const step of updated)
      expect(Date.parse(step.end)).toBeGreaterThanOrEqual(Date.parse(step.start));
  });

  it('shows an object result as JSON and marks a failing step isError, rethrowing', async () => {
    const { session, events } = recordingSession();
    await session.step('lookup', 'retrieval', async () => ({ hits: 2 }));
    expect(events.at(-1)!.data).toMatchObject({ output: '{\n  "hits": 2\n}', language: 'json' });
    await expect(
      session.step('broken', 'tool', async () => {
        throw new Error('no index');
      }),
    ).rejects.toThrow('no index');
    expect(events.at(-1)!.data).toMatchObject({
      name: 'broken',
      isError: true,
      output: 'no index',
    });
  });
});
