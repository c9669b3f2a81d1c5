import { Injectable } from '@nestjs/common';
import { ChatSession, OnChatStart, OnMessage, tokensOf, type UserMessage } from 'nest-chat';
import { searchNotes } from './demo-notes.js';

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
      "Hi! I'm the nest-chat demo assistant. I answer offline from a few notes, " +
        'streaming token by token. Ask me what nest-chat is, or about streaming, steps or Stop.',
    );
  }

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<AsyncIterable<string>> {
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
