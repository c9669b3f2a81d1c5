import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { REVOKED_TOKENS_RANK, RevokedTokens } from '../auth/revoked-tokens.js';
import { ChatPersistence } from './chat-persistence.js';

/**
 * With storage on, tokens revoked by a logout are kept in the chat store (every instance sees
 * them, a restart keeps them), if the store can (`revokeToken`, `isTokenRevoked`).
 */
@Injectable()
export class StoredRevokedTokens implements OnApplicationBootstrap {
  constructor(
    private readonly persistence: ChatPersistence,
    private readonly revoked: RevokedTokens,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.persistence.enabled) return;
    const store = this.persistence.store;
    if (!store.revokeToken || !store.isTokenRevoked) return;
    this.revoked.use(
      {
        name: 'the chat store',
        revoke: (jti, expiresAt) => store.revokeToken!(jti, new Date(expiresAt).toISOString()),
        isRevoked: (jti) => store.isTokenRevoked!(jti),
      },
      REVOKED_TOKENS_RANK.store,
    );
  }
}
