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
import { BadRequestException, Controller, Get, Inject, Logger, NotFoundException, Param, Query, Res, StreamableFile, UseFilters, } from '@nestjs/common';
import { open, readdir, readFile, realpath } from 'node:fs/promises';
import { HttpAdapterHost } from '@nestjs/core';
import { extname, join, parse, relative, sep } from 'node:path';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { LANGUAGE_PATTERN } from './chat-ui-options.js';
import { DEFAULT_FAVICON_SVG, DEFAULT_LOGO_SVG } from './default-icons.js';
import { ENGLISH_TRANSLATION } from './english-translation.js';
import { errorMessage } from '../errors/error-message.js';
/** The image types the icon routes serve, by extension. */
const IMAGE_TYPES = {
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.ico': 'image/x-icon',
    '.avif': 'image/avif',
};
/** The types of the files `/public/*` serves, by extension (else `application/octet-stream`). */
const PUBLIC_TYPES = {
    ...IMAGE_TYPES,
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.jsx': 'text/javascript; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.md': 'text/markdown; charset=utf-8',
    '.pdf': 'application/pdf',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.mp3': 'audio/mpeg',
    '.mp4': 'video/mp4',
    '.wasm': 'application/wasm',
};
/** An avatar name once normalized, as Chainlit's: lowercase letters, digits, `_` and `-`. */
const AVATAR_NAME = /^[a-z0-9_-]{1,100}$/;
/**
 * What the Chainlit UI fetches on each page load besides its settings: its texts in the
 * user's language, the favicon, the logo and the authors' avatars.
 */
let ChatUiController = class ChatUiController {
    constructor(options, adapterHost) {
        this.options = options;
        this.adapterHost = adapterHost;
        this.logger = new Logger('ChatUiController');
    }
    /**
     * `{ translation }` for `language`: its own, else its base language's (`fr` for `fr-CA`),
     * else English (the app's `en-US` if it gives one, else the built-in one).
     */
    async translations(language = 'en-US') {
        if (typeof language !== 'string' || !LANGUAGE_PATTERN.test(language)) {
            throw new BadRequestException('language: must be a language tag such as en-US');
        }
        const base = language.split('-')[0];
        for (const candidate of new Set([language, base, 'en-US'])) {
            const translation = await this.translationOf(candidate);
            if (translation)
                return { translation };
        }
        return { translation: ENGLISH_TRANSLATION };
    }
    /** The app's favicon, or the built-in one. */
    async favicon() {
        return this.image(this.options.favicon, DEFAULT_FAVICON_SVG);
    }
    /** The app's logo for the theme (light unless said), or the built-in one. */
    async logo(theme = 'light') {
        if (theme !== 'light' && theme !== 'dark') {
            throw new BadRequestException('theme: must be light or dark');
        }
        return this.image(this.options.logo[theme], DEFAULT_LOGO_SVG[theme]);
    }
    /**
     * The avatar of an author: `<name>.<ext>` in `avatarsDir` (the name lowercased, spaces as
     * `_`; `default` is the assistant's), else the favicon. Any other name is refused (400).
     */
    async avatar(raw) {
        let name = avatarKey(raw);
        if (!AVATAR_NAME.test(name)) {
            throw new BadRequestException('Invalid avatar name: letters, digits, spaces, _ and - only');
        }
        if (name === 'default')
            name = avatarKey(this.options.assistantName);
        const file = await this.avatarFile(name);
        return file ? this.image(file, DEFAULT_FAVICON_SVG) : this.favicon();
    }
    /**
     * A file of the app's `publicDir` folder (`/public/<path>`), as Chainlit's `public/`: its type
     * from its extension. A path that is missing, hidden (a segment starting with `.`) or leads out
     * of the folder is not found (404).
     */
    async publicFile(raw, res) {
        const dir = this.options.publicDir;
        const segments = (Array.isArray(raw) ? raw : String(raw).split('/')).filter((s) => s !== '');
        const notFound = new NotFoundException('File not found');
        if (!dir || segments.length === 0)
            throw notFound;
        if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) {
            throw notFound;
        }
        const root = await realpath(dir).catch(() => undefined);
        const path = await realpath(join(dir, ...segments)).catch(() => undefined);
        if (!root || !path || !path.startsWith(root + sep))
            throw notFound;
        const handle = await open(path, 'r').catch(() => undefined);
        const info = await handle?.stat().catch(() => undefined);
        if (!handle || !info?.isFile()) {
            await handle?.close();
            throw notFound;
        }
        const adapter = this.adapterHost.httpAdapter;
        adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
        adapter.setHeader(res, 'Cache-Control', 'public, max-age=300');
        return new StreamableFile(handle.createReadStream(), {
            type: PUBLIC_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
            length: info.size,
        });
    }
    async avatarFile(name) {
        const dir = this.options.avatarsDir;
        if (!dir)
            return undefined;
        let entries;
        try {
            entries = await readdir(dir);
        }
        catch (error) {
            this.logger.warn(`avatarsDir ${dir} cannot be read: ${errorMessage(error)}`);
            return undefined;
        }
        const found = entries
            .sort()
            .find((entry) => parse(entry).name.toLowerCase() === name && typeOf(entry) !== undefined);
        if (!found)
            return undefined;
        const path = join(dir, found);
        const inside = relative(dir, path);
        return inside && !inside.startsWith(`..${sep}`) && inside !== '..' ? path : undefined;
    }
    async translationOf(language) {
        const { languages, dir } = this.options.translations;
        if (Object.hasOwn(languages, language))
            return languages[language];
        if (!dir)
            return language === 'en-US' ? ENGLISH_TRANSLATION : undefined;
        try {
            const parsed = JSON.parse(await readFile(join(dir, `${language}.json`), 'utf8'));
            if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
                return parsed;
            }
            this.logger.warn(`translations: ${language}.json is not a JSON object`);
        }
        catch (error) {
            const code = error.code;
            if (code !== 'ENOENT') {
                this.logger.warn(`translations: ${language}.json: ${errorMessage(error)}`);
            }
        }
        return language === 'en-US' ? ENGLISH_TRANSLATION : undefined;
    }
    async image(file, fallback) {
        if (file) {
            try {
                const bytes = await readFile(file);
                return new StreamableFile(bytes, { type: typeOf(file) ?? 'application/octet-stream' });
            }
            catch (error) {
                this.logger.warn(`${file} cannot be read: ${errorMessage(error)}`);
            }
        }
        return new StreamableFile(Buffer.from(fallback), { type: IMAGE_TYPES['.svg'] });
    }
};
__decorate([
    Get('project/translations'),
    __param(0, Query('language')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], ChatUiController.prototype, "translations", null);
__decorate([
    Get('favicon'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], ChatUiController.prototype, "favicon", null);
__decorate([
    Get('logo'),
    __param(0, Query('theme')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], ChatUiController.prototype, "logo", null);
__decorate([
    Get('avatars/:name'),
    __param(0, Param('name')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], ChatUiController.prototype, "avatar", null);
__decorate([
    Get('public/*path'),
    __param(0, Param('path')),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ChatUiController.prototype, "publicFile", null);
ChatUiController = __decorate([
    Controller(),
    UseFilters(DetailExceptionFilter),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object, HttpAdapterHost])
], ChatUiController);
export { ChatUiController };
/** An author's name as its avatar file is named: trimmed, lowercased, spaces as `_`. */
function avatarKey(name) {
    return name.trim().toLowerCase().replace(/ /g, '_');
}
function typeOf(file) {
    return IMAGE_TYPES[extname(file).toLowerCase()];
}
//# sourceMappingURL=chat-ui.controller.js.map