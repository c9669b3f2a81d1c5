import type { ContextType, NestInterceptor, PipeTransform } from '@nestjs/common';
import { PARAMTYPES_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { ExternalContextCreator } from '@nestjs/core';
import type { ExternalExceptionsHandler } from '@nestjs/core/exceptions/external-exceptions-handler.js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { ExternalErrorProxy } from '@nestjs/core/helpers/external-proxy.js';
import type { ContextId } from '@nestjs/core/injector/instance-wrapper.js';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer.js';
import { isObservable, type Observable } from 'rxjs';
import { TaskStoppedError } from '../errors/task-stopped.error.js';
import { handlerContext } from '../session/handler-context.js';
import { isTokenSource } from '../session/token-source.js';
import { CHAT_CONTEXT_TYPE } from './chat-context-of.js';
import { type HandlerDelivery, HandlerReturn, observeIterable } from './handler-return.js';

type Method = (...args: unknown[]) => unknown;

/** One handler method with its enhancers: what it returns is delivered within them. */
export type EnhancedHandler = (
  args: unknown[],
  deliver: HandlerDelivery | undefined,
) => Promise<unknown>;

/** The members of Nest's ExternalContextCreator that the chat context takes over. */
const TAKEN_OVER = [
  'interceptorsConsumer',
  'externalErrorProxy',
  'createPipesFn',
  'createGuardsFn',
] as const;

/** Which enhancers a handler has, as `ExternalContextCreator.create()` finds them. */
interface Enhancers {
  guards: boolean;
  pipes: boolean;
  filters: boolean;
  /** Known at the first call (Nest hands the interceptors over per call). */
  interceptors?: boolean;
}

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
 * A handler without any enhancer is called directly after its first call (which finds out).
 */
export class ChatContextCreator {
  constructor(private readonly base: ExternalContextCreator) {
    const missing = TAKEN_OVER.filter((member) => !(member in base));
    if (missing.length > 0) {
      throw new Error(
        `nest-chat: this version of @nestjs/core's ExternalContextCreator has no ${missing.join(', ')}; ` +
          'chat handlers cannot get their enhancers. Use the @nestjs/core version nest-chat declares.',
      );
    }
  }

  /**
   * The method `methodName` of `instance` with its enhancers. `payload`: its first argument is
   * one that pipes transform. `contextId`: the session's, for a request-scoped provider.
   */
  create(
    instance: object,
    methodName: string,
    payload: boolean,
    contextId?: ContextId,
  ): EnhancedHandler {
    const method = (instance as Record<string, Method>)[methodName];
    const paramtypes: unknown[] | undefined = Reflect.getMetadata(
      PARAMTYPES_METADATA,
      instance,
      methodName,
    );
    const base = this.base;
    const has: Enhancers = { guards: false, pipes: false, filters: false };
    // The shared creator, with four of its members replaced for this handler only.
    const creator: ExternalContextCreator = Object.create(base, {
      interceptorsConsumer: { value: new ChatInterceptorsConsumer(has) },
      externalErrorProxy: { value: new ChatErrorProxy(instance.constructor, method, has) },
      createGuardsFn: {
        value: (...args: Parameters<ExternalContextCreator['createGuardsFn']>) => {
          has.guards = args[0].length > 0;
          return base.createGuardsFn.apply(creator, args);
        },
      },
      createPipesFn: {
        value: (pipes: PipeTransform[]) => {
          has.pipes = payload && pipes.length > 0;
          if (!has.pipes) return null;
          return async (args: unknown[], ...params: unknown[]) => {
            args.push(...params);
            args[0] = await base.getParamValue(
              params[0],
              // A pipe sees it as the body: `{ type: 'body', metatype, data: undefined }`.
              { type: RouteParamtypes.BODY as never, metatype: paramtypes?.[0] as never },
              pipes,
            );
          };
        },
      },
    });
    const call = creator.create(
      instance,
      method,
      methodName,
      undefined,
      undefined,
      contextId,
      undefined,
      { guards: true, interceptors: true, filters: true },
      CHAT_CONTEXT_TYPE,
    ) as (deliver: HandlerDelivery | undefined, ...args: unknown[]) => Promise<unknown>;
    const direct = async (args: unknown[], deliver: HandlerDelivery | undefined) => {
      const value = await method.apply(instance, args);
      if (deliver) await deliver(value);
      return value;
    };
    return (args, deliver) =>
      has.interceptors === false && !has.guards && !has.pipes && !has.filters
        ? direct(args, deliver)
        : call(deliver, ...args);
  }
}

/**
 * Runs a handler's interceptors so that a token stream it returns (an Observable or an
 * AsyncIterable) reaches them token by token, and hands their Observable on as it is.
 */
class ChatInterceptorsConsumer extends InterceptorsConsumer {
  constructor(private readonly has: Enhancers) {
    super();
  }

  override async intercept<TContext extends string = ContextType>(
    interceptors: NestInterceptor[],
    args: unknown[],
    instance: object,
    callback: (...args: unknown[]) => unknown,
    next: () => Promise<unknown>,
    type?: TContext,
  ): Promise<HandlerReturn> {
    this.has.interceptors = interceptors.length > 0;
    if (interceptors.length === 0) return HandlerReturn.of(await next());
    let streamed = false;
    const out$ = await super.intercept(
      interceptors,
      args,
      instance,
      callback,
      async () => {
        const value = await next();
        if (!isTokenSource(value)) return value;
        streamed = true;
        return isObservable(value) ? value : observeIterable(value);
      },
      type,
    );
    return HandlerReturn.intercepted(out$ as Observable<unknown>, () => streamed);
  }
}

/**
 * Delivers what the handler returned within its exception filters, and gives an error to the
 * filter that catches it (`@Catch()`): the filter's return value takes the place of the
 * handler's (a message handler's is sent). An error no filter catches goes on to the runtime,
 * which reports it; without filters there is no try/catch at all.
 */
class ChatErrorProxy extends ExternalErrorProxy {
  constructor(
    private readonly classRef: unknown,
    private readonly method: Method,
    private readonly has: Enhancers,
  ) {
    super();
  }

  override createProxy<TContext extends string = ContextType>(
    target: (...args: unknown[]) => unknown,
    exceptionsHandler: ExternalExceptionsHandler,
    type?: TContext,
  ): (deliver: HandlerDelivery | undefined, ...args: unknown[]) => Promise<unknown> {
    const run = async (deliver: HandlerDelivery | undefined, args: unknown[]) =>
      ((await target(...args)) as HandlerReturn).settle(deliver);
    // Nest keeps a handler's filters (global, class, method) on its exceptions handler.
    const filters = (exceptionsHandler as unknown as { filters?: FilterMetadata[] }).filters;
    this.has.filters = !Array.isArray(filters) || filters.length > 0;
    if (!this.has.filters) return (deliver, ...args) => run(deliver, args);
    return async (deliver, ...args) => {
      try {
        return await run(deliver, args);
      } catch (error) {
        const stopped =
          error instanceof TaskStoppedError || handlerContext.getStore()?.task?.signal.aborted;
        // A filter that catches the error handles it, even if it returns nothing.
        const caught = Array.isArray(filters) ? filters.some((f) => catches(f, error)) : undefined;
        if (stopped || caught === false) throw error;
        const host = new ExecutionContextHost(args, this.classRef as never, this.method);
        host.setType(type ?? CHAT_CONTEXT_TYPE);
        const value: unknown = await exceptionsHandler.invokeCustomFilters(error, host);
        // (Not knowing the filters, as Nest: `undefined` is "not handled".)
        if (caught === undefined && value === undefined) throw error;
        if (deliver) await deliver(value);
        return value;
      }
    };
  }
}

interface FilterMetadata {
  exceptionMetatypes: (new (...args: never[]) => unknown)[];
}

/** Whether a filter's `@Catch(...)` takes this error (none listed: it takes every error). */
function catches({ exceptionMetatypes }: FilterMetadata, error: unknown): boolean {
  return (
    exceptionMetatypes.length === 0 || exceptionMetatypes.some((type) => error instanceof type)
  );
}
