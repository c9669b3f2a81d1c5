import { ChatOptionsError } from '../errors/chat-options.error.js';

/** The checks every option resolver shares; each error names the option that is wrong. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as an error message shows it: strings quoted, NaN as NaN. */
export function show(value: unknown): string {
  if (typeof value === 'number' || value === null || value === undefined) return String(value);
  return JSON.stringify(value) ?? typeof value;
}

/** `value` without its undefined fields, so that defaults apply to them. */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ChatOptionsError(name, `must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

export function checkPositive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new ChatOptionsError(name, `must be a number > 0, got ${show(value)}`);
  }
  return value;
}

export function checkObject(name: string, value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw new ChatOptionsError(name, 'must be an object');
  return value;
}

export function checkStrings(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new ChatOptionsError(name, 'must be an array of non-empty strings');
  }
  return value;
}
