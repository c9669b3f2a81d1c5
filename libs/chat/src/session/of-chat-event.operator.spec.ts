import { Subject, from, lastValueFrom, toArray, type Observable } from 'rxjs';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
import { ofChatEvent } from './of-chat-event.operator.js';
import type { StepDict } from '../protocol/step.interface.js';

const base = { sessionId: 's', threadId: 't' };
const step: StepDict = {
  id: 'm',
  threadId: 't',
  name: 'Assistant',
  type: 'assistant_message',
  output: 'hi',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const events: ChatEvent[] = [
  { ...base, name: 'task_start', data: {} },
  { ...base, name: 'stream_start', data: step },
  {
    ...base,
    name: 'stream_token',
    data: { id: 'm', token: ' there', isSequence: false, isInput: false },
  },
  { ...base, name: 'toast', data: { message: 'saved', type: 'success' } },
  { ...base, name: 'update_message', data: { ...step, output: 'hi there' } },
  { ...base, name: 'task_end', data: {} },
];

const collect = <T>(source: Observable<T>) => lastValueFrom(source.pipe(toArray()));

describe('ofChatEvent', () => {
  it('keeps only the events of the one name given', async () => {
    expect(await collect(from(events).pipe(ofChatEvent('toast')))).toEqual([events[3]]);
  });

  it('keeps the events of any of the names given, in the order they came', async () => {
    const kept = await collect(from(events).pipe(ofChatEvent('task_end', 'task_start')));
    expect(kept).toEqual([events[0], events[5]]);
  });

  it('passes the kept events through unchanged, as the same objects', async () => {
    const [kept] = await collect(from(events).pipe(ofChatEvent('stream_token')));
    expect(kept).toBe(events[2]);
  });

  it('keeps nothing when no event has a name given', async () => {
    expect(await collect(from(events).pipe(ofChatEvent('exception')))).toEqual([]);
  });

  it('filters a live stream as events arrive, and completes with it', () => {
    const subject = new Subject<ChatEvent>();
    const seen: string[] = [];
    let completed = false;
    subject.pipe(ofChatEvent('stream_start', 'update_message')).subscribe({
      next: (event) => seen.push(event.name),
      complete: () => (completed = true),
    });
    for (const event of events) subject.next(event);
    expect(seen).toEqual(['stream_start', 'update_message']);
    subject.complete();
    expect(completed).toBe(true);
  });

  it('narrows the type of each event to the names given', async () => {
    const [token] = await collect(from(events).pipe(ofChatEvent('stream_token')));
    const text: string = token.data.token;
    const isSequence: boolean = token.data.isSequence;
    expect([text, isSequence]).toEqual([' there', false]);
    // @ts-expect-error a stream_token event has no output
    expect(token.data.output).toBeUndefined();

    const [toast] = await collect(from(events).pipe(ofChatEvent('toast')));
    const type: 'info' | 'success' | 'warning' | 'error' = toast.data.type;
    expect(type).toBe('success');
    // @ts-expect-error a toast event has no token
    expect(toast.data.token).toBeUndefined();
  });

  it('narrows to the union of the names given, discriminated by name', async () => {
    const kept = await collect(from(events).pipe(ofChatEvent('stream_start', 'stream_token')));
    const outputs = kept.map((event) => {
      // @ts-expect-error before narrowing by name, the payload may be either kind
      void event.data.token;
      return event.name === 'stream_token' ? event.data.token : event.data.output;
    });
    expect(outputs).toEqual(['hi', ' there']);
    // @ts-expect-error 'toast' is not among the names kept
    expect(kept.filter((event) => event.name === 'toast')).toEqual([]);
  });

  it('takes only known event names, and at least one (a type error otherwise; nothing kept)', async () => {
    // @ts-expect-error not an event name
    expect(await collect(from(events).pipe(ofChatEvent('stream_tokens')))).toEqual([]);
    // @ts-expect-error at least one name is needed
    expect(await collect(from(events).pipe(ofChatEvent()))).toEqual([]);
  });
});
