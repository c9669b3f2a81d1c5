/** A seeded PRNG (mulberry32) and the helpers that draw malformed values from it. */
export class Fuzz {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed | 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A string: short, long, unicode, control characters, or (rarely) 100,000 characters. */
  string(): string {
    const kind = this.int(0, 9);
    if (kind === 0) return 'x'.repeat(this.chance(0.05) ? 100_000 : this.int(1000, 5000));
    if (kind === 1) return '';
    if (kind === 2) return this.pick(['../../etc/passwd', '..%2F..%2F', '%00', '<script>', '${x}']);
    const alphabet =
      kind === 3 ? 'ñ中😀\u0000\u200b\ufeff\n\t"\\' : 'abcdefghijklmnopqrstuvwxyz0123456789-_';
    const chars = Array.from(alphabet);
    return Array.from({ length: this.int(1, 40) }, () => this.pick(chars)).join('');
  }

  /** A value of any JSON type but an object, or bytes. */
  scalar(): unknown {
    switch (this.int(0, 7)) {
      case 0:
        return this.int(-1e9, 1e9);
      case 1:
        return this.next() * 1e308;
      case 2:
        return this.chance(0.5);
      case 3:
        return null;
      case 4:
        return Buffer.from(this.string());
      case 5:
        return [this.string(), this.int(0, 9)];
      default:
        return this.string();
    }
  }

  /** A value of any JSON type but a string or an object, or bytes. */
  nonString(): unknown {
    const value = this.scalar();
    return typeof value === 'string' ? value.length : value;
  }

  /** Objects and arrays nested `levels` deep. */
  deep(levels = this.int(65, 2000)): unknown {
    let value: unknown = this.string();
    for (let i = 0; i < levels; i++) value = this.chance(0.5) ? [value] : { k: value };
    return value;
  }

  /** An object with `__proto__`, `constructor` and `prototype` keys of its own. */
  poisoned(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const value = JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}',
    ) as Record<string, unknown>;
    return Object.assign(value, extra);
  }

  /** A string that is not a UUID. */
  badUuid(): string {
    return this.pick([
      '',
      'null',
      '123',
      '../../etc',
      '00000000-0000-0000-0000-00000000000g',
      '00000000000000000000000000000000',
      '{00000000-0000-0000-0000-000000000000}',
      this.string(),
    ]);
  }
}
