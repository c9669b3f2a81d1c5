import { FLOOD_FACTOR, SocketAdmission } from './socket-admission.js';

describe('SocketAdmission', () => {
  let now = 0;
  const clock = () => now;
  const events = new Set(['client_message', 'stop']);

  beforeEach(() => {
    now = 0;
  });

  it('lets known events through within the limit, and names an unknown one', () => {
    const admission = new SocketAdmission(events, { points: 2, perSeconds: 1 }, clock);
    const session = {};
    expect(admission.check(session, '10.0.0.1', 'client_message')).toBeUndefined();
    expect(admission.check(session, '10.0.0.1', 'audio_start')).toEqual({
      notice: 'unknown event "audio_start"',
    });
  });

  it('answers the first refused event of a window, then refuses the next ones silently', () => {
    const admission = new SocketAdmission(events, { points: 2, perSeconds: 10 }, clock);
    const session = {};
    admission.check(session, 'a', 'stop');
    admission.check(session, 'a', 'stop');
    expect(admission.check(session, 'a', 'stop')).toEqual({
      notice:
        'rate limit: at most 2 events per 10 s; "stop" refused, and the events after it are refused without an answer: wait 10 s',
    });
    expect(admission.check(session, 'a', 'stop')).toEqual({ disconnect: false });
    now = 10_000; // a new window, and the bucket whole again
    expect(admission.check(session, 'a', 'stop')).toBeUndefined();
  });

  it('counts every session of one address together: a new session id gets no new budget', () => {
    const admission = new SocketAdmission(
      events,
      { points: 2, perSeconds: 10, perAddress: 3 },
      clock,
    );
    const passed = Array.from({ length: 5 }, () => admission.check({}, 'b', 'stop'));
    expect(passed.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(passed[3]?.notice).toBe(
      'rate limit: at most 3 events from one address per 10 s; "stop" refused, and the events after it are refused without an answer: wait 10 s',
    );
    expect(admission.check({}, 'c', 'stop')).toBeUndefined(); // another address
  });

  it('tells a client that keeps flooding past the limit to go', () => {
    const admission = new SocketAdmission(events, { points: 2, perSeconds: 10 }, clock);
    const session = {};
    const results = Array.from({ length: 2 + FLOOD_FACTOR * 2 + 1 }, () =>
      admission.check(session, 'd', 'stop'),
    );
    expect(results.filter((r) => r?.notice)).toHaveLength(1);
    expect(results.at(-2)).toEqual({ disconnect: false });
    expect(results.at(-1)).toEqual({ disconnect: true });
  });
});
