import type { AskOptions, ChatSession } from '../../session/chat-session.js';
import { readable } from '../langchain/readable.js';

/** A choice of an interrupt's `choices`: a button; its `value` (default: its label) resumes. */
export type GraphChoice = string | { label: string; value?: unknown };

/**
 * An interrupt value `runGraph` asks as a question: `interrupt({ question: 'Publish it?',
 * choices: ['yes', 'no'] })`. A plain string is a question too; any other value is shown as
 * JSON and answered with text.
 */
export interface GraphQuestion {
  question: string;
  /** Buttons to pick from (`session.askAction`) instead of a text answer (`session.ask`). */
  choices?: GraphChoice[];
  /** Seconds to wait for the answer; default: `runGraph`'s `ask.timeout`, else the ask's own. */
  timeout?: number;
}

/** The action name of an interrupt's choice buttons. */
export const GRAPH_CHOICE_ACTION = 'langgraph_choice';

/**
 * Asks the user what an interrupt's value asks; resolves with what resumes the graph (the text
 * of the answer, or the chosen choice's value), or `undefined` when no answer came.
 */
export async function askInterrupt(
  session: ChatSession,
  value: unknown,
  options: AskOptions = {},
): Promise<unknown> {
  const { question, choices, timeout } = questionOf(value);
  const asked: AskOptions = { ...options, ...(timeout !== undefined && { timeout }) };
  if (!choices) return (await session.ask(question, asked))?.content;
  const buttons = choices.map((choice, index) => ({
    name: GRAPH_CHOICE_ACTION,
    label: labelOf(choice),
    payload: { index },
  }));
  const chosen = await session.askAction(question, buttons, asked);
  if (!chosen) return undefined;
  const choice = choices[Number(chosen.payload.index)];
  return typeof choice === 'string' ? choice : 'value' in choice ? choice.value : choice.label;
}

function questionOf(value: unknown): GraphQuestion {
  if (typeof value === 'string') return { question: value };
  const shape = (value ?? {}) as Partial<Record<keyof GraphQuestion, unknown>>;
  if (typeof shape.question !== 'string') return { question: readable(value) };
  const { choices, timeout } = shape;
  if (
    choices !== undefined &&
    (!Array.isArray(choices) || choices.length === 0 || !choices.every(isChoice))
  ) {
    throw new TypeError(
      `runGraph: the interrupt "${shape.question}" has choices ${readable(choices)}; ` +
        'choices must be a non-empty array of strings or { label: string, value? } objects',
    );
  }
  if (timeout !== undefined && typeof timeout !== 'number') {
    throw new TypeError(
      `runGraph: the interrupt "${shape.question}" has timeout ${readable(timeout)}; ` +
        'timeout must be a number of seconds',
    );
  }
  return {
    question: shape.question,
    ...(choices !== undefined && { choices: choices as GraphChoice[] }),
    ...(timeout !== undefined && { timeout }),
  };
}

function isChoice(choice: unknown): choice is GraphChoice {
  return (
    typeof choice === 'string' ||
    (choice !== null &&
      typeof choice === 'object' &&
      typeof (choice as { label?: unknown }).label === 'string')
  );
}

function labelOf(choice: GraphChoice): string {
  return typeof choice === 'string' ? choice : choice.label;
}
