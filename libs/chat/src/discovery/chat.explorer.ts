import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import {
  ContextIdFactory,
  DiscoveryService,
  ExternalContextCreator,
  MetadataScanner,
  ModuleRef,
} from '@nestjs/core';
import type { ContextId, InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatHandler, ChatHandlerKind } from './chat-handler.interface.js';
import { CHAT_HANDLER_KEYS, ChatMetadataAccessor } from './chat-metadata.accessor.js';

type Method = (...args: unknown[]) => unknown;

/**
 * Finds the decorated handler methods on every provider and controller at `onModuleInit` and
 * keeps them by kind, in the order they run.
 */
@Injectable()
export class ChatExplorer implements OnModuleInit {
  private readonly logger = new Logger('ChatModule');
  private readonly handlers = new Map<ChatHandlerKind, ChatHandler[]>();
  /** Each session's request-scoped handler instances, under one Nest context id. */
  private readonly scopes = new WeakMap<
    ChatSession,
    { contextId: ContextId; instances: Map<InstanceWrapper, unknown> }
  >();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: ChatMetadataAccessor,
    private readonly moduleRef: ModuleRef,
    private readonly contextCreator: ExternalContextCreator,
  ) {}

  onModuleInit(): void {
    this.explore();
  }

  /** The handlers of a kind, in the order they run. */
  get(kind: ChatHandlerKind): readonly ChatHandler[] {
    return this.handlers.get(kind) ?? [];
  }

  explore(): void {
    this.handlers.clear();
    const found: { handler: ChatHandler; index: number }[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const { instance } = wrapper;
      if (wrapper.isAlias || !instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      if (!prototype) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        for (const kind of Object.keys(CHAT_HANDLER_KEYS) as ChatHandlerKind[]) {
          for (const { options } of this.accessor.getHandlerMetadata(kind, prototype[methodName])) {
            const handler = this.createHandler(wrapper, methodName, kind, options);
            if (handler) found.push({ handler, index: found.length });
          }
        }
      }
    }
    found.sort(
      (a, b) =>
        (a.handler.options.order ?? 0) - (b.handler.options.order ?? 0) || a.index - b.index,
    );
    for (const { handler } of found) {
      const list = this.handlers.get(handler.kind) ?? [];
      list.push(handler);
      this.handlers.set(handler.kind, list);
    }
  }

  private createHandler(
    wrapper: InstanceWrapper,
    methodName: string,
    kind: ChatHandlerKind,
    options: ChatHandler['options'],
  ): ChatHandler | undefined {
    const instance = wrapper.instance as Record<string, Method>;
    const name = `${instance.constructor?.name ?? String(wrapper.name)}#${methodName}`;
    if (wrapper.isTransient) {
      this.logger.warn(
        `Cannot register chat handler "${name}": it is defined in a transient provider. ` +
          'Make the provider a singleton, or request-scoped to get one instance per chat session.',
      );
      return undefined;
    }
    if (wrapper.isDependencyTreeStatic()) {
      const call = this.guarded(instance, methodName);
      return { kind, name, options, invoke: async (_session, args) => call(args) };
    }
    // Request-scoped: one instance per chat session; REQUEST is the ChatSession.
    return {
      kind,
      name,
      options,
      invoke: async (session, args) => {
        const scoped = (await this.resolveForSession(wrapper, session)) as Record<string, Method>;
        return this.guarded(scoped, methodName, this.scopes.get(session)?.contextId)(args);
      },
    };
  }

  /**
   * Calls the method; if it or its class has Nest guards (`@UseGuards`), they run first, with
   * an ExecutionContext of type `'chat'` whose args are the handler's (the session among them).
   * A guard that refuses throws `ForbiddenException`, reported to the user as handler errors are.
   */
  private guarded(
    instance: Record<string, Method>,
    methodName: string,
    contextId?: ContextId,
  ): (args: unknown[]) => Promise<unknown> {
    const method = instance[methodName];
    const guards =
      Reflect.getMetadata(GUARDS_METADATA, method) ??
      Reflect.getMetadata(GUARDS_METADATA, instance.constructor);
    if (!guards) return async (args) => method.apply(instance, args);
    // The context creator resolves Observables it is given; the result travels boxed instead,
    // so a returned token stream stays a stream. The box carries the method's metadata.
    const boxed = function (this: unknown, ...args: unknown[]) {
      return { value: method.apply(this, args) };
    };
    for (const key of Reflect.getMetadataKeys(method)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, method), boxed);
    }
    const call = this.contextCreator.create(
      instance,
      boxed,
      methodName,
      undefined,
      undefined,
      contextId,
      undefined,
      { guards: true, interceptors: false, filters: false },
      'chat',
    );
    return async (args) => ((await call(...args)) as { value: unknown }).value;
  }

  private async resolveForSession(
    wrapper: InstanceWrapper,
    session: ChatSession,
  ): Promise<unknown> {
    let scope = this.scopes.get(session);
    const cached = scope?.instances.get(wrapper);
    if (cached) return cached;
    if (!scope) {
      scope = { contextId: ContextIdFactory.create(), instances: new Map() };
      this.moduleRef.registerRequestByContextId(session, scope.contextId);
      this.scopes.set(session, scope);
    }
    const instance = await this.moduleRef.resolve(wrapper.token as Method, scope.contextId, {
      strict: false,
    });
    if (!session.ended) scope.instances.set(wrapper, instance);
    return instance;
  }

  /** Lets go of the request-scoped instances of a session that ended. */
  release(session: ChatSession): void {
    this.scopes.delete(session);
  }
}
