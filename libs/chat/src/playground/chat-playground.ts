import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { chatRoot } from '../protocol/global-prefix.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';

/** The page's script and stylesheet come from their own routes: nothing inline runs or styles. */
const CSP =
  "default-src 'self'; img-src 'self' data: blob: https:; media-src 'self' blob: https:; " +
  "style-src 'self'; script-src 'self'; object-src 'self'; frame-src 'self'; frame-ancestors 'self'";

/** Where the page's settings go in `assets/playground.html`: the text of its JSON block. */
const CONFIG_PLACEHOLDER = '{{config}}';

/** The settings the page's script reads from its JSON block (`#playground-config`). */
export interface PlaygroundConfig {
  /** The socket.io path, under the global prefix. */
  socketPath: string;
  /** The global prefix ('' without one), before the chat's HTTP routes. */
  httpRoot: string;
}

/** A file served next to the page. */
interface Asset {
  body: string;
  type: string;
  etag: string;
}

/**
 * The languages the page highlights in code blocks: highlight.js grammars (their aliases too,
 * e.g. `ts`, `py`, `sh`, `html`), each a module of `@highlightjs/cdn-assets`.
 */
export const HIGHLIGHT_LANGUAGES = [
  'bash',
  'c',
  'cpp',
  'css',
  'diff',
  'go',
  'java',
  'javascript',
  'json',
  'markdown',
  'plaintext',
  'python',
  'rust',
  'shell',
  'sql',
  'typescript',
  'xml',
  'yaml',
] as const;

/** JSON for a `<script type="application/json">` block: no `<` in it can close the block. */
export function configJson(config: PlaygroundConfig): string {
  return JSON.stringify(config).replace(/</g, '\\u003c');
}

/** The page with its settings in place (the template holds the placeholder once). */
export function renderPlaygroundPage(template: string, config: PlaygroundConfig): string {
  const parts = template.split(CONFIG_PLACEHOLDER);
  if (parts.length !== 2) {
    throw new Error(`playground.html must hold ${CONFIG_PLACEHOLDER} exactly once`);
  }
  return parts.join(configJson(config));
}

/**
 * The module the page imports (once it shows code) to highlight it: highlight.js's core with
 * `languages` registered, each imported from the module beside it (`./<name>.js`).
 */
export function highlighterModule(languages: readonly string[]): string {
  return [
    "import hljs from './core.js';",
    ...languages.map((name, i) => `import grammar${i} from './${name}.js';`),
    ...languages.map((name, i) => `hljs.registerLanguage('${name}', grammar${i});`),
    'export default hljs;',
    '',
  ].join('\n');
}

const read = (name: string) => readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/** highlight.js as its own package builds it for browsers: ES modules, one per file. */
const resolveHighlight = (file: string) =>
  createRequire(import.meta.url).resolve(`@highlightjs/cdn-assets/es/${file}`);

const asset = (body: string, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

const SCRIPT = 'text/javascript; charset=utf-8';

/**
 * The page's template, and the files served beside it by their path under the page's: its
 * script and stylesheet from `assets/` next to this module, and the highlighter
 * (`highlight/index.js`, importing `highlight/core.js` and a module per language) from the
 * installed `@highlightjs/cdn-assets`.
 */
async function readAssets(): Promise<{ template: string; files: Map<string, Asset> }> {
  const [template, script, style] = await Promise.all(
    ['playground.html', 'playground.js', 'playground.css'].map(read),
  );
  const files = new Map<string, Asset>([
    ['playground.js', asset(script, SCRIPT)],
    ['playground.css', asset(style, 'text/css; charset=utf-8')],
    ['highlight/index.js', asset(highlighterModule(HIGHLIGHT_LANGUAGES), SCRIPT)],
  ]);
  const modules = [
    ['core', 'core.min.js'],
    ...HIGHLIGHT_LANGUAGES.map((name) => [name, `languages/${name}.min.js`]),
  ];
  const bodies = await Promise.all(
    modules.map(([, file]) => readFile(resolveHighlight(file), 'utf8')),
  );
  modules.forEach(([name], i) => files.set(`highlight/${name}.js`, asset(bodies[i], SCRIPT)));
  return { template, files };
}

/**
 * Serves the playground page (option `playground`): a chat UI on the socket.io client the
 * server already serves, with no build step. The page is at `<path>/`, its script and stylesheet
 * next to it (`<path>/playground.js`, `<path>/playground.css`), and the code highlighter under
 * `<path>/highlight/`; all are read at startup.
 */
@Injectable()
export class ChatPlayground implements OnModuleInit {
  private readonly logger = new Logger('ChatModule');

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { playground } = this.options;
    const adapter = this.adapterHost.httpAdapter;
    if (!playground || !adapter) return;
    const root = chatRoot(this.appConfig, this.options.mount);
    const { template, files } = await readAssets();
    const page = renderPlaygroundPage(template, {
      socketPath: `${root}${this.options.path}`,
      httpRoot: root,
    });
    const path = `${root}${playground.path}`;
    const dir = `${path}/`;

    // The page links its assets relatively, so its URL ends with a slash: `<path>` redirects to
    // `<path>/` (by a relative URL, which holds behind a proxy that adds a prefix of its own).
    const toDir = `./${path.slice(path.lastIndexOf('/') + 1)}/`;
    const servePage = (req: unknown, res: unknown) => {
      const url = String(adapter.getRequestUrl(req) ?? '');
      const at = url.indexOf('?');
      if (!(at < 0 ? url : url.slice(0, at)).endsWith('/')) {
        adapter.redirect(res, 302, toDir + (at < 0 ? '' : url.slice(at)));
        return;
      }
      adapter.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
      adapter.setHeader(res, 'Content-Security-Policy', CSP);
      adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
      adapter.reply(res, page, 200);
    };
    adapter.get(dir, servePage);
    if (path) adapter.get(path, servePage);

    for (const [name, file] of files) {
      adapter.get(`${dir}${name}`, (req: { headers: IncomingHttpHeaders }, res: unknown) => {
        adapter.setHeader(res, 'Content-Type', file.type);
        adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
        // Its URL has no version: kept, but checked again on each use (304 while unchanged).
        adapter.setHeader(res, 'Cache-Control', 'no-cache');
        adapter.setHeader(res, 'ETag', file.etag);
        if (unchanged(req.headers, file.etag)) adapter.reply(res, undefined, 304);
        else adapter.reply(res, file.body, 200);
      });
    }
    this.logger.log(`Chat playground served at ${dir}`);
  }
}

/**
 * Whether a revalidation finds the asset unchanged (answered 304): its `If-None-Match` names the
 * ETag (weakly compared, or `*`), and it does not ask for the whole answer (`no-cache`).
 */
function unchanged(headers: IncomingHttpHeaders, etag: string): boolean {
  const match = headers['if-none-match'];
  if (!match || /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(headers['cache-control'] ?? '')) return false;
  return match.trim() === '*' || match.split(',').some((tag) => bareTag(tag) === bareTag(etag));
}

/** An entity tag compared weakly: without its `W/`. */
function bareTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}
