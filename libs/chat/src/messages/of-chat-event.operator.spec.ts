import { from, lastValueFrom, toArray } from 'rxjs';
import type { ChatEvent } from './chat-event.interface.js';
import { ofChatEvent } from './of-chat-event.operator.js';

const base = { sessionId: 's', threadId: 't' };
const events: ChatEvent[] = [
  { ...base, name: 'task_start', data: {} },
  {
    ...base,
    name: 'stream_token',
    data: { id: 'm', token: 'hi', isSequence: false, isInput: false },
  },
  { ...base, name: 'toast', data: { message: 'saved', type: 'success' } },
  { ...base, name: 'task_end', data: {} },
];

describe('ofChatEvent', () => {
  it('keeps only the events of the given names, in order', async () => {
    const kept = await lastValueFrom(
      from(events).pipe(ofChatEvent('task_start', 'task_end'), toArray()),
    );
    expect(kept.map((e) => e.name)).toEqual(['task_start', 'task_end']);
  });

  it('narrows the payload type to the named event', async () => {
    const [token] = await lastValueFrom(from(events).pipe(ofChatEvent('stream_token'), toArray()));
    const text: string = token.data.token;
    expect(text).toBe('hi');
    // @ts-expect-error a stream_token has no output
    expect(token.data.output).toBeUndefined();
    const [toast] = await lastValueFrom(from(events).pipe(ofChatEvent('toast'), toArray()));
    const type: 'info' | 'success' | 'warning' | 'error' = toast.data.type;
    expect(type).toBe('success');
  });
});
