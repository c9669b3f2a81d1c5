import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { REVOKED_TOKENS_RANK, RevokedTokens } from '../auth/revoked-tokens.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatCluster } from './chat-cluster.js';

/**
 * With the `redis` option (and no store that keeps them), tokens revoked by a logout are kept in
 * Redis, one key each (`<keyPrefix>:revoked:<jti>`) that expires with its token.
 */
@Injectable()
export class RedisRevokedTokens implements OnApplicationBootstrap {
  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly cluster: ChatCluster,
    private readonly revoked: RevokedTokens,
  ) {}

  onApplicationBootstrap(): void {
    const redis = this.cluster.redis;
    if (!redis || !this.options.redis) return;
    const prefix = `${this.options.redis.keyPrefix}:revoked:`;
    this.revoked.use(
      {
        name: 'Redis',
        revoke: async (jti, expiresAt) => {
          await redis.set(prefix + jti, '1', { expiration: { type: 'PXAT', value: expiresAt } });
        },
        isRevoked: async (jti) => (await redis.exists(prefix + jti)) > 0,
      },
      REVOKED_TOKENS_RANK.redis,
    );
  }
}
