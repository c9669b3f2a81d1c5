// A LangChain.js agent with a tool and a retriever; each run shows as nested steps.
// Offline: the chat model is LangChain's fake one. Run from the workspace root:
// npm run build && npm start -w sample/langchain
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Document } from '@langchain/core/documents';
import { HumanMessage } from '@langchain/core/messages';
import { RunnableLambda, RunnableSequence, type RunnableConfig } from '@langchain/core/runnables';
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { FakeListChatModel, FakeRetriever } from '@langchain/core/utils/testing';
import { ChatModule, OnMessage, type UserMessage } from 'nest-chat';
import { ChatCallbackHandler } from 'nest-chat/langchain';

const retriever = new FakeRetriever({
  output: [new Document({ pageContent: 'nest-chat shows LangChain runs as nested steps.' })],
});
const clock = tool(async () => new Date().toISOString(), {
  name: 'current_time',
  description: 'The current time, ISO-8601',
  schema: { type: 'object', properties: {} },
});
const model = new FakeListChatModel({
  responses: ['I looked it up: the notes say nest-chat shows each run as a step.'],
  sleep: 20,
});

const agent = RunnableSequence.from([
  RunnableLambda.from(async (question: string, config?: RunnableConfig) => {
    const docs = await retriever.invoke(question, config);
    const now: unknown = await (clock as StructuredToolInterface).invoke({}, config);
    return [new HumanMessage(`${question}\nNotes: ${docs[0].pageContent}\nTime: ${String(now)}`)];
  }),
  model,
]).withConfig({ runName: 'Agent' });

@Injectable()
class AgentChat {
  @OnMessage()
  async reply(message: UserMessage): Promise<void> {
    const steps = new ChatCallbackHandler({ answer: true });
    // The handler's config carries the callbacks and the session's signal (Stop aborts the run).
    for await (const chunk of await agent.stream(message.content, steps.config())) void chunk;
    await steps.finish();
  }
}

@Module({ imports: [ChatModule.forRoot()], providers: [AgentChat] })
class AppModule {}

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3002));
console.log(`LangChain sample: ${await app.getUrl()} (socket.io at /ws/socket.io)`);
