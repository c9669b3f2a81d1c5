import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { Message } from '../../session/message.js';
import type { StepType } from '../../protocol/step.interface.js';
import { Step } from '../../session/step.js';
import { handlerContext } from '../../session/handler-context.js';
import type { ChatSession } from '../../session/chat-session.js';
import { errorMessage } from '../../errors/error-message.js';

/** Runnables that only wire others together: hidden, their children shown under their parent. */
export const WRAPPER_RUNNABLES = [
  'RunnableSequence',
  'RunnableParallel',
  'RunnableMap',
  'RunnableAssign',
  'RunnableLambda',
  'RunnablePassthrough',
  'RunnablePick',
  'RunnableBinding',
];

export interface ChatCallbackOptions {
  /** Default: the session of the chat handler being run. */
  session?: ChatSession;
  /**
   * Which runs to hide (their children attach to the nearest shown ancestor). Default: the
   * wrapper runnables (`WRAPPER_RUNNABLES`), unless given a run name of their own.
   */
  hide?: (run: { className: string; name: string; type: StepType }) => boolean;
  /** Stream tokens into the `llm` step as they arrive. @default true */
  streamTokens?: boolean;
  /**
   * Stream the answer into this message (or a new one with `true`): the text of the last LLM
   * call that produced text, token by token.
   */
  answer?: boolean | Message;
}

interface Run {
  /** The step shown for this run, or undefined for a hidden one. */
  step?: Step;
  /** Where this run's children attach: its step, or its nearest shown ancestor's. */
  parentId?: string;
}

