import { Injectable, Logger } from '@nestjs/common';

/** Where revoked tokens are kept: the chat store, Redis, or this process's memory. */
export interface RevokedTokensBackend {
  /** Named in the log: `the chat store`, `Redis`, `memory`. */
  readonly name: string;
  /** Keeps `jti` revoked until `expiresAt` (ms since the epoch), when its token expires anyway. */
  revoke(jti: string, expiresAt: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

/** Backends by preference: the store (every instance, kept), Redis (every instance), memory. */
export const REVOKED_TOKENS_RANK = { memory: 0, redis: 1, store: 2 } as const;

/**
 * The ids (`jti`) of tokens revoked by a logout, until they expire: kept in the chat store when
 * storage is on, else in Redis with the `redis` option, else in memory (this process only).
 * The store and Redis backends register themselves at bootstrap.
 */
@Injectable()
export class RevokedTokens {
  private readonly logger = new Logger('ChatAuth');
  private backend: RevokedTokensBackend = new MemoryRevokedTokens();
  private rank: number = REVOKED_TOKENS_RANK.memory;

  /** Keeps revoked tokens in `backend` if it is preferred to the current one. */
  use(backend: RevokedTokensBackend, rank: number): void {
    if (rank <= this.rank) return;
    this.backend = backend;
    this.rank = rank;
    this.logger.log(`Tokens revoked by a logout are kept in ${backend.name}`);
  }

  /** Where they are kept now. */
  get where(): string {
    return this.backend.name;
  }

  revoke(jti: string, expiresAt: number): Promise<void> {
    if (expiresAt <= Date.now()) return Promise.resolve();
    return this.backend.revoke(jti, expiresAt);
  }

  isRevoked(jti: string): Promise<boolean> {
    return this.backend.isRevoked(jti);
  }
}

/** Revoked ids in a map, each dropped once its token has expired. */
class MemoryRevokedTokens implements RevokedTokensBackend {
  readonly name = 'memory (this process only)';
  private readonly until = new Map<string, number>();
  private sweepAt = 1024;

  revoke(jti: string, expiresAt: number): Promise<void> {
    this.until.set(jti, expiresAt);
    if (this.until.size >= this.sweepAt) {
      const now = Date.now();
      for (const [id, at] of this.until) if (at <= now) this.until.delete(id);
      this.sweepAt = Math.max(1024, this.until.size * 2);
    }
    return Promise.resolve();
  }

  isRevoked(jti: string): Promise<boolean> {
    const at = this.until.get(jti);
    if (at !== undefined && at <= Date.now()) this.until.delete(jti);
    return Promise.resolve(at !== undefined && at > Date.now());
  }
}
