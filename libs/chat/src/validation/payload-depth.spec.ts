import { nestedDeeperThan } from './payload-depth.js';

function nest(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('nestedDeeperThan', () => {
  it('counts the levels of objects and arrays, not of scalars or bytes', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(Buffer.from('abc'), 0)).toBe(false);
    expect(nestedDeeperThan(nest(3), 3)).toBe(false);
    expect(nestedDeeperThan(nest(4), 3)).toBe(true);
  });

  it('walks a payload far deeper than the call stack allows', () => {
    expect(nestedDeeperThan(nest(200_000))).toBe(true);
  });
});
