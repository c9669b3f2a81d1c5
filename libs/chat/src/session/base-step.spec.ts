import 'reflect-metadata';
import { Observable, interval, map, of, take, throwError, concat, timer } from 'rxjs';
import { TaskStoppedError } from '../errors/task-stopped.error.js';
import { handlerContext } from './handler-context.js';
import { ChatSession } from './chat-session.js';
import { ChatTask } from './chat-task.js';
import type { BaseStep } from './base-step.js';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
import type { Step } from './step.js';
import type { StepDict } from '../protocol/step.interface.js';

function recordingSession(id = 's1') {
  const events: ChatEvent[] = [];
  const session = new ChatSession(
    { id, threadId: 't1', clientType: 'webapp', env: {} },
    {
      publish: (event) => events.push(event),
      reportError: (_session, error) => {
        throw error;
      },
      assistantName: 'Bot',
      taskOf: () => undefined,
    },
  );
  const names = () => events.map((e) => e.name);
  return { session, events, names };
}

/** The wire shape of a message or step as it is now, plus what the test expects to differ. */
function dictOf(step: BaseStep, expected: Partial<StepDict>): StepDict {
  const dict: StepDict = {
    id: step.id,
    threadId: 't1',
    name: step.name,
    type: step.type,
    output: step.output,
    createdAt: step.createdAt,
    streaming: false,
    ...(step.start === undefined ? {} : { start: step.start }),
    ...expected,
  };
  return dict;
}

const event = (name: ChatEvent['name'], data: unknown) => ({
  name,
  sessionId: 's1',
  threadId: 't1',
  data,
});

async function* yieldTokens(tokens: unknown[]) {
  for (const token of tokens) {
    await Promise.resolve();
    yield token as string;
  }
}

/** An AsyncIterable that yields `first`, then never yields again, and records return() calls. */
function stalledAfter(first: string) {
  const calls = { next: 0, return: 0 };
  const source: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        calls.next++;
        return calls.next === 1
          ? Promise.resolve({ value: first, done: false })
          : new Promise<IteratorResult<string>>(() => {}); // never settles
      },
      return: async () => {
        calls.return++;
        return { value: undefined, done: true };
      },
    }),
  };
  return { source, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const dataOf = (events: ChatEvent[], name: string) =>
  events.filter((e) => e.name === name).map((e) => e.data as StepDict);

describe('Message.stream() and update()', () => {
  it('starts the stream with a "stream_start" event that holds the first token', () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('Hel');
    expect(events).toEqual([
      event('stream_start', dictOf(message, { output: 'Hel', streaming: true, name: 'Bot' })),
    ]);
    expect(message.start).toEqual(expect.any(String));
    expect(message.streaming).toBe(true);
  });

  it('streams each following token as a "stream_token" event', () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('Hel');
    message.stream('lo');
    message.stream(' there');
    expect(events.slice(1)).toEqual([
      event('stream_token', { id: message.id, token: 'lo', isSequence: false, isInput: false }),
      event('stream_token', { id: message.id, token: ' there', isSequence: false, isInput: false }),
    ]);
    expect(message.content).toBe('Hello there');
  });

  it('ends the stream with update(): an "update_message" event with the whole output and streaming false', async () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('a');
    message.stream('b');
    await expect(message.update()).resolves.toBe(message);
    expect(events).toHaveLength(3);
    expect(events[2]).toEqual(event('update_message', dictOf(message, { output: 'ab' })));
    expect(message.streaming).toBe(false);
  });

  it('streams onto the content a message already had', () => {
    const { session, events } = recordingSession();
    const message = session.message('Draft: ');
    message.stream('one');
    expect(events[0].data).toEqual(dictOf(message, { output: 'Draft: one', streaming: true }));
  });

  it('replaces the whole output with a sequence token and says so in the event', () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('draft');
    message.stream('final', { isSequence: true });
    expect(message.content).toBe('final');
    expect(events[1]).toEqual(
      event('stream_token', { id: message.id, token: 'final', isSequence: true, isInput: false }),
    );
  });

  it('streams into the input with isInput, leaving the output alone', () => {
    const { session, events } = recordingSession();
    const message = session.message('out');
    message.stream('in');
    message.stream('put', { isInput: true });
    expect(message.input).toBe('put');
    expect(message.content).toBe('outin');
    expect(events[1]).toEqual(
      event('stream_token', { id: message.id, token: 'put', isSequence: false, isInput: true }),
    );
  });

  it('ignores an empty token: nothing is sent and nothing starts', () => {
    const { session, events } = recordingSession();
    const message = session.message();
    message.stream('');
    expect(events).toEqual([]);
    expect(message.streaming).toBe(false);
  });

  it.each([
    ['a number', 42, 'stream(token): token must be a string, got a number'],
    ['null', null, 'stream(token): token must be a string, got null'],
    ['undefined', undefined, 'stream(token): token must be a string, got undefined'],
    ['an object', { t: 'x' }, 'stream(token): token must be a string, got an object (Object)'],
  ])('refuses %s as a token with a TypeError that says what it got', (_, token, text) => {
    const { session, events } = recordingSession();
    expect(() => session.message().stream(token as never)).toThrow(new TypeError(text));
    expect(events).toEqual([]);
  });

  it('sends a message once with "new_message", then updates it with "update_message"', async () => {
    const { session, events } = recordingSession();
    const message = session.message('hi');
    await expect(message.send()).resolves.toBe(message);
    message.content = 'hi again';
    await message.send();
    expect(events).toEqual([
      event('new_message', dictOf(message, { output: 'hi' })),
      event('update_message', dictOf(message, { output: 'hi again' })),
    ]);
  });

  it('removes a message with a "delete_message" event', async () => {
    const { session, events } = recordingSession();
    const message = await session.send('bye');
    await message.remove();
    expect(events.at(-1)).toEqual(event('delete_message', { id: message.id, threadId: 't1' }));
  });
});

