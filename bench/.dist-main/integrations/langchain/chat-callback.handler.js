import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { Step } from '../../session/step.js';
import { handlerContext } from '../../session/handler-context.js';
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
const describe = (value) => {
    if (typeof value === 'string')
        return value;
    try {
        return JSON.stringify(value, null, 2) ?? String(value);
    }
    catch {
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
    constructor(options = {}) {
        super();
        this.name = 'nest-chat';
        this.awaitHandlers = true;
        this.runs = new Map();
        this.answerFresh = false;
        const store = handlerContext.getStore();
        const session = options.session ?? store?.session;
        if (!session) {
            throw new Error('nest-chat/langchain: no chat session here; create the handler inside a chat handler or pass { session }');
        }
        this.session = session;
        this.rootParentId =
            store?.session === session ? (store.step?.id ?? store.message?.id) : undefined;
        this.hide =
            options.hide ??
                (({ className, name }) => WRAPPER_RUNNABLES.includes(className) &&
                    (name === className || className === 'RunnableLambda'));
        this.streamTokens = options.streamTokens ?? true;
        if (options.answer)
            this.answer = options.answer === true ? session.message() : options.answer;
    }
    /** What to pass to `invoke()` / `stream()`: this handler, and the signal Stop fires. */
    config() {
        return { callbacks: [this], signal: this.session.signal };
    }
    // At runtime @langchain/core 1.x calls handleChainStart(chain, inputs, runId, parentRunId,
    // tags, metadata, runType, runName): not the order its typings declare.
    async handleChainStart(chain, inputs, runId, parentRunId, _tags, _metadata, _runType, runName) {
        await this.start(runId, asString(parentRunId), chain, asString(runName), 'run', inputs);
    }
    async handleChainEnd(outputs, runId) {
        await this.end(runId, field(outputs, 'output'));
    }
    async handleChainError(error, runId) {
        await this.fail(runId, error);
    }
    async handleChatModelStart(llm, messages, runId, parentRunId, _extra, _tags, _metadata, runName) {
        const input = messages[0]?.map((m) => {
            const message = m;
            return { role: message.type, content: message.content };
        });
        await this.startLlm(runId, parentRunId, llm, runName, input);
    }
    async handleLLMStart(llm, prompts, runId, parentRunId, _extra, _tags, _metadata, runName) {
        await this.startLlm(runId, parentRunId, llm, runName, prompts);
    }
    async handleLLMNewToken(token, _idx, runId) {
        try {
            if (!token || this.session.signal.aborted)
                return;
            const step = this.runs.get(runId)?.step;
            if (step && this.streamTokens)
                step.stream(token);
            if (this.answer && this.answerRun === runId) {
                // A new LLM call's text replaces the previous one's: the answer is the last call's.
                this.answer.stream(token, { isSequence: this.answerFresh });
                if (this.answerFresh)
                    this.answerFresh = false;
            }
        }
        catch {
            // A token callback never throws into LangChain.
        }
    }
    async handleLLMEnd(output, runId) {
        const text = (output.generations ?? [])
            .flat()
            .map((g) => g.text ?? '')
            .join('');
        await this.end(runId, text);
    }
    async handleLLMError(error, runId) {
        await this.fail(runId, error);
    }
    async handleToolStart(tool, input, runId, parentRunId, _tags, _metadata, runName) {
        await this.start(runId, parentRunId, tool, runName, 'tool', input);
    }
    async handleToolEnd(output, runId) {
        await this.end(runId, field(output, 'content'));
    }
    async handleToolError(error, runId) {
        await this.fail(runId, error);
    }
    async handleRetrieverStart(retriever, query, runId, parentRunId, _tags, _metadata, name) {
        await this.start(runId, parentRunId, retriever, name, 'retrieval', query);
    }
    async handleRetrieverEnd(documents, runId) {
        await this.end(runId, documents.map((d) => d.pageContent ?? d));
    }
    async handleRetrieverError(error, runId) {
        await this.fail(runId, error);
    }
    /** Ends the answer's stream (call after the run, when `answer` is set). */
    async finish() {
        if (this.answer?.streaming)
            await this.answer.update();
        return this.answer;
    }
    async startLlm(runId, parentRunId, llm, runName, input) {
        await this.start(runId, parentRunId, llm, runName, 'llm', input);
        this.answerRun = runId;
        this.answerFresh = true;
    }
    async start(runId, parentRunId, serialized, runName, type, input) {
        try {
            const parent = parentRunId ? this.runs.get(parentRunId) : undefined;
            const parentId = parent ? parent.parentId : this.rootParentId;
            const className = serialized?.id?.at(-1) ?? 'Runnable';
            const name = runName ?? serialized?.name ?? className;
            if (this.hide({ className, name, type })) {
                this.runs.set(runId, { parentId });
                return;
            }
            const step = new Step(this.session, name, type, { parentId });
            step.input = describe(input);
            this.runs.set(runId, { step, parentId: step.id });
            await step.send();
        }
        catch {
            // The session may be gone, or the task stopped: the run goes on without its step.
        }
    }
    async end(runId, output) {
        const step = this.take(runId);
        if (!step)
            return;
        try {
            if (!step.streaming || step.output === '')
                step.output = describe(output ?? '');
            step.end = new Date().toISOString();
            await step.update();
        }
        catch {
            // See start().
        }
    }
    async fail(runId, error) {
        const step = this.take(runId);
        if (!step)
            return;
        try {
            step.isError = true;
            step.output = errorMessage(error);
            step.end = new Date().toISOString();
            await step.update();
        }
        catch {
            // See start().
        }
    }
    take(runId) {
        const run = this.runs.get(runId);
        this.runs.delete(runId);
        return run?.step;
    }
}
/** `value[key]` when `value` is an object that has it (a chain's `output`, a ToolMessage's `content`), else `value`. */
function field(value, key) {
    return value && typeof value === 'object' && key in value
        ? value[key]
        : value;
}
function asString(value) {
    return typeof value === 'string' ? value : undefined;
}
//# sourceMappingURL=chat-callback.handler.js.map