import { randomBytes, randomUUID } from 'node:crypto';
import { weakSecretReason } from './secret-strength.js';

describe('weakSecretReason', () => {
  it('takes what the generators give: base64 and hex of random bytes, UUIDs', () => {
    for (let i = 0; i < 2000; i++) {
      expect(weakSecretReason(randomBytes(32).toString('base64'))).toBeUndefined();
      expect(weakSecretReason(randomBytes(32).toString('base64url'))).toBeUndefined();
      expect(weakSecretReason(randomBytes(16).toString('hex'))).toBeUndefined();
      expect(weakSecretReason(randomUUID())).toBeUndefined();
    }
  });

  it('refuses the short, the repeated, the sequential and the few-charactered, saying which', () => {
    expect(weakSecretReason('x'.repeat(31))).toBe('is 31 characters long; it needs at least 32');
    expect(weakSecretReason('a'.repeat(32))).toBe(
      'looks guessable: its characters carry about 0 bits (at least 80 needed)',
    );
    expect(weakSecretReason('01'.repeat(20))).toBe(
      'looks guessable: its characters carry about 40 bits (at least 80 needed)',
    );
    for (const repeated of ['password'.repeat(4), 'changeme-changeme-changeme-change']) {
      expect(weakSecretReason(repeated)).toBe('looks guessable: it repeats a pattern');
    }
    for (const run of [
      'abcdefghijklmnopqrstuvwxyz0123456789',
      'zyxwvutsrqponmlkjihgfedcba9876543210',
    ]) {
      expect(weakSecretReason(run)).toBe('looks guessable: it runs through consecutive characters');
    }
  });
});