describe('Message.pipe()', () => {
  it('streams each token of an AsyncIterable, then ends the stream', async () => {
    const { session, events } = recordingSession();
    const message = session.message();
    await expect(message.pipe(yieldTokens(['a', 'b', 'c']))).resolves.toBe(message);
    expect(events).toEqual([
      event('stream_start', dictOf(message, { output: 'a', streaming: true })),
      event('stream_token', { id: message.id, token: 'b', isSequence: false, isInput: false }),
      event('stream_token', { id: message.id, token: 'c', isSequence: false, isInput: false }),
      event('update_message', dictOf(message, { output: 'abc', streaming: false })),
    ]);
    expect(message.streaming).toBe(false);
  });

  it('streams each token of a synchronous Observable, then ends the stream', async () => {
    const { session, events } = recordingSession();
    const message = await session.message().pipe(of('x', 'y', 'z'));
    expect(events).toEqual([
      event('stream_start', dictOf(message, { output: 'x', streaming: true })),
      event('stream_token', { id: message.id, token: 'y', isSequence: false, isInput: false }),
      event('stream_token', { id: message.id, token: 'z', isSequence: false, isInput: false }),
      event('update_message', dictOf(message, { output: 'xyz', streaming: false })),
    ]);
  });

  it('streams each token of an asynchronous Observable, then ends the stream', async () => {
    const { session, events, names } = recordingSession();
    const message = await session.message().pipe(
      interval(1).pipe(
        take(3),
        map((i) => `${i}`),
      ),
    );
    expect(names()).toEqual(['stream_start', 'stream_token', 'stream_token', 'update_message']);
    expect(events.at(-1)).toEqual(
      event('update_message', dictOf(message, { output: '012', streaming: false })),
    );
  });

  it('sends nothing for a source that ends without a token', async () => {
    const { session, events } = recordingSession();
    const fromIterable = await session.message().pipe(yieldTokens([]));
    const fromObservable = await session.message().pipe(of<string>());
    expect(fromIterable.content).toBe('');
    expect(fromObservable.content).toBe('');
    expect(events).toEqual([]);
  });

  it('ends the stream with what arrived, then rethrows, when an AsyncIterable fails', async () => {
    const { session, events } = recordingSession();
    const failure = new Error('upstream down');
    async function* failing() {
      yield 'partial ';
      throw failure;
    }
    const message = session.message();
    await expect(message.pipe(failing())).rejects.toBe(failure);
    expect(events.map((e) => e.name)).toEqual(['stream_start', 'update_message']);
    expect(events[1]).toEqual(
      event('update_message', dictOf(message, { output: 'partial ', streaming: false })),
    );
    expect(message.streaming).toBe(false);
  });

  it('ends the stream with what arrived, then rethrows, when an Observable fails later', async () => {
    const { session, events } = recordingSession();
    const failure = new Error('rx down');
    const message = session.message();
    const source = concat(
      of('one '),
      timer(1).pipe(map(() => 'two ')),
      throwError(() => failure),
    );
    await expect(message.pipe(source)).rejects.toBe(failure);
    expect(events.at(-1)).toEqual(
      event('update_message', dictOf(message, { output: 'one two ', streaming: false })),
    );
    expect(message.streaming).toBe(false);
  });

  it('rethrows a failure that comes before any token, having sent nothing', async () => {
    const { session, events } = recordingSession();
    const failure = new Error('no connection');
    await expect(session.message().pipe(throwError(() => failure))).rejects.toBe(failure);
    expect(events).toEqual([]);
  });

  it.each([
    ['a number', 5, 'a number'],
    ['an object', { text: 'hi' }, 'an object (Object)'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
  ])(
    'refuses an Observable that emits %s with a TypeError naming it, ending the stream',
    async (_, value, described) => {
      const { session, events } = recordingSession();
      const message = session.message();
      await expect(message.pipe(of('ok ', value) as Observable<string>)).rejects.toThrow(
        new TypeError(`pipe(source): the source emitted ${described}; it must emit strings`),
      );
      expect(events.at(-1)).toEqual(
        event('update_message', dictOf(message, { output: 'ok ', streaming: false })),
      );
    },
  );

  it('refuses an AsyncIterable that emits something other than a string, ending the stream', async () => {
    const { session, events } = recordingSession();
    const message = session.message();
    await expect(message.pipe(yieldTokens(['ok ', 42, 'never']))).rejects.toThrow(
      new TypeError('pipe(source): the source emitted a number; it must emit strings'),
    );
    expect(message.content).toBe('ok ');
    expect(events.at(-1)).toEqual(
      event('update_message', dictOf(message, { output: 'ok ', streaming: false })),
    );
  });
});

describe('a stopped task', () => {
  it('ends a pipe at once, even if the source never yields again, and closes the source', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    const { source, calls } = stalledAfter('first');
    const message = session.message();
    const piping = handlerContext.run({ session, task }, () => message.pipe(source));
    await tick();
    expect(events.map((e) => e.name)).toEqual(['stream_start']);
    task.abort();
    // The source never yields again: only the abort can end the pipe.
    await expect(piping).resolves.toBe(message);
    expect(events).toEqual([
      event('stream_start', dictOf(message, { output: 'first', streaming: true })),
      event('update_message', dictOf(message, { output: 'first', streaming: false })),
    ]);
    expect(calls).toEqual({ next: 2, return: 1 });
  });

  it('ends a pipe of an Observable at once and unsubscribes from it', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    let unsubscribed = 0;
    let emit!: (token: string) => void;
    const source = new Observable<string>((subscriber) => {
      subscriber.next('one');
      emit = (token) => subscriber.next(token);
      return () => unsubscribed++;
    });
    const message = session.message();
    const piping = handlerContext.run({ session, task }, () => message.pipe(source));
    task.abort();
    // The source never yields again: only the abort can end the pipe.
    await expect(piping).resolves.toBe(message);
    emit('late');
    expect(unsubscribed).toBe(1);
    expect(message.content).toBe('one');
    expect(events.at(-1)).toEqual(
      event('update_message', dictOf(message, { output: 'one', streaming: false })),
    );
  });

  it('does not start a pipe whose task was already stopped', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    task.abort();
    const { source, calls } = stalledAfter('first');
    let subscribed = false;
    const observable = new Observable<string>(() => {
      subscribed = true;
    });
    await handlerContext.run({ session, task }, async () => {
      await session.message().pipe(source);
      await session.message().pipe(observable);
    });
    expect(calls).toEqual({ next: 0, return: 1 });
    expect(subscribed).toBe(false);
    expect(events).toEqual([]);
  });

  it('makes message.send() throw the TaskStoppedError of the task, sending nothing', async () => {
    const { session, events } = recordingSession();
    const task = new ChatTask();
    await handlerContext.run({ session, task }, async () => {
      task.abort();
      const sending = session.message('too late').send();
      await expect(sending).rejects.toBe(task.signal.reason);
      await expect(sending).rejects.toThrow(new TaskStoppedError());
      await expect(sending).rejects.toMatchObject({
        name: 'AbortError',
        code: 'ABORT_ERR',
        message: 'The task was stopped by the user.',
      });
      expect(() => session.message().stream('x')).toThrow(new TaskStoppedError());
      await expect(session.send('also too late')).rejects.toBe(task.signal.reason);
    });
    expect(events).toEqual([]);
  });

  it('does not stop the messages of another session', async () => {
    const { session } = recordingSession('s1');
    const other = recordingSession('s2');
    const task = new ChatTask();
    task.abort();
    await handlerContext.run({ session, task }, async () => {
      await other.session.send('still fine');
    });
    expect(other.events.map((e) => e.name)).toEqual(['new_message']);
  });
});

