var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { globalPrefixRoot } from '../protocol/global-prefix.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
/** The page's script and stylesheet come from their own routes: nothing inline runs or styles. */
const CSP = "default-src 'self'; img-src 'self' data: blob: https:; media-src 'self' blob: https:; " +
    "style-src 'self'; script-src 'self'; object-src 'self'; frame-src 'self'; frame-ancestors 'self'";
/** Where the page's settings go in `assets/playground.html`: the text of its JSON block. */
const CONFIG_PLACEHOLDER = '{{config}}';
/** JSON for a `<script type="application/json">` block: no `<` in it can close the block. */
export function configJson(config) {
    return JSON.stringify(config).replace(/</g, '\\u003c');
}
/** The page with its settings in place (the template holds the placeholder once). */
export function renderPlaygroundPage(template, config) {
    const parts = template.split(CONFIG_PLACEHOLDER);
    if (parts.length !== 2) {
        throw new Error(`playground.html must hold ${CONFIG_PLACEHOLDER} exactly once`);
    }
    return parts.join(configJson(config));
}
const read = (name) => readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const asset = (body, type) => ({
    body,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});
/** The page's template, script and stylesheet, from `assets/` next to this module. */
async function readAssets() {
    const [template, script, style] = await Promise.all(['playground.html', 'playground.js', 'playground.css'].map(read));
    return {
        template,
        script: asset(script, 'text/javascript; charset=utf-8'),
        style: asset(style, 'text/css; charset=utf-8'),
    };
}
/**
 * Serves the playground page (option `playground`): a chat UI on the socket.io client the
 * server already serves, with no build step. The page is at `<path>/`, its script and stylesheet
 * next to it (`<path>/playground.js`, `<path>/playground.css`); all three are read at startup.
 */
let ChatPlayground = class ChatPlayground {
    constructor(options, adapterHost, appConfig) {
        this.options = options;
        this.adapterHost = adapterHost;
        this.appConfig = appConfig;
        this.logger = new Logger('ChatModule');
    }
    async onModuleInit() {
        const { playground } = this.options;
        const adapter = this.adapterHost.httpAdapter;
        if (!playground || !adapter)
            return;
        const root = globalPrefixRoot(this.appConfig);
        const { template, script, style } = await readAssets();
        const page = renderPlaygroundPage(template, {
            socketPath: `${root}${this.options.path}`,
            httpRoot: root,
        });
        const path = `${root}${playground.path}`;
        const dir = `${path}/`;
        // The page links its assets relatively, so its URL ends with a slash: `<path>` redirects to
        // `<path>/` (by a relative URL, which holds behind a proxy that adds a prefix of its own).
        const toDir = `./${path.slice(path.lastIndexOf('/') + 1)}/`;
        const servePage = (req, res) => {
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
        if (path)
            adapter.get(path, servePage);
        for (const [name, file] of [
            ['playground.js', script],
            ['playground.css', style],
        ]) {
            adapter.get(`${dir}${name}`, (_req, res) => {
                adapter.setHeader(res, 'Content-Type', file.type);
                adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
                // Its URL has no version: kept, but checked again on each use (304 while unchanged).
                adapter.setHeader(res, 'Cache-Control', 'no-cache');
                adapter.setHeader(res, 'ETag', file.etag);
                adapter.reply(res, file.body, 200);
            });
        }
        this.logger.log(`Chat playground served at ${dir}`);
    }
};
ChatPlayground = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object, HttpAdapterHost,
        ApplicationConfig])
], ChatPlayground);
export { ChatPlayground };
//# sourceMappingURL=chat-playground.js.map