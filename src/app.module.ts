import { Module } from '@nestjs/common';
import { ChatModule } from 'nest-chat';
import { DemoBot } from './demo.bot.js';

/** History is kept in PGlite, in CHAT_DATA_DIR (`memory://` for none). */
const dataDir = process.env.CHAT_DATA_DIR ?? './.nest-chat/data';

@Module({
  imports: [ChatModule.forRoot({ playground: true, storage: { driver: 'pglite', dataDir } })],
  providers: [DemoBot],
})
export class AppModule {}
