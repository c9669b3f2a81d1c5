// A CPU-bound pipeline on a worker thread that shows its progress in the chat: steps and
// tokens sent by workerChat() (nest-chat/worker) from inside a synchronous loop. The main
// thread's event loop stays free for every other user while it runs; Stop ends the thread.
import { Injectable, Module } from '@nestjs/common';
import { AsyncifyService, ChatModule, OnMessage, type UserMessage } from 'nest-chat';

/** The worker's module: runFile() needs JavaScript Node can import (see pipeline.js). */
const PIPELINE = new URL('./pipeline.js', import.meta.url);

@Injectable()
export class AnalyzeChat {
  constructor(private readonly asyncify: AsyncifyService) {}

  @OnMessage()
  async reply(message: UserMessage): Promise<void> {
    await this.asyncify.runFile(PIPELINE, 'analyze', message.content, 300_000);
  }
}

@Module({ imports: [ChatModule.forRoot()], providers: [AnalyzeChat] })
export class AppModule {}
