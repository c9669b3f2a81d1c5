import type { Callbacks } from '@langchain/core/callbacks/manager';
import type { RunnableConfig } from '@langchain/core/runnables';
import { Command, INTERRUPT, MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { handlerContext } from '../../session/handler-context.js';
import type { AskOptions, ChatSession } from '../../session/chat-session.js';
import {
  ChatCallbackHandler,
  type ChatCallbackOptions,
} from '../langchain/chat-callback.handler.js';
import { messageContent } from '../langchain/readable.js';
import { askInterrupt } from './graph-question.js';

/** A compiled LangGraph graph (`StateGraph.compile()`), or anything invoked the same way. */
export interface RunnableGraph {
  invoke(input: any, options?: any): Promise<any>;
  withConfig(config: any): unknown;
  checkpointer?: unknown;
}

/** One interrupt the graph paused on, as LangGraph gives it (`__interrupt__`). */
export interface GraphInterrupt {
  id?: string;
  value?: unknown;
}

export interface RunGraphOptions {
  /**
   * The graph's config: `configurable.thread_id` defaults to the session's thread id, the
   * callbacks given run beside the steps' handler, a `signal` given is joined with Stop's.
   */
  config?: RunnableConfig;
  /** Default: the session of the chat handler being run. */
  session?: ChatSession;
  /**
   * The checkpointer the graph runs with (interrupts need one). Default: the graph's own, else
   * one `MemorySaver` per graph whose checkpoints of a thread are dropped when its session ends.
   */
  checkpointer?: BaseCheckpointSaver;
  /**
   * Send the answer: LLM tokens stream into a message as they come, and when the graph ends its
   * last AI message (`state.messages`) is the answer. @default true
   */
  answer?: boolean;
  /** Options of the asks an interrupt makes (`timeout`, `author`, `raiseOnTimeout`). */
  ask?: AskOptions;
  /**
   * Answers an interrupt yourself (an upload, a form...): resolves with what resumes the graph,
   * or `undefined` for no answer. Default: `session.ask`, or `session.askAction` with `choices`.
   */
  onInterrupt?: (value: unknown, session: ChatSession) => Promise<unknown>;
  /** Options of the steps' `ChatCallbackHandler` (`hide`, `streamTokens`). */
  steps?: Omit<ChatCallbackOptions, 'session' | 'answer'>;
}

/** Per graph, the copy that runs with the default checkpointer. */
const withDefaultSaver = new WeakMap<object, { graph: RunnableGraph; saver: MemorySaver }>();
/** Per session, the default checkpointers' threads to drop when it ends. */
const threadsOf = new WeakMap<ChatSession, Map<MemorySaver, Set<string>>>();

/**
 * Runs a LangGraph graph for a chat session: its nodes show as steps, tokens stream, and each
 * `interrupt()` asks the user (`session.ask`, or `session.askAction` when its value has
 * `choices`); the answer resumes the graph (`new Command({ resume: answer })`) on the session's
 * thread. Resolves with the graph's final state, or — when an ask got no answer in time — with
 * the state it paused in (LangGraph's `__interrupt__` in it). Stop aborts it.
 */
export async function runGraph<G extends RunnableGraph>(
  graph: G,
  input: Parameters<G['invoke']>[0],
  options: RunGraphOptions = {},
): Promise<Awaited<ReturnType<G['invoke']>>> {
  const session = options.session ?? handlerContext.getStore()?.session;
  if (!session) {
    throw new Error(
      'runGraph: no chat session here; call it inside a chat handler, or pass { session }',
    );
  }
  if (typeof graph?.invoke !== 'function' || typeof graph.withConfig !== 'function') {
    throw new TypeError(
      'runGraph: graph must be a compiled LangGraph graph (StateGraph.compile())',
    );
  }
  const config = options.config ?? {};
  const threadId = String(config.configurable?.thread_id ?? session.threadId);
  const runnable = checkpointed(graph, session, threadId, options.checkpointer);
  const signal = config.signal ? AbortSignal.any([config.signal, session.signal]) : session.signal;
  const answer = options.answer ?? true;
  const shown = new Set<string>();
  let next: unknown = input;
  for (;;) {
    const steps = new ChatCallbackHandler({
      ...options.steps,
      session,
      answer,
      preferStreaming: true,
    });
    let result: Awaited<ReturnType<G['invoke']>>;
    try {
      result = await runnable.invoke(next, {
        ...config,
        configurable: { ...config.configurable, thread_id: threadId },
        callbacks: withHandler(config.callbacks, steps),
        signal,
      });
    } finally {
      await steps.finish().catch(() => undefined);
    }
    if (steps.answer?.content) shown.add(steps.answer.content);
    const interrupts = interruptsOf(result);
    if (interrupts.length === 0) {
      if (answer && !signal.aborted) await sendLastAiMessage(result, steps, shown);
      return result;
    }
    const answers: unknown[] = [];
    for (const pending of interrupts) {
      const reply = options.onInterrupt
        ? await options.onInterrupt(pending.value, session)
        : await askInterrupt(session, pending.value, options.ask);
      signal.throwIfAborted();
      if (reply === undefined) return result; // no answer: the graph stays paused on its thread
      answers.push(reply);
    }
    const byId = interrupts.every((pending) => typeof pending.id === 'string');
    next = new Command({
      resume:
        interrupts.length === 1 || !byId
          ? answers[0]
          : Object.fromEntries(interrupts.map((pending, i) => [pending.id, answers[i]])),
    });
  }
}

/** The graph with the checkpointer it runs with: its own, the one given, or a default one. */
function checkpointed(
  graph: RunnableGraph,
  session: ChatSession,
  threadId: string,
  given: BaseCheckpointSaver | undefined,
): RunnableGraph {
  if (given) return Object.assign(graph.withConfig({}) as RunnableGraph, { checkpointer: given });
  if (graph.checkpointer !== undefined) return graph;
  let entry = withDefaultSaver.get(graph);
  if (!entry) {
    const saver = new MemorySaver();
    entry = {
      graph: Object.assign(graph.withConfig({}) as RunnableGraph, { checkpointer: saver }),
      saver,
    };
    withDefaultSaver.set(graph, entry);
  }
  forgetOnEnd(session, entry.saver, threadId);
  return entry.graph;
}

/** Drops the thread's checkpoints from the default saver when the session ends. */
function forgetOnEnd(session: ChatSession, saver: MemorySaver, threadId: string): void {
  let savers = threadsOf.get(session);
  if (!savers) {
    const held = (savers = new Map());
    threadsOf.set(session, held);
    session.events$.subscribe({
      complete: () => {
        for (const [memory, threads] of held) {
          for (const thread of threads) void memory.deleteThread(thread);
        }
        held.clear();
      },
    });
  }
  const threads = savers.get(saver) ?? new Set<string>();
  threads.add(threadId);
  savers.set(saver, threads);
}

function withHandler(callbacks: Callbacks | undefined, handler: ChatCallbackHandler): Callbacks {
  if (!callbacks) return [handler];
  if (Array.isArray(callbacks)) return [...callbacks, handler];
  const manager = callbacks.copy();
  manager.addHandler(handler, true);
  return manager;
}

function interruptsOf(result: unknown): GraphInterrupt[] {
  const interrupts = (result as Record<string, unknown> | null)?.[INTERRUPT];
  return Array.isArray(interrupts) ? interrupts : [];
}

/** The final state's last AI message as the answer, unless it was shown already. */
async function sendLastAiMessage(
  state: unknown,
  steps: ChatCallbackHandler,
  shown: Set<string>,
): Promise<void> {
  const messages = (state as { messages?: unknown } | null)?.messages;
  const last: unknown = Array.isArray(messages) ? messages.at(-1) : undefined;
  const type = (last as { getType?: () => string } | undefined)?.getType?.();
  if (type !== 'ai') return;
  const text = messageContent(last);
  if (!text || shown.has(text) || !steps.answer) return;
  steps.answer.content = text;
  await steps.answer.send();
}
