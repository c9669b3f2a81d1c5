import { Injectable } from '@nestjs/common';
import {
  ChatSession,
  OnAction,
  OnChatResume,
  OnChatStart,
  OnMessage,
  OnSettingsUpdate,
  Select,
  Switch,
  tokensOf,
  type ChatThread,
  type UserMessage,
} from 'nest-chat';
import { streamChatCompletion } from 'nest-chat/openai';
import OpenAI from 'openai';
import { DIAGRAM, NOTES, searchNotes, type Note } from './demo-notes.js';

/** With OPENAI_API_KEY or OPENAI_BASE_URL (any OpenAI-compatible server) the demo asks a model. */
const openai =
  process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL
    ? new OpenAI({
        apiKey: process.env.OPENAI_API_KEY ?? 'none',
        baseURL: process.env.OPENAI_BASE_URL,
      })
    : undefined;
const MODEL = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';

const COMMANDS = [
  { id: 'ask', description: 'I ask your name (a text ask)', icon: 'message-circle-question' },
  {
    id: 'pick',
    description: 'Pick a topic with a button (an action ask)',
    icon: 'mouse-pointer-click',
  },
  {
    id: 'file',
    description: 'Send a text file; I count its words (a file ask)',
    icon: 'paperclip',
  },
  { id: 'picture', description: 'A picture and a text on the side (elements)', icon: 'image' },
];

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });

/**
 * The demo assistant: it works offline, shows its work as nested steps, streams its answer, and
 * shows the rest of the protocol through a few slash commands, action buttons and settings.
 */
@Injectable()
export class DemoBot {
  @OnChatStart()
  async start(session: ChatSession): Promise<void> {
    await this.setUp(session);
    await session.send(
      (openai
        ? `Hi! I'm the nest-chat demo assistant, answering with ${MODEL}. Ask me anything.`
        : "Hi! I'm the nest-chat demo assistant. I answer offline from a few notes, " +
          'streaming token by token. Ask me what nest-chat is, about streaming, steps or Stop, ' +
          'or for a code example.') +
        '\n\nOr try a command: `/ask`, `/pick`, `/file` or `/picture`, and the settings panel.',
      { actions: [{ name: 'picture', label: 'Show me a picture', tooltip: 'Runs @OnAction' }] },
    );
  }

  /** A stored thread reopened (after a reload or a restart): its history is shown already. */
  @OnChatResume()
  async resume(thread: ChatThread, session: ChatSession): Promise<void> {
    await this.setUp(session);
    await session.send(`Welcome back! This is "${thread.name}", as it was stored.`);
  }

  /** The commands and the settings panel of a session. */
  private async setUp(session: ChatSession): Promise<void> {
    session.setCommands(COMMANDS);
    await session.settings([
      new Select({
        id: 'style',
        label: 'Answer style',
        items: { 'Full notes': 'full', 'One line': 'short' },
        initial: 'full',
      }),
      new Switch({
        id: 'steps',
        label: 'Show my work as steps',
        initial: true,
        description: 'The "Thinking" step and the note search under it.',
      }),
    ]);
  }

  @OnMessage()
  async reply(message: UserMessage, session: ChatSession): Promise<AsyncIterable<string> | void> {
    // The command picked in the client, or typed as the whole message.
    const command = message.command ?? /^\/(\w+)\s*$/.exec(message.content.trim())?.[1];
    if (command && COMMANDS.some((c) => c.id === command)) return this.run(command, session);
    if (openai) {
      const history = session.get<OpenAI.ChatCompletionMessageParam[]>('history') ?? [];
      history.push({ role: 'user', content: message.content });
      const { content } = await streamChatCompletion(openai, { model: MODEL, messages: history });
      history.push({ role: 'assistant', content });
      session.set('history', history);
      return;
    }
    const { style, steps } = session.chatSettings;
    const notes =
      steps === false ? searchNotes(message.content) : await this.think(message, session);
    return tokensOf(this.answer(message.content, notes, style === 'short'), {
      delayMs: 25,
      signal: session.signal,
    });
  }

  @OnAction('picture')
  async picture(_action: unknown, session: ChatSession): Promise<void> {
    await this.run('picture', session);
  }

  @OnSettingsUpdate()
  settingsUpdated(settings: Record<string, unknown>, session: ChatSession): void {
    const style = settings.style === 'short' ? 'one line' : 'full notes';
    const steps = settings.steps === false ? 'without steps' : 'with steps';
    session.toast(`Settings saved: ${style}, ${steps}.`, 'success');
  }

  /** The "Thinking" step, with the note search nested under it. */
  private think(message: UserMessage, session: ChatSession): Promise<Note[]> {
    return session.step('Thinking', 'run', async (thinking) => {
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
  }

  private answer(question: string, notes: Note[], short: boolean): string {
    const body = short
      ? `**${notes[0].title}.** ${notes[0].text.split('. ')[0].replace(/\.?$/, '.')}`
      : notes.map((note) => `**${note.title}.** ${note.text}`).join('\n\n');
    return `You asked: "${question}"\n\n${body}`;
  }

  private async run(command: string, session: ChatSession): Promise<AsyncIterable<string> | void> {
    switch (command) {
      case 'ask': {
        const answer = await session.ask('What should I call you?', { timeout: 120 });
        const name = answer?.content.trim();
        return tokensOf(name ? `Nice to meet you, ${name}!` : 'No answer: maybe later.', {
          delayMs: 25,
          signal: session.signal,
        });
      }
      case 'pick': {
        const topic = await session.askAction(
          'Which topic?',
          NOTES.map((note, i) => ({ name: 'topic', label: note.title, payload: { i } })),
          { timeout: 120 },
        );
        if (!topic) return;
        const note = NOTES[Number(topic.payload.i)];
        return tokensOf(note.text, { delayMs: 25, signal: session.signal });
      }
      case 'file': {
        const files = await session.askFile(
          'Send me a text file: I will count its lines and words.',
          {
            accept: ['text/plain', 'text/markdown', 'text/csv', '.txt', '.md', '.csv', '.json'],
            maxSizeMb: 1,
            timeout: 180,
          },
        );
        const file = files?.[0];
        if (!file) return;
        const text = file.content.toString('utf8');
        const lines = text === '' ? 0 : text.split(/\r?\n/).length;
        const words = text.match(/\S+/g)?.length ?? 0;
        const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
        await session.send(
          `**${file.name}**: ${lines} line(s), ${words} word(s), ${file.size} bytes.` +
            (first ? `\n\nIt starts with:\n\n> ${first.slice(0, 200)}` : ''),
        );
        return;
      }
      case 'picture':
        await session.send(
          'How a message travels through nest-chat, and the notes I answer from in notes.md.',
          {
            elements: [
              { type: 'image', name: 'nest-chat.svg', content: DIAGRAM, display: 'inline' },
              {
                type: 'text',
                name: 'notes.md',
                display: 'side',
                content: NOTES.map((note) => `# ${note.title}\n\n${note.text}`).join('\n\n'),
              },
            ],
          },
        );
        return;
    }
  }
}
