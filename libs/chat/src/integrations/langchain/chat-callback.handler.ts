import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Serialized } from '@langchain/core/load/serializable';
import type { Message } from '../../session/message.js';
import type { StepType } from '../../protocol/step.interface.js';
import { Step } from '../../session/step.js';
import { handlerContext } from '../../session/handler-context.js';
import type { ChatSession } from '../../session/chat-session.js';
import { errorMessage } from '../../errors/error-message.js';
import { currentWorkerChat, type WorkerChat } from '../../asyncify/worker-chat.js';
import { messageContent, readable, toolCallsOf } from './readable.js';

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
  /**
   * Default: the session of the chat handler being run, or in a worker task (`runFile()`), its
   * chat (`workerChat()`): the steps show in the session that started the task.
   */
  session?: ChatSession | WorkerChat;
  /**
   * Which runs to hide (their children attach to the nearest shown ancestor). Default: the
   * wrapper runnables (`WRAPPER_RUNNABLES`), unless given a run name of their own.
   */
  hide?: (run: { className: string; name: string; type: StepType }) => boolean;
  /** Stream tokens into the `llm` step as they arrive. @default true */
  streamTokens?: boolean;
  /**
   * Send the answer as this message (or a new one with `true`): the text of the last LLM call
   * that produced text, streamed token by token when the model streams (`stream()`), whole when
   * it does not (`invoke()`). `finish()` ends it.
   */
  answer?: boolean | Message;
}

interface Run {
  /** The step shown for this run, or undefined for a hidden one. */
  step?: Step;
  /** Where this run's children attach: its step, or its nearest shown ancestor's. */
  parentId?: string;
  /** An LLM call: who served it, when it started, when its first token came. */
  llm?: { provider?: string; model?: string; started: number; firstAt?: number };
}

const describe = readable;

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
    const session = (options.session ?? store?.session ?? currentWorkerChat()) as
      ChatSession | undefined;
    if (!session) {
      throw new Error(
        'nest-chat/langchain: no chat session here; create the handler inside a chat handler, ' +
          'in a function run by AsyncifyService.runFile() from one, or pass { session }',
      );
    }
    this.session = session;
    this.rootParentId =
      store?.session === session ? (store.step?.id ?? store.message?.id) : undefined;
    this.hide =
      options.hide ??
      (({ className, name }) => WRAPPER_RUNNABLES.includes(className) && name === className);
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
    // LangChain wraps a chain's plain input as `{ input }`: show what was given.
    const input =
      inputs && typeof inputs === 'object' && Object.keys(inputs).join() === 'input'
        ? (inputs as { input: unknown }).input
        : inputs;
    await this.start(runId, asString(parentRunId), chain, asString(runName), 'run', input);
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
    extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    const input = messages.length === 1 ? messages[0] : messages;
    await this.startLlm(runId, parentRunId, llm, runName, input, extra, metadata);
  }

  override async handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    await this.startLlm(runId, parentRunId, llm, runName, prompts.join('\n\n'), extra, metadata);
  }

  override async handleLLMNewToken(token: string, _idx: unknown, runId: string): Promise<void> {
    try {
      if (!token || this.session.signal.aborted) return;
      const run = this.runs.get(runId);
      if (run?.llm) run.llm.firstAt ??= performance.now();
      const step = run?.step;
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
    output: { generations?: { text?: string; message?: unknown }[][] },
    runId: string,
  ): Promise<void> {
    const generations = (output.generations ?? []).flat();
    // A generation's text, or its message's when a model leaves `text` empty.
    const text = generations.map((g) => g.text || messageContent(g.message)).join('');
    const toolCalls = generations.flatMap((g) => toolCallsOf(g.message));
    const usage = usageOf(generations[0]?.message);
    const run = this.runs.get(runId);
    try {
      if (this.answer && text && !this.session.signal.aborted) {
        // A call that did not stream (`invoke()`) gives its text whole; one that streamed has
        // sent it token by token already. Either way the last call's text is the answer.
        const streamed = this.answerRun === runId && !this.answerFresh;
        if (!streamed) this.answer.stream(text, { isSequence: true });
        if (this.answerRun === runId) this.answerFresh = false;
      }
      if (usage?.total) this.session.emit('token_usage', usage.total);
    } catch {
      // See handleLLMNewToken().
    }
    const step = run?.step;
    if (step && run.llm) {
      const seconds = (performance.now() - run.llm.started) / 1000;
      step.generation = {
        ...(run.llm.provider && { provider: run.llm.provider }),
        ...(run.llm.model && { model: run.llm.model }),
        ...(usage && {
          inputTokenCount: usage.input,
          outputTokenCount: usage.output,
          tokenCount: usage.total,
        }),
        ...(run.llm.firstAt !== undefined && {
          ttFirstToken: Math.round(run.llm.firstAt - run.llm.started),
        }),
        duration: seconds,
        ...(toolCalls.length > 0 && { toolCalls }),
      };
    }
    const calls = toolCalls.map((call) => `→ ${call.name}(${call.arguments})`).join('\n');
    await this.end(runId, [text, calls].filter(Boolean).join('\n\n'), true);
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
    extra?: Record<string, unknown>,
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    await this.start(runId, parentRunId, llm, runName, 'llm', input);
    const run = this.runs.get(runId);
    if (run) {
      const params = extra?.invocation_params as Record<string, unknown> | undefined;
      run.llm = {
        provider: asString(metadata?.ls_provider),
        model: asString(metadata?.ls_model_name) ?? asString(params?.model),
        started: performance.now(),
      };
    }
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

  /** Ends a run's step; `whole`: the output is complete (an LLM's), even if it streamed. */
  private async end(runId: string, output: unknown, whole = false): Promise<void> {
    const step = this.take(runId);
    if (!step) return;
    try {
      if (whole || !step.streaming || step.output === '') step.output = describe(output ?? '');
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

/** Token counts of a chat model's message (`usage_metadata`), when the model reports them. */
function usageOf(message: unknown): { input: number; output: number; total: number } | undefined {
  const usage = (message as { usage_metadata?: Record<string, unknown> })?.usage_metadata;
  if (!usage || typeof usage.total_tokens !== 'number') return undefined;
  return {
    input: Number(usage.input_tokens ?? 0),
    output: Number(usage.output_tokens ?? 0),
    total: usage.total_tokens,
  };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