describe('ChatSession.send()', () => {
  it('sends a string as a new assistant message authored by the assistant name', async () => {
    const { session, events } = recordingSession();
    const message = await session.send('Hello!');
    expect(events).toEqual([
      event('new_message', {
        id: message.id,
        threadId: 't1',
        name: 'Bot',
        type: 'assistant_message',
        output: 'Hello!',
        createdAt: message.createdAt,
        start: message.start,
        streaming: false,
      }),
    ]);
  });

  it('uses the author and type it is given', async () => {
    const { session, events } = recordingSession();
    await session.send('Note', { author: 'System', type: 'system_message' });
    expect(events[0].data).toMatchObject({ name: 'System', type: 'system_message' });
  });

  it('streams an AsyncIterable or an Observable into a new message', async () => {
    const { session, events } = recordingSession();
    const streamed = await session.send(yieldTokens(['a', 'b']));
    expect(streamed.content).toBe('ab');
    const observed = await session.send(of('c', 'd'));
    expect(observed.content).toBe('cd');
    expect(events.map((e) => e.name)).toEqual([
      'stream_start',
      'stream_token',
      'update_message',
      'stream_start',
      'stream_token',
      'update_message',
    ]);
  });

  it.each([
    ['a number', 42],
    ['a plain object', { text: 'hi' }],
    ['null', null],
    ['a sync iterable', ['a', 'b']],
  ])('refuses %s with a TypeError naming what it accepts', async (_, content) => {
    const { session, events } = recordingSession();
    await expect(session.send(content as never)).rejects.toThrow(
      new TypeError(
        'session.send(content): content must be a string, an Observable<string> or an AsyncIterable<string>',
      ),
    );
    expect(events).toEqual([]);
  });

  it('refuses a message content that is not a string', () => {
    const { session } = recordingSession();
    expect(() => session.message(42 as never)).toThrow(
      new TypeError('session.message(content): content must be a string'),
    );
  });
});

