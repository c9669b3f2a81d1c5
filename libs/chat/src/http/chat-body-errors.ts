import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { isChatRoute } from './chat-routes.js';
import { leaveMultipartUnread } from './fastify-multipart.js';
import { chatRoot } from '../protocol/global-prefix.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';

/** What Express's body parsers (`http-errors`) put on the errors they pass on. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
  length?: number;
  limit?: number;
}

/** What of a Fastify request and reply the hooks below read and write (no import of Fastify). */
interface FastifyRequestLike {
  url: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
  routeOptions?: { bodyLimit?: number };
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): unknown;
}
type Done = (error?: null, value?: unknown) => void;
interface FastifyLike {
  addHook(
    name: 'onError',
    hook: (q: FastifyRequestLike, r: unknown, e: ParserError, d: Done) => void,
  ): unknown;
  addHook(
    name: 'onSend',
    hook: (q: FastifyRequestLike, r: FastifyReplyLike, p: unknown, d: Done) => void,
  ): unknown;
  addHook(
    name: 'preValidation',
    hook: (q: FastifyRequestLike, r: FastifyReplyLike, d: Done) => void,
  ): unknown;
  addContentTypeParser: Parameters<typeof leaveMultipartUnread>[0]['addContentTypeParser'];
}

interface Refusal {
  status: number;
  detail: string;
}

const JSON_CONTENT = 'application/json; charset=utf-8';

/**
 * A body the app's parsers refuse (malformed JSON, over their size limit, an unknown charset)
 * never reaches a route, and Nest answers it in its own shape. On the chat's routes it gets what
 * every other refusal there gets: its 4xx status with `{ detail }`, the shape the Chainlit client
 * reads, on Express and on Fastify alike. The app's own routes are left as they are.
 */
@Injectable()
export class ChatBodyErrors implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
  ) {}

  /**
   * On Express: mounted after the routes and before Nest's own error handler (added after the
   * init hooks). On Fastify: hooks, added before it is ready.
   */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    const root = chatRoot(this.appConfig, this.options.mount);
    if (adapter?.getType() === 'express') this.onExpress(adapter.getInstance(), root);
    if (adapter?.getType() === 'fastify') this.onFastify(adapter.getInstance(), root);
  }

  /** An error middleware after the routes: Express passes it what its parsers refuse. */
  private onExpress(express: { use(handler: unknown): unknown }, root: string): void {
    const handler = (
      error: ParserError,
      req: IncomingMessage,
      res: ServerResponse,
      next: (error: unknown) => void,
    ) => {
      const status = error?.status;
      const refused = typeof status === 'number' && status >= 400 && status < 500;
      if (!refused || res.headersSent || !isChatRoute(pathOf(req.url), root)) return next(error);
      res.statusCode = status;
      res.setHeader('Content-Type', JSON_CONTENT);
      res.end(JSON.stringify({ detail: expressDetail(error) }));
    };
    express.use(handler);
  }

  /**
   * Fastify's parsers pass what they refuse to the error handler (Nest's): the error is noted
   * when it is raised and the answer rewritten as it is sent. A JSON body that is not an object
   * or an array, which Express's parser refuses, is refused here before the route.
   */
  private onFastify(fastify: FastifyLike, root: string): void {
    leaveMultipartUnread(fastify);
    const refusals = new WeakMap<object, Refusal>();
    fastify.addHook('onError', (request, _reply, error, done) => {
      const status = error?.statusCode;
      const own = error?.code?.startsWith('FST_ERR_') || error instanceof SyntaxError;
      const refused = typeof status === 'number' && status >= 400 && status < 500;
      if (own && refused && isChatRoute(pathOf(request.url), root)) {
        refusals.set(request, { status, detail: fastifyDetail(error, request) });
      }
      done();
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const refusal = refusals.get(request);
      if (!refusal) return done(null, payload);
      reply.code(refusal.status).header('Content-Type', JSON_CONTENT);
      done(null, JSON.stringify({ detail: refusal.detail }));
    });
    fastify.addHook('preValidation', (request, reply, done) => {
      const { body } = request;
      const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
      const scalar = body === null || (body !== undefined && typeof body !== 'object');
      if (!json || !scalar || !isChatRoute(pathOf(request.url), root)) return done();
      const detail = 'Malformed request body: a JSON body must be an object or an array';
      reply.code(400).header('Content-Type', JSON_CONTENT).send(JSON.stringify({ detail }));
    });
  }
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

function expressDetail(error: ParserError): string {
  if (error.type === 'entity.too.large') return tooLarge(error.length, error.limit);
  if (error.type === 'entity.parse.failed') return `Malformed request body: ${error.message}`;
  return error.message || 'Bad request';
}

function fastifyDetail(error: ParserError, request: FastifyRequestLike): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const length = request.headers['content-length'];
    return tooLarge(
      length && /^\d+$/.test(length) ? Number(length) : undefined,
      request.routeOptions?.bodyLimit,
    );
  }
  const parser = error.code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError;
  if (parser) return `Malformed request body: ${error.message}`;
  return error.message || 'Bad request';
}

function tooLarge(length: number | undefined, limit: number | undefined): string {
  const most = limit === undefined ? '' : `, at most ${limit}`;
  return length === undefined
    ? `Request body too large${limit === undefined ? '' : `: at most ${limit} bytes`}`
    : `Request body too large: ${length} bytes${most}`;
}
