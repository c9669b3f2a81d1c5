import { Module } from '@nestjs/common';
import { ChatModule } from 'nest-chat';
import { DemoBot } from './demo.bot.js';
import { DemoPageController } from './demo-page.controller.js';

@Module({
  imports: [ChatModule.forRoot()],
  controllers: [DemoPageController],
  providers: [DemoBot],
})
export class AppModule {}
