import type { ChatLoginAttemptsOptions } from '../options/chat-auth-options.interface.js';

/** Counters kept at most; past it, expired ones go, then the oldest. */
const MAX_COUNTERS = 100_000;

interface Counter {
  failures: number;
  /** When the window of these failures ends (ms since the epoch). */
  resetAt: number;
}

/** Why a login must wait: the seconds left, and which limit it reached. */
export interface LoginRefusal {
  retryAfterSeconds: number;
  by: 'username' | 'address';
}

/**
 * Failed password logins, counted per username and per client address in a window that starts
 * with the first failure (`auth.loginAttempts`). Past either limit, logins wait for the window
 * to end, the right password included. An attempt counts as failed from its start (logins sent
 * at once cannot slip past the limit together) until it succeeds: then its username's failures
 * are cleared, and its address's are as they were (one account's success says nothing of the
 * others tried from there).
 */
export class LoginAttempts {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly limits: Required<ChatLoginAttemptsOptions>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A login for `username` from `address` begins: why it must wait, if it must; else it is
   * counted as failed until `succeeded()` says otherwise.
   */
  begin(username: string, address: string): LoginRefusal | undefined {
    const byUser = this.wait(userKey(username), this.limits.perUsername);
    const byAddress = this.wait(addressKey(address), this.limits.perAddress);
    if (byUser === undefined && byAddress === undefined) {
      this.count(userKey(username));
      this.count(addressKey(address));
      return undefined;
    }
    return (byUser ?? 0) >= (byAddress ?? 0)
      ? { retryAfterSeconds: byUser!, by: 'username' }
      : { retryAfterSeconds: byAddress!, by: 'address' };
  }

  /** The login begun for `username` from `address` succeeded. */
  succeeded(username: string, address: string): void {
    this.counters.delete(userKey(username));
    const counter = this.counters.get(addressKey(address));
    if (counter && counter.failures > 0) counter.failures--;
  }

  /** The seconds until `key` may try again, if it has reached `max`. */
  private wait(key: string, max: number): number | undefined {
    const counter = this.counters.get(key);
    if (!counter) return undefined;
    const left = counter.resetAt - this.now();
    if (left <= 0) {
      this.counters.delete(key);
      return undefined;
    }
    return counter.failures >= max ? Math.ceil(left / 1000) : undefined;
  }

  private count(key: string): void {
    const now = this.now();
    const counter = this.counters.get(key);
    if (counter && counter.resetAt > now) {
      counter.failures++;
      return;
    }
    if (!counter && this.counters.size >= MAX_COUNTERS) this.makeRoom(now);
    this.counters.delete(key);
    this.counters.set(key, { failures: 1, resetAt: now + this.limits.windowSeconds * 1000 });
  }

  private makeRoom(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.resetAt <= now) this.counters.delete(key);
    }
    while (this.counters.size >= MAX_COUNTERS) {
      this.counters.delete(this.counters.keys().next().value as string);
    }
  }
}

const userKey = (username: string) => `u:${username.trim().toLowerCase().slice(0, 256)}`;
const addressKey = (address: string) => `a:${address}`;