describe('ChatSession.step()', () => {
  it('sends the step, runs it, then updates it with its end time and returns what it returned', async () => {
    const { session, events } = recordingSession();
    let step!: Step;
    const result = await session.step('search', 'tool', async (s) => {
      step = s;
      return 42;
    });
    expect(result).toBe(42);
    expect(events[0]).toEqual(
      event('new_message', {
        id: step.id,
        threadId: 't1',
        name: 'search',
        type: 'tool',
        output: '',
        createdAt: step.createdAt,
        start: step.start,
        streaming: false,
      }),
    );
    expect(events[1]).toEqual(
      event('update_message', {
        id: step.id,
        threadId: 't1',
        name: 'search',
        type: 'tool',
        output: '42',
        language: 'json',
        createdAt: step.createdAt,
        start: step.start,
        end: step.end,
        streaming: false,
      }),
    );
    expect(events).toHaveLength(2);
    expect(Date.parse(step.end!)).toBeGreaterThanOrEqual(Date.parse(step.start!));
  });

  it('nests a step under the step it runs in, and a sibling under the same parent', async () => {
    const { session, events } = recordingSession();
    const ids: Record<string, string> = {};
    await session.step('outer', 'run', async (outer) => {
      ids.outer = outer.id;
      await session.step('inner', 'tool', async (inner) => {
        ids.inner = inner.id;
        await session.step('innermost', 'llm', async (s) => void (ids.innermost = s.id));
      });
      await session.step('sibling', 'tool', async (s) => void (ids.sibling = s.id));
    });
    await session.step('after', 'run', async (s) => void (ids.after = s.id));
    const parents = Object.fromEntries(
      dataOf(events, 'new_message').map((s) => [s.name, s.parentId]),
    );
    expect(parents).toEqual({
      outer: undefined,
      inner: ids.outer,
      innermost: ids.inner,
      sibling: ids.outer,
      after: undefined,
    });
    expect(dataOf(events, 'update_message').map((s) => s.name)).toEqual([
      'innermost',
      'inner',
      'sibling',
      'outer',
      'after',
    ]);
  });

  it('nests a top-level step under the user message being handled', async () => {
    const { session, events } = recordingSession();
    const message = { id: 'user-1', content: 'hi', threadId: 't1', createdAt: '', files: [] };
    await handlerContext.run({ session, message }, () => session.step('think', 'run', () => 'ok'));
    expect(dataOf(events, 'new_message')[0].parentId).toBe('user-1');
  });

  it('nests under an explicit parentId when one is given', async () => {
    const { session, events } = recordingSession();
    await session.step('outer', 'run', async () => {
      await session.step('elsewhere', 'tool', async () => 'x', { parentId: 'message-9' });
    });
    expect(dataOf(events, 'new_message')[1].parentId).toBe('message-9');
  });

  it('uses a string return value as the output', async () => {
    const { session, events } = recordingSession();
    await session.step('lookup', 'retrieval', async () => 'found it');
    const [updated] = dataOf(events, 'update_message');
    expect(updated.output).toBe('found it');
    expect(updated.language).toBeUndefined();
  });

  it('keeps an output the step set itself over its return value', async () => {
    const { session, events } = recordingSession();
    await session.step('lookup', 'retrieval', async (step) => {
      step.output = 'set by the step';
      return 'returned';
    });
    expect(dataOf(events, 'update_message')[0].output).toBe('set by the step');
  });

  it('shows an object return value as indented JSON', async () => {
    const { session, events } = recordingSession();
    await session.step('lookup', 'retrieval', async () => ({ hits: 2 }));
    expect(dataOf(events, 'update_message')[0]).toMatchObject({
      output: '{\n  "hits": 2\n}',
      language: 'json',
    });
  });

  it('marks a failing step isError with the error message as output, ends it, and rethrows', async () => {
    const { session, events } = recordingSession();
    const failure = new Error('no index');
    let step!: Step;
    await expect(
      session.step('broken', 'tool', async (s) => {
        step = s;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(events.at(-1)).toEqual(
      event('update_message', {
        id: step.id,
        threadId: 't1',
        name: 'broken',
        type: 'tool',
        output: 'no index',
        isError: true,
        createdAt: step.createdAt,
        start: step.start,
        end: step.end,
        streaming: false,
      }),
    );
    expect(step.end).toEqual(expect.any(String));
  });

  it('marks a failing step isError but keeps an output it had set', async () => {
    const { session, events } = recordingSession();
    await expect(
      session.step('half', 'tool', async (s) => {
        s.output = 'got halfway';
        throw new Error('then failed');
      }),
    ).rejects.toThrow('then failed');
    expect(dataOf(events, 'update_message')[0]).toMatchObject({
      output: 'got halfway',
      isError: true,
    });
  });

  it('shows a thrown non-Error as text', async () => {
    const { session, events } = recordingSession();
    await expect(
      session.step('odd', 'tool', () => {
        throw 'plain string';
      }),
    ).rejects.toBe('plain string');
    expect(dataOf(events, 'update_message')[0]).toMatchObject({
      output: 'plain string',
      isError: true,
    });
  });

  it('marks the enclosing step isError too when a nested failure propagates', async () => {
    const { session, events } = recordingSession();
    await expect(
      session.step('outer', 'run', () =>
        session.step('inner', 'tool', () => {
          throw new Error('deep');
        }),
      ),
    ).rejects.toThrow('deep');
    expect(dataOf(events, 'update_message').map((s) => [s.name, s.isError, s.output])).toEqual([
      ['inner', true, 'deep'],
      ['outer', true, 'deep'],
    ]);
  });
});

describe('pipe and its source', () => {
  it('closes an AsyncIterable source that emits a bad token, as for-await would', async () => {
    const { session } = recordingSession();
    let cleaned = false;
    async function* source() {
      try {
        yield 'a';
        yield 5 as unknown as string;
      } finally {
        cleaned = true;
      }
    }
    await expect(session.message().pipe(source())).rejects.toThrow(TypeError);
    expect(cleaned).toBe(true);
  });
});
