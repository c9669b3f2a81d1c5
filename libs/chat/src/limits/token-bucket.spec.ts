import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 0;
  });

  it('gives a burst of `points` tokens, then refuses', () => {
    const bucket = new TokenBucket({ points: 3, perSeconds: 1 }, clock);
    expect([1, 2, 3, 4].map(() => bucket.take())).toEqual([true, true, true, false]);
  });

  it('refills at points / perSeconds a second, never above points', () => {
    const bucket = new TokenBucket({ points: 10, perSeconds: 10 }, clock);
    for (let i = 0; i < 10; i++) bucket.take();
    expect(bucket.take()).toBe(false);
    now = 999;
    expect(bucket.take()).toBe(false);
    now = 1000;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 1_000_000;
    expect(Array.from({ length: 11 }, () => bucket.take()).filter(Boolean)).toHaveLength(10);
  });
});
