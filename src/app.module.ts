import { Module } from '@nestjs/common';
import { ChatModule } from 'nest-chat';
import { DemoBot } from './demo.bot.js';

@Module({
  imports: [ChatModule.forRoot({ playground: true })],
  providers: [DemoBot],
})
export class AppModule {}
