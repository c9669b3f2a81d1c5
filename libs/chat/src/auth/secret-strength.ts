import { ChatOptionsError } from '../errors/chat-options.error.js';

/** How to make a secret that passes, as the refusal says it. */
export const MAKE_A_SECRET =
  'make one with `openssl rand -base64 32` or `node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"`';

/** The fewest characters a secret may have. */
export const MIN_SECRET_LENGTH = 32;
/** The fewest bits the estimate may give: 32 random hex digits estimate above it. */
const MIN_ESTIMATED_BITS = 80;
/** The share of a secret's three-character pieces that must differ (no repeated pattern). */
const MIN_DISTINCT_TRIGRAMS = 0.8;
/** The share of neighbouring characters that may be one code point apart ("abcd", "4321"). */
const MAX_STEPS = 0.5;

/**
 * Why `secret` is not random-looking enough to sign with, or `undefined` if it is. A rough
 * guard against the obviously guessable (too short, few distinct characters, a repeated
 * pattern, a run like `abcdef…`), not a proof of randomness: a phrase of words can pass.
 * The estimate is the characters' Shannon entropy times the length.
 */
export function weakSecretReason(secret: string): string | undefined {
  const chars = Array.from(secret);
  if (chars.length < MIN_SECRET_LENGTH) {
    return `is ${chars.length} characters long; it needs at least ${MIN_SECRET_LENGTH}`;
  }
  const bits = estimatedBits(chars);
  if (bits < MIN_ESTIMATED_BITS) {
    return `looks guessable: its characters carry about ${Math.floor(bits)} bits (at least ${MIN_ESTIMATED_BITS} needed)`;
  }
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  if (trigrams.size < MIN_DISTINCT_TRIGRAMS * (chars.length - 2)) {
    return 'looks guessable: it repeats a pattern';
  }
  let steps = 0;
  for (let i = 1; i < chars.length; i++) {
    const diff = chars[i].codePointAt(0)! - chars[i - 1].codePointAt(0)!;
    if (diff === 1 || diff === -1) steps++;
  }
  if (steps > MAX_STEPS * (chars.length - 1)) {
    return 'looks guessable: it runs through consecutive characters';
  }
  return undefined;
}

/** Throws, naming the option and how to make a good secret, unless `value` is one. */
export function checkSecret(option: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new ChatOptionsError(option, `must be a string of random characters; ${MAKE_A_SECRET}`);
  }
  const reason = weakSecretReason(value);
  if (reason) throw new ChatOptionsError(option, `${reason}; ${MAKE_A_SECRET}`);
  return value;
}

function estimatedBits(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}
