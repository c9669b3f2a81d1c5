import { Module } from '@nestjs/common';
import { ChatModule } from 'nest-chat';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DemoBot } from './demo.bot.js';

/** History is kept in PGlite, in CHAT_DATA_DIR (`memory://` for none). */
const dataDir = process.env.CHAT_DATA_DIR ?? './.nest-chat/data';

/**
 * The key of the browsers' identity cookies (no login: each browser's history is its own):
 * CHAT_IDENTITY_SECRET, else one made once and kept beside the data, so that a browser finds
 * its history again after a restart. Without history, a new one each run.
 */
function identitySecret(): string | undefined {
  if (process.env.CHAT_IDENTITY_SECRET) return process.env.CHAT_IDENTITY_SECRET;
  if (dataDir.startsWith('memory://')) return undefined;
  const file = join(dirname(resolve(dataDir)), 'identity-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

@Module({
  imports: [
    ChatModule.forRoot({
      playground: true,
      storage: { driver: 'pglite', dataDir },
      identitySecret: identitySecret(),
      // Names the demo is reached by besides localhost and IP addresses (comma-separated).
      allowedHosts: process.env.CHAT_ALLOWED_HOSTS?.split(',').filter(Boolean),
    }),
  ],
  providers: [DemoBot],
})
export class AppModule {}
