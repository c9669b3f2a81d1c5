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
  {
    title: 'A handler',
    keywords: ['handler', 'code', 'example', 'decorator', 'onmessage', 'write'],
    text:
      'A provider method decorated with @OnMessage answers each message: return a string, or ' +
      'a stream of them to send it token by token.\n\n' +
      '```ts\n' +
      '@Injectable()\n' +
      'export class EchoBot {\n' +
      '  @OnMessage()\n' +
      '  reply(message: UserMessage): string {\n' +
      '    return `You said: ${message.content}`; // sent as one message\n' +
      '  }\n' +
      '}\n' +
      '```',
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

/** The picture the demo shows: a message's way through nest-chat. */
export const DIAGRAM = `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="120" viewBox="0 0 560 120" font-family="system-ui, sans-serif" font-size="13">
  <rect width="560" height="120" rx="12" fill="#f8fafc"/>
  <g fill="#eef2ff" stroke="#6366f1">
    <rect x="16" y="40" width="92" height="40" rx="8"/><rect x="124" y="40" width="92" height="40" rx="8"/>
    <rect x="232" y="40" width="92" height="40" rx="8"/><rect x="340" y="40" width="92" height="40" rx="8"/>
    <rect x="448" y="40" width="96" height="40" rx="8"/>
  </g>
  <g fill="#312e81" text-anchor="middle">
    <text x="62" y="65">client</text><text x="170" y="65">gateway</text><text x="278" y="65">session</text>
    <text x="386" y="65">handler</text><text x="496" y="65">events$</text>
  </g>
  <g stroke="#6366f1" stroke-width="2"><path d="M108 60h16M216 60h16M324 60h16M432 60h16"/></g>
  <text x="280" y="24" text-anchor="middle" fill="#64748b">client event → your handler → the session's event stream → the socket</text>
</svg>`;
