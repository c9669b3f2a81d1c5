import type { ExternalContextCreator } from '@nestjs/core';
import type { ContextId } from '@nestjs/core/injector/instance-wrapper.js';
import { type HandlerDelivery } from './handler-return.js';
/** One handler method with its enhancers: what it returns is delivered within them. */
export type EnhancedHandler = (args: unknown[], deliver: HandlerDelivery | undefined) => Promise<unknown>;
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
export declare class ChatContextCreator {
    private readonly base;
    private readonly interceptorsConsumer;
    constructor(base: ExternalContextCreator);
    /**
     * The method `methodName` of `instance` with its enhancers. `payload`: its first argument is
     * one that pipes transform. `contextId`: the session's, for a request-scoped provider.
     */
    create(instance: object, methodName: string, payload: boolean, contextId?: ContextId): EnhancedHandler;
}
