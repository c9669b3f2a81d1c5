import { handlerContext } from '../../session/handler-context.js';
/**
 * Runs one streamed LLM call for a session: tokens into a message, an `llm` step with what
 * Chainlit's instrumentation shows, usage reported, Stop honoured (the stream ends with what
 * arrived), errors thrown for the handler (the user gets them as an error message).
 */
export async function runLlmCall(spec, options, read) {
    const session = options.session ?? handlerContext.getStore()?.session;
    if (!session) {
        throw new Error('nest-chat/openai: no chat session here; call it inside a chat handler or pass { session }');
    }
    const signal = options.signal ?? session.signal;
    const message = options.message ?? session.message();
    const call = async (step) => {
        const started = performance.now();
        let firstAt;
        let content = '';
        const io = {
            signal,
            token(text) {
                if (!text || signal.aborted)
                    return;
                firstAt ??= performance.now();
                content += text;
                message.stream(text);
            },
        };
        let outcome = { toolCalls: [] };
        try {
            outcome = await read(io);
        }
        catch (error) {
            if (!signal.aborted) {
                if (message.streaming)
                    await message.update();
                throw error;
            }
            // Stopped: the SDK may end its loop silently or throw; either way, keep what arrived.
        }
        const stopped = signal.aborted;
        if (message.streaming)
            await message.update();
        const seconds = (performance.now() - started) / 1000;
        const { usage, toolCalls, finishReason } = outcome;
        if (step) {
            step.output = content;
            step.generation = {
                provider: 'openai',
                model: spec.model,
                settings: spec.settings,
                ...(usage && {
                    inputTokenCount: usage.input,
                    outputTokenCount: usage.output,
                    tokenCount: usage.total,
                }),
                ...(firstAt !== undefined && { ttFirstToken: Math.round(firstAt - started) }),
                ...(usage && seconds > 0 && { tokenThroughputInSeconds: usage.output / seconds }),
                duration: seconds,
                ...(toolCalls.length > 0 && { toolCalls }),
                ...(stopped && { stopped: true }),
            };
        }
        if (usage?.total)
            session.emit('token_usage', usage.total);
        return { content, usage, toolCalls, finishReason, stopped, message };
    };
    if (options.step === false)
        return call();
    const name = typeof options.step === 'string' ? options.step : spec.model;
    return session.step(name, 'llm', async (step) => {
        step.input = JSON.stringify(spec.input, null, 2);
        step.language = 'json';
        return call(step);
    });
}
//# sourceMappingURL=llm-call.js.map