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
import { BadRequestException, Controller, Get, Header, HttpCode, Inject, NotFoundException, Post, Req, Res, UnauthorizedException, UseFilters, } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multer from 'multer';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ChatAuth, checkUser, userDict } from './chat-auth.js';
const readForm = multer().none();
/** Login, logout and who is logged in: the routes the Chainlit client's auth calls. */
let ChatAuthController = class ChatAuthController {
    constructor(options, auth, adapterHost) {
        this.options = options;
        this.auth = auth;
        this.adapterHost = adapterHost;
    }
    /** How users log in. */
    config() {
        const { auth } = this.options;
        return {
            requireLogin: auth !== false,
            passwordAuth: auth !== false && auth.password !== undefined,
            headerAuth: auth !== false && auth.header !== undefined,
            oauthProviders: [],
            default_theme: 'light',
            ui: { name: this.options.assistantName, ...this.options.ui },
        };
    }
    /** The logged-in user; `null` when no login is required; 401 without a valid login. */
    async user(req) {
        const user = await this.auth.userOf(req.headers);
        return JSON.stringify(user ? userDict(user) : null);
    }
    /** Password login (form fields or JSON `username`, `password`): sets the `access_token` cookie. */
    async login(req, res) {
        const check = this.enabled('password');
        const body = await formOf(req, res);
        const { username, password } = body;
        if (typeof username !== 'string' || typeof password !== 'string' || username === '') {
            throw new BadRequestException('username and password are required');
        }
        const user = await check(username, password);
        if (!user)
            throw new UnauthorizedException('Authentication failed: wrong username or password');
        return this.logIn(checkUser(user, 'the password callback'), req, res);
    }
    /** Exchanges a bearer JWT signed with the secret for the session cookie. */
    async jwt(req, res) {
        if (!this.auth.enabled)
            throw new NotFoundException('Authentication is not configured');
        const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        if (!token)
            throw new UnauthorizedException('Authentication failed: no bearer token');
        return this.logIn(await this.auth.verify(token), req, res);
    }
    /** Logs in the user the header callback reads from the request (set by a proxy). */
    async header(req, res) {
        const read = this.enabled('header');
        const user = await read(req.headers);
        if (!user)
            throw new UnauthorizedException('Authentication failed: the headers show no user');
        return this.logIn(checkUser(user, 'the header callback'), req, res);
    }
    /** Clears the session cookie. */
    logout(req, res) {
        this.adapterHost.httpAdapter.setHeader(res, 'Set-Cookie', this.auth.cookie(undefined, isSecure(req)));
        return { success: true };
    }
    async logIn(user, req, res) {
        const token = await this.auth.sign(user);
        this.adapterHost.httpAdapter.setHeader(res, 'Set-Cookie', this.auth.cookie(token, isSecure(req)));
        return { success: true, user: userDict(user) };
    }
    enabled(kind) {
        const { auth } = this.options;
        const callback = auth ? auth[kind] : undefined;
        if (!callback)
            throw new NotFoundException(`${kind === 'password' ? 'Password' : 'Header'} login is not configured`);
        return callback;
    }
};
__decorate([
    Get('auth/config'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], ChatAuthController.prototype, "config", null);
__decorate([
    Get('user'),
    Header('Content-Type', 'application/json; charset=utf-8'),
    __param(0, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], ChatAuthController.prototype, "user", null);
__decorate([
    Post('login'),
    HttpCode(200),
    __param(0, Req()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ChatAuthController.prototype, "login", null);
__decorate([
    Post('auth/jwt'),
    HttpCode(200),
    __param(0, Req()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ChatAuthController.prototype, "jwt", null);
__decorate([
    Post('auth/header'),
    HttpCode(200),
    __param(0, Req()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], ChatAuthController.prototype, "header", null);
__decorate([
    Post('logout'),
    HttpCode(200),
    __param(0, Req()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], ChatAuthController.prototype, "logout", null);
ChatAuthController = __decorate([
    Controller(),
    UseFilters(DetailExceptionFilter),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object, ChatAuth,
        HttpAdapterHost])
], ChatAuthController);
export { ChatAuthController };
function isSecure(req) {
    return req.secure === true || req.protocol === 'https';
}
/** The request's form fields: JSON and URL-encoded bodies are parsed already, multipart here. */
async function formOf(req, res) {
    if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
        await new Promise((resolve, reject) => readForm(req, res, (error) => error
            ? reject(new BadRequestException(`Bad form: ${error.message}`))
            : resolve()));
    }
    return req.body && typeof req.body === 'object' ? req.body : {};
}
//# sourceMappingURL=chat-auth.controller.js.map