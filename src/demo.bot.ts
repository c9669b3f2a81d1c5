import { Injectable } from '@nestjs/common';
import { ChatSession, OnChatStart, OnMessage, tokensOf, type UserMessage } from 'nest-chat';
import { streamChatCompletion } from 'nest-chat/openai';
import OpenAI from 'openai';
import { searchNotes } from './demo-notes.js';

/** With OPENAI_API_KEY or OPENAI_BASE_URL (any OpenAI-compatible server) the demo asks a model. */
const openai =
  process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL
    ? new OpenAI({
        apiKey: process.env.OPENAI_API_KEY ?? 'none',
        baseURL: process.env.OPENAI_BASE_URL,
      })
    : undefined;
const MODEL = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });

/** The demo assistant: it works offline, shows its work as nested steps and streams its answer. */
@Injectable()
export class DemoBot {
  @OnChatStart()
  async start(session: ChatSession): Promise<void> {
    await session.send(
      openai
        ? `Hi! I'm the nest-chat demo assistant, answering with ${MODEL}. Ask me anything.`
        : "Hi! I'm the nest-chat demo assistant. I answer offline from a few notes, " +
            'streaming token by token. Ask me what nest-chat is, or about streaming, steps or Stop.',
    );
  }

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<AsyncIterable<string> | void> {
    if (openai) {
      const history = session.get<OpenAI.ChatCompletionMessageParam[]>('history') ?? [];
      history.push({ role: 'user', content: message.content });
      const { content } = await streamChatCompletion(openai, { model: MODEL, messages: history });
      history.push({ role: 'assistant', content });
      session.set('history', history);
      return;
    }
    const notes = await session.step('Thinking', 'run', async (thinking) => {
      thinking.input = message.content;
      const found = await session.step('search_notes', 'tool', async (search) => {
        search.input = message.content;
        await sleep(200, session.signal);
        const hits = searchNotes(message.content);
        search.output = hits.map((note) => `- ${note.title}`).join('\n');
        return hits;
      });
      thinking.output = `Answering from ${found.length} note(s).`;
      return found;
    });
    const answer =
      `You asked: "${message.content}"\n\n` +
      notes.map((note) => `**${note.title}.** ${note.text}`).join('\n\n');
    return tokensOf(answer, { delayMs: 25, signal: session.signal });
  }
}
