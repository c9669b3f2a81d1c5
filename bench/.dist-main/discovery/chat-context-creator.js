import { PARAMTYPES_METADATA } from '@nestjs/common/constants.js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { ExternalErrorProxy } from '@nestjs/core/helpers/external-proxy.js';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer.js';
import { isObservable } from 'rxjs';
import { TaskStoppedError } from '../errors/task-stopped.error.js';
import { handlerContext } from '../session/handler-context.js';
import { isTokenSource } from '../session/token-source.js';
import { CHAT_CONTEXT_TYPE } from './chat-context-of.js';
import { HandlerReturn, observeIterable } from './handler-return.js';
/** The members of Nest's ExternalContextCreator that the chat context takes over. */
const TAKEN_OVER = ['interceptorsConsumer', 'externalErrorProxy', 'createPipesFn'];
/**
 * Wraps chat handlers in Nest's enhancers through `ExternalContextCreator` (as
 * `@nestjs/graphql` does), with the context type `'chat'`: guards, interceptors, pipes and
 * exception filters — global ones (`APP_GUARD`, `app.useGlobalGuards()`, ...), the class's and
 * the method's. Three things differ from an HTTP route, so a chat handler keeps its behaviour:
 * - a returned token stream stays a stream through interceptors (Nest would wait for its last
 *   token), and what the interceptors emit is delivered within the filters' reach;
 * - pipes transform the first argument (the message, action, settings...) and never the session;
 * - an exception filter that catches an error handles it, whatever it returns; a stopped task's
 *   unwinding is not an error and reaches no filter.
 * An app without enhancers pays for none of them: no guards, pipes, interceptors or filters to
 * run means none is called.
 */
export class ChatContextCreator {
    constructor(base) {
        this.base = base;
        this.interceptorsConsumer = new ChatInterceptorsConsumer();
        const missing = TAKEN_OVER.filter((member) => !(member in base));
        if (missing.length > 0) {
            throw new Error(`nest-chat: this version of @nestjs/core's ExternalContextCreator has no ${missing.join(', ')}; ` +
                'chat handlers cannot get their enhancers. Use the @nestjs/core version nest-chat declares.');
        }
    }
    /**
     * The method `methodName` of `instance` with its enhancers. `payload`: its first argument is
     * one that pipes transform. `contextId`: the session's, for a request-scoped provider.
     */
    create(instance, methodName, payload, contextId) {
        const method = instance[methodName];
        const paramtypes = Reflect.getMetadata(PARAMTYPES_METADATA, instance, methodName);
        const base = this.base;
        // The shared creator, with three of its members replaced for this handler only.
        const creator = Object.create(base, {
            interceptorsConsumer: { value: this.interceptorsConsumer },
            externalErrorProxy: { value: new ChatErrorProxy(instance.constructor, method) },
            createPipesFn: {
                value: (pipes) => payload && pipes.length > 0
                    ? async (args, ...params) => {
                        args.push(...params);
                        args[0] = await base.getParamValue(params[0], { type: 'body', metatype: paramtypes?.[0], data: undefined }, pipes);
                    }
                    : null,
            },
        });
        const call = creator.create(instance, method, methodName, undefined, undefined, contextId, undefined, { guards: true, interceptors: true, filters: true }, CHAT_CONTEXT_TYPE);
        return (args, deliver) => call(deliver, ...args);
    }
}
/**
 * Runs a handler's interceptors so that a token stream it returns (an Observable or an
 * AsyncIterable) reaches them token by token, and hands their Observable on as it is.
 */
class ChatInterceptorsConsumer extends InterceptorsConsumer {
    async intercept(interceptors, args, instance, callback, next, type) {
        if (interceptors.length === 0)
            return HandlerReturn.of(await next());
        let streamed = false;
        const out$ = await super.intercept(interceptors, args, instance, callback, async () => {
            const value = await next();
            if (!isTokenSource(value))
                return value;
            streamed = true;
            return isObservable(value) ? value : observeIterable(value);
        }, type);
        return HandlerReturn.intercepted(out$, () => streamed);
    }
}
/**
 * Delivers what the handler returned within its exception filters, and gives an error to the
 * filter that catches it (`@Catch()`): the filter's return value takes the place of the
 * handler's (a message handler's is sent). An error no filter catches goes on to the runtime,
 * which reports it; without filters there is no try/catch at all.
 */
class ChatErrorProxy extends ExternalErrorProxy {
    constructor(classRef, method) {
        super();
        this.classRef = classRef;
        this.method = method;
    }
    createProxy(target, exceptionsHandler, type) {
        const run = async (deliver, args) => (await target(...args)).settle(deliver);
        // Nest keeps a handler's filters (global, class, method) on its exceptions handler.
        const filters = exceptionsHandler.filters;
        if (!Array.isArray(filters) || filters.length === 0) {
            return (deliver, ...args) => run(deliver, args);
        }
        return async (deliver, ...args) => {
            try {
                return await run(deliver, args);
            }
            catch (error) {
                const stopped = error instanceof TaskStoppedError || handlerContext.getStore()?.task?.signal.aborted;
                if (stopped || !filters.some((filter) => catches(filter, error)))
                    throw error;
                const host = new ExecutionContextHost(args, this.classRef, this.method);
                host.setType(type ?? CHAT_CONTEXT_TYPE);
                const value = await exceptionsHandler.invokeCustomFilters(error, host);
                if (deliver)
                    await deliver(value);
                return value;
            }
        };
    }
}
/** Whether a filter's `@Catch(...)` takes this error (none listed: it takes every error). */
function catches({ exceptionMetatypes }, error) {
    return (exceptionMetatypes.length === 0 || exceptionMetatypes.some((type) => error instanceof type));
}
//# sourceMappingURL=chat-context-creator.js.map