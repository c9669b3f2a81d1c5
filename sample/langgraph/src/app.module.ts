// A LangGraph graph that drafts, asks the user to publish or revise (interrupt()), and loops.
// Each node shows as a step; each interrupt becomes a question in the chat, and the answer
// resumes the graph on the session's thread. Offline: the chat model is LangChain's fake one.
import { Injectable, Module } from '@nestjs/common';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import {
  Annotation,
  END,
  interrupt,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { ChatModule, OnMessage, type UserMessage } from 'nest-chat';
import { runGraph } from 'nest-chat/langgraph';

const model = new FakeListChatModel({
  responses: [
    'Draft: Sockets hum at night, / tokens stream like falling rain, / Stop ends the downpour.',
    'Revised: Threads wait for the user, / a question, then the answer — / the graph runs again.',
  ],
  sleep: 15,
});

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  decision: Annotation<string>,
});

export const poemGraph = new StateGraph(State)
  .addNode('draft', async (state, config: RunnableConfig) => ({
    messages: [await model.invoke(state.messages, config)],
  }))
  // runGraph asks this with buttons (choices) and resumes with the one clicked.
  .addNode('review', () => ({
    decision: interrupt<unknown, string>({
      question: 'Publish this draft?',
      choices: ['Publish', 'Revise'],
    }),
  }))
  // A plain question: the user's text answer resumes the graph.
  .addNode('revise', () => ({
    messages: [new HumanMessage(interrupt<string, string>('What should change?'))],
  }))
  .addNode('publish', (state) => ({
    messages: [new AIMessage(`Published. ${String(state.messages.at(-1)?.content)}`)],
  }))
  .addEdge(START, 'draft')
  .addEdge('draft', 'review')
  .addConditionalEdges('review', (state) => (state.decision === 'Publish' ? 'publish' : 'revise'), [
    'publish',
    'revise',
  ])
  .addEdge('revise', 'draft')
  .addEdge('publish', END)
  .compile();

@Injectable()
export class PoemChat {
  @OnMessage()
  async reply(message: UserMessage): Promise<void> {
    // Steps for the nodes, a question per interrupt, the final AI message as the answer; the
    // graph's state lives on the session's thread (a MemorySaver by default).
    await runGraph(poemGraph, { messages: [new HumanMessage(message.content)] });
  }
}

@Module({ imports: [ChatModule.forRoot()], providers: [PoemChat] })
export class AppModule {}
