var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, Logger } from '@nestjs/common';
import { ContextIdFactory, DiscoveryService, ExternalContextCreator, MetadataScanner, ModuleRef, } from '@nestjs/core';
import { CHAT_HANDLER_KEYS, ChatMetadataAccessor } from './chat-metadata.accessor.js';
import { ChatContextCreator } from './chat-context-creator.js';
/** The kinds of handler whose only argument is the session: pipes have nothing to transform. */
const SESSION_ONLY = new Set([
    'chatStart',
    'chatEnd',
    'disconnect',
    'stop',
]);
/**
 * Finds the decorated handler methods on every provider and controller at `onModuleInit` and
 * keeps them by kind, in the order they run, each wrapped in its Nest enhancers (guards,
 * interceptors, pipes, exception filters; see `ChatContextCreator`).
 */
let ChatExplorer = class ChatExplorer {
    constructor(discovery, scanner, accessor, moduleRef, contextCreator) {
        this.discovery = discovery;
        this.scanner = scanner;
        this.accessor = accessor;
        this.moduleRef = moduleRef;
        this.logger = new Logger('ChatModule');
        this.handlers = new Map();
        /** Each session's request-scoped handler instances, under one Nest context id. */
        this.scopes = new WeakMap();
        /** The enhanced methods of request-scoped instances, by method name. */
        this.scopedCalls = new WeakMap();
        this.enhancers = new ChatContextCreator(contextCreator);
    }
    onModuleInit() {
        this.explore();
    }
    /** The handlers of a kind, in the order they run. */
    get(kind) {
        return this.handlers.get(kind) ?? [];
    }
    explore() {
        this.handlers.clear();
        const found = [];
        const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
        for (const wrapper of wrappers) {
            const { instance } = wrapper;
            if (wrapper.isAlias || !instance || typeof instance !== 'object')
                continue;
            const prototype = Object.getPrototypeOf(instance);
            if (!prototype)
                continue;
            for (const methodName of this.scanner.getAllMethodNames(prototype)) {
                for (const kind of Object.keys(CHAT_HANDLER_KEYS)) {
                    for (const { options } of this.accessor.getHandlerMetadata(kind, prototype[methodName])) {
                        const handler = this.createHandler(wrapper, methodName, kind, options);
                        if (handler)
                            found.push({ handler, index: found.length });
                    }
                }
            }
        }
        found.sort((a, b) => (a.handler.options.order ?? 0) - (b.handler.options.order ?? 0) || a.index - b.index);
        for (const { handler } of found) {
            const list = this.handlers.get(handler.kind) ?? [];
            list.push(handler);
            this.handlers.set(handler.kind, list);
        }
    }
    createHandler(wrapper, methodName, kind, options) {
        const instance = wrapper.instance;
        const name = `${instance.constructor?.name ?? String(wrapper.name)}#${methodName}`;
        if (wrapper.isTransient) {
            this.logger.warn(`Cannot register chat handler "${name}": it is defined in a transient provider. ` +
                'Make the provider a singleton, or request-scoped to get one instance per chat session.');
            return undefined;
        }
        const payload = !SESSION_ONLY.has(kind);
        if (wrapper.isDependencyTreeStatic()) {
            const call = this.enhancers.create(instance, methodName, payload);
            return { kind, name, options, invoke: (_session, args, deliver) => call(args, deliver) };
        }
        // Request-scoped: one instance per chat session; REQUEST is the ChatSession.
        return {
            kind,
            name,
            options,
            invoke: async (session, args, deliver) => {
                const scoped = (await this.resolveForSession(wrapper, session));
                return this.scopedCall(scoped, methodName, payload, session)(args, deliver);
            },
        };
    }
    /** The enhanced method of a session's own instance, made on its first call. */
    scopedCall(instance, methodName, payload, session) {
        let calls = this.scopedCalls.get(instance);
        if (!calls)
            this.scopedCalls.set(instance, (calls = new Map()));
        const key = `${payload ? 'payload' : 'session'}:${methodName}`;
        let call = calls.get(key);
        if (!call) {
            const contextId = this.scopes.get(session)?.contextId;
            call = this.enhancers.create(instance, methodName, payload, contextId);
            calls.set(key, call);
        }
        return call;
    }
    async resolveForSession(wrapper, session) {
        let scope = this.scopes.get(session);
        const cached = scope?.instances.get(wrapper);
        if (cached)
            return cached;
        if (!scope) {
            scope = { contextId: ContextIdFactory.create(), instances: new Map() };
            this.moduleRef.registerRequestByContextId(session, scope.contextId);
            this.scopes.set(session, scope);
        }
        const instance = await this.moduleRef.resolve(wrapper.token, scope.contextId, {
            strict: false,
        });
        if (!session.ended)
            scope.instances.set(wrapper, instance);
        return instance;
    }
    /** Lets go of the request-scoped instances of a session that ended. */
    release(session) {
        this.scopes.delete(session);
    }
};
ChatExplorer = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DiscoveryService,
        MetadataScanner,
        ChatMetadataAccessor,
        ModuleRef,
        ExternalContextCreator])
], ChatExplorer);
export { ChatExplorer };
//# sourceMappingURL=chat.explorer.js.map