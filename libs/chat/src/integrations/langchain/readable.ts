import { isBaseMessage, type BaseMessage } from '@langchain/core/messages';

/** A tool call as a chat model asked for it, its arguments as JSON text. */
export interface LangChainToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * What a step shows of a LangChain value: text a person reads. Messages become `role: content`
 * lines, prompt values their text or messages, documents their content; anything else JSON, with
 * such values inside it turned into text too — never LangChain's serialization
 * (`{"lc":1,"type":"constructor",...}`).
 */
export function readable(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = asText(value);
  if (text !== undefined) return text;
  try {
    return JSON.stringify(plain(value, new WeakSet(), 0), null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `role: content`, then the tool calls an AI message asked for. */
export function messageText(message: BaseMessage): string {
  const role = message.getType();
  const lines = [`${role}: ${contentText(message.content)}`];
  for (const call of toolCallsOf(message)) lines.push(`→ ${call.name}(${call.arguments})`);
  return lines.join('\n');
}

/** The tool calls on a message (an AI message's), or none. */
export function toolCallsOf(message: unknown): LangChainToolCall[] {
  const calls = (message as { tool_calls?: unknown })?.tool_calls;
  if (!Array.isArray(calls)) return [];
  return calls.map((call: { id?: string; name?: string; args?: unknown }) => ({
    id: call.id ?? '',
    name: call.name ?? '',
    arguments: JSON.stringify(call.args ?? {}),
  }));
}

/** The text of a message's content ('' for none). */
export function messageContent(message: unknown): string {
  const content = (message as { content?: unknown })?.content;
  return content === undefined || content === null ? '' : contentText(content);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return readable(content);
  return content
    .map((part: { type?: string; text?: string }) =>
      typeof part === 'string'
        ? part
        : typeof part?.text === 'string'
          ? part.text
          : `[${part?.type ?? 'part'}]`,
    )
    .join('');
}

/** The text of a message, a list of messages, a prompt value or a document; else undefined. */
function asText(value: unknown): string | undefined {
  if (isBaseMessage(value)) return messageText(value);
  if (Array.isArray(value) && value.length > 0) {
    if (value.every((item) => isBaseMessage(item))) return value.map(messageText).join('\n');
    // A batch of message lists (what a chat model starts with).
    if (value.every((item) => Array.isArray(item) && item.every((m) => isBaseMessage(m)))) {
      return value.map((list: BaseMessage[]) => list.map(messageText).join('\n')).join('\n\n');
    }
  }
  if (isPromptValue(value)) {
    const messages = (value as { messages?: unknown }).messages;
    if (Array.isArray(messages)) return asText(messages) ?? '';
    return value.toString();
  }
  if (isDocument(value)) return value.pageContent;
  return undefined;
}

function isPromptValue(value: unknown): value is { toChatMessages(): unknown; toString(): string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toChatMessages?: unknown }).toChatMessages === 'function'
  );
}

function isDocument(value: unknown): value is { pageContent: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { pageContent?: unknown }).pageContent === 'string' &&
    'metadata' in value
  );
}

/** A JSON-able copy: LangChain values inside it as text, other class instances by name. */
function plain(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  const text = asText(value);
  if (text !== undefined) return text;
  if (seen.has(value) || depth > 8) return '[…]';
  if (value instanceof Date) return value.toISOString();
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && 'lc_serializable' in value) {
    return `[${(value.constructor as { name?: string })?.name ?? 'object'}]`;
  }
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => plain(item, seen, depth + 1) ?? null)
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, plain(item, seen, depth + 1)]),
      );
  seen.delete(value);
  return copy;
}
