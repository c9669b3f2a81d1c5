// A chat on any OpenAI-compatible server: OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL).
// Run from the workspace root: npm run build && npm start -w sample/openai
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChatModule, ChatSession, OnChatStart, OnMessage, type UserMessage } from 'nest-chat';
import { streamChatCompletion } from 'nest-chat/openai';
import OpenAI from 'openai';

type History = OpenAI.ChatCompletionMessageParam[];

@Injectable()
class OpenAIChat {
  private readonly client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });
  private readonly model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';

  @OnChatStart()
  start(session: ChatSession): void {
    session.set('history', [
      { role: 'system', content: 'You are a concise assistant.' },
    ] as History);
  }

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<void> {
    const history = session.get<History>('history')!;
    history.push({ role: 'user', content: message.content });
    // Streams into a new message inside an `llm` step; Stop aborts the request.
    const { content } = await streamChatCompletion(this.client, {
      model: this.model,
      messages: history,
    });
    history.push({ role: 'assistant', content });
  }
}

@Module({ imports: [ChatModule.forRoot()], providers: [OpenAIChat] })
class AppModule {}

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3001));
console.log(`OpenAI sample: ${await app.getUrl()} (socket.io at /ws/socket.io)`);