const describe = (value: unknown): string => {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * A LangChain.js callback handler that shows a run as nested steps of a chat session: chains and
 * agents as `run` steps, chat models and LLMs as `llm`, tools as `tool`, retrievers as
 * `retrieval`. Pass `handler.config()` (callbacks and the session's signal) to `invoke`/`stream`.
 * Its callbacks are awaited (`awaitHandlers`), so steps are complete when the run returns; it
 * never throws from a callback.
 */
export class ChatCallbackHandler extends BaseCallbackHandler {
  name = 'nest-chat';
  override awaitHandlers = true;
  readonly session: ChatSession;
  /** The message the answer streams into, when `answer` is set. */
  readonly answer?: Message;
  private readonly runs = new Map<string, Run>();
  private readonly rootParentId?: string;
  private readonly hide: NonNullable<ChatCallbackOptions['hide']>;
  private readonly streamTokens: boolean;
  private answerRun?: string;
  private answerFresh = false;

  constructor(options: ChatCallbackOptions = {}) {
    super();
    const store = handlerContext.getStore();
    const session = options.session ?? store?.session;
    if (!session) {
      throw new Error(
        'nest-chat/langchain: no chat session here; create the handler inside a chat handler or pass { session }',
      );
    }
    this.session = session;
    this.rootParentId =
      store?.session === session ? (store.step?.id ?? store.message?.id) : undefined;
    this.hide =
      options.hide ??
      (({ className, name }) =>
        WRAPPER_RUNNABLES.includes(className) &&
        (name === className || className === 'RunnableLambda'));
    this.streamTokens = options.streamTokens ?? true;
    if (options.answer) this.answer = options.answer === true ? session.message() : options.answer;
  }

  /** What to pass to `invoke()` / `stream()`: this handler, and the signal Stop fires. */
  config(): { callbacks: ChatCallbackHandler[]; signal: AbortSignal } {
    return { callbacks: [this], signal: this.session.signal };
  }

  // At runtime @langchain/core 1.x calls handleChainStart(chain, inputs, runId, parentRunId,
  // tags, metadata, runType, runName): not the order its typings declare.
  override async handleChainStart(
    chain: Serialized,
    inputs: unknown,
    runId: string,
    parentRunId?: unknown,
    _tags?: unknown,
    _metadata?: unknown,
    _runType?: unknown,
    runName?: unknown,
  ): Promise<void> {
    await this.start(runId, asString(parentRunId), chain, asString(runName), 'run', inputs);
  }

  override async handleChainEnd(outputs: unknown, runId: string): Promise<void> {
    await this.end(runId, field(outputs, 'output'));
  }

  override async handleChainError(error: unknown, runId: string): Promise<void> {
    await this.fail(runId, error);
  }

  override async handleChatModelStart(
    llm: Serialized,
    messages: unknown[][],
    runId: string,
    parentRunId?: string,
    _extra?: Record<string, unknown>,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    const input = messages[0]?.map((m) => {
      const message = m as { type?: string; content?: unknown };
      return { role: message.type, content: message.content };
    });
    await this.startLlm(runId, parentRunId, llm, runName, input);
  }

  override async handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    _extra?: Record<string, unknown>,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    await this.startLlm(runId, parentRunId, llm, runName, prompts);
  }

  override async handleLLMNewToken(token: string, _idx: unknown, runId: string): Promise<void> {
    try {
      if (!token || this.session.signal.aborted) return;
      const step = this.runs.get(runId)?.step;
      if (step && this.streamTokens) step.stream(token);
      if (this.answer && this.answerRun === runId) {
        // A new LLM call's text replaces the previous one's: the answer is the last call's.
        this.answer.stream(token, { isSequence: this.answerFresh });
        if (this.answerFresh) this.answerFresh = false;
      }
    } catch {
      // A token callback never throws into LangChain.
    }
  }

  override async handleLLMEnd(
    output: { generations?: { text?: string }[][] },
    runId: string,
  ): Promise<void> {
    const text = (output.generations ?? [])
      .flat()
      .map((g) => g.text ?? '')
      .join('');
    await this.end(runId, text);
  }

  override async handleLLMError(error: unknown, runId: string): Promise<void> {
    await this.fail(runId, error);
  }

  override async handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    await this.start(runId, parentRunId, tool, runName, 'tool', input);
  }

  override async handleToolEnd(output: unknown, runId: string): Promise<void> {
    await this.end(runId, field(output, 'content'));
  }

  override async handleToolError(error: unknown, runId: string): Promise<void> {
    await this.fail(runId, error);
  }

  override async handleRetrieverStart(
    retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    await this.start(runId, parentRunId, retriever, name, 'retrieval', query);
  }

  override async handleRetrieverEnd(
    documents: { pageContent?: string }[],
    runId: string,
  ): Promise<void> {
    await this.end(
      runId,
      documents.map((d) => d.pageContent ?? d),
    );
  }

  override async handleRetrieverError(error: unknown, runId: string): Promise<void> {
    await this.fail(runId, error);
  }

  /** Ends the answer's stream (call after the run, when `answer` is set). */
  async finish(): Promise<Message | undefined> {
    if (this.answer?.streaming) await this.answer.update();
    return this.answer;
  }

  private async startLlm(
    runId: string,
    parentRunId: string | undefined,
    llm: Serialized,
    runName: string | undefined,
    input: unknown,
  ): Promise<void> {
    await this.start(runId, parentRunId, llm, runName, 'llm', input);
    this.answerRun = runId;
    this.answerFresh = true;
  }

  private async start(
    runId: string,
    parentRunId: string | undefined,
    serialized: Serialized,
    runName: string | undefined,
    type: StepType,
    input: unknown,
  ): Promise<void> {
    try {
      const parent = parentRunId ? this.runs.get(parentRunId) : undefined;
      const parentId = parent ? parent.parentId : this.rootParentId;
      const className = serialized?.id?.at(-1) ?? 'Runnable';
      const name = runName ?? (serialized as { name?: string })?.name ?? className;
      if (this.hide({ className, name, type })) {
        this.runs.set(runId, { parentId });
        return;
      }
      const step = new Step(this.session, name, type, { parentId });
      step.input = describe(input);
      this.runs.set(runId, { step, parentId: step.id });
      await step.send();
    } catch {
      // The session may be gone, or the task stopped: the run goes on without its step.
    }
  }

  private async end(runId: string, output: unknown): Promise<void> {
    const step = this.take(runId);
    if (!step) return;
    try {
      if (!step.streaming || step.output === '') step.output = describe(output ?? '');
      step.end = new Date().toISOString();
      await step.update();
    } catch {
      // See start().
    }
  }

  private async fail(runId: string, error: unknown): Promise<void> {
    const step = this.take(runId);
    if (!step) return;
    try {
      step.isError = true;
      step.output = errorMessage(error);
      step.end = new Date().toISOString();
      await step.update();
    } catch {
      // See start().
    }
  }

  private take(runId: string): Step | undefined {
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    return run?.step;
  }
}

/** `value[key]` when `value` is an object that has it (a chain's `output`, a ToolMessage's `content`), else `value`. */
function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && key in value
    ? (value as Record<string, unknown>)[key]
    : value;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
