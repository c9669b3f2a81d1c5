/** What the offline demo assistant knows: a few notes, found by the words of the question. */
export interface Note {
  title: string;
  keywords: string[];
  text: string;
}

export const NOTES: Note[] = [
  {
    title: 'What nest-chat is',
    keywords: ['nest-chat', 'what', 'chainlit', 'module', 'nest', 'nestjs'],
    text:
      'nest-chat is a NestJS module for conversational AI backends. You decorate methods with ' +
      '@OnChatStart and @OnMessage, return a string or a stream, and any socket.io client — the ' +
      'Chainlit React client included — talks to it.',
  },
  {
    title: 'Streaming',
    keywords: ['stream', 'streaming', 'token', 'tokens', 'observable', 'iterable'],
    text:
      'A handler that returns an Observable or an AsyncIterable of strings is streamed token by ' +
      'token: stream_start, stream_token events, then update_message when it ends.',
  },
  {
    title: 'Stop',
    keywords: ['stop', 'cancel', 'abort', 'signal'],
    text:
      "Stop fires the session's AbortSignal: pass session.signal to what you await and the " +
      'work really stops; the stream ends with what arrived.',
  },
  {
    title: 'Steps',
    keywords: ['step', 'steps', 'tool', 'run', 'nested'],
    text:
      'session.step(name, type, fn) shows a step of the work, timed and nested under the step ' +
      'that encloses it — like the "Thinking" step above this answer.',
  },
];

/** The notes that share a word with the question, best first (all of them if none does). */
export function searchNotes(question: string): Note[] {
  const words = new Set(question.toLowerCase().match(/[a-z-]+/g) ?? []);
  const scored = NOTES.map((note) => ({
    note,
    score: note.keywords.filter((keyword) => words.has(keyword)).length,
  })).filter(({ score }) => score > 0);
  scored.sort((a, b) => b.score - a.score);
  return scored.length > 0 ? scored.map(({ note }) => note) : NOTES.slice(0, 1);
}
