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
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
/** The cookie that carries the session JWT. */
export const ACCESS_TOKEN_COOKIE = 'access_token';
/** Signs and checks the JWTs of logged-in users, and reads them from requests and sockets. */
let ChatAuth = class ChatAuth {
    constructor(options) {
        this.options = options;
        if (options.auth)
            this.key = new TextEncoder().encode(options.auth.secret);
    }
    /** True when login is required. */
    get enabled() {
        return this.options.auth !== false;
    }
    /** A JWT for the user, valid for `tokenTtlSeconds`. */
    async sign(user) {
        const auth = this.required();
        return new SignJWT({
            identifier: user.identifier,
            display_name: user.displayName,
            metadata: user.metadata ?? {},
        })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuedAt()
            .setExpirationTime(Math.floor(Date.now() / 1000) + auth.tokenTtlSeconds)
            .sign(this.key);
    }
    /** The user of a JWT signed with the secret; throws 401 naming what is wrong. */
    async verify(token) {
        this.required();
        try {
            const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
            return checkUser({
                identifier: payload.identifier,
                displayName: payload.display_name ?? payload.displayName,
                metadata: payload.metadata,
            }, 'the token');
        }
        catch (error) {
            if (error instanceof UnauthorizedException)
                throw error;
            const reason = error instanceof errors.JWTExpired ? 'expired' : 'invalid';
            throw new UnauthorizedException(`Authentication failed: the token is ${reason}`);
        }
    }
    /** The user of a request or socket handshake: its `access_token` cookie or bearer token. */
    async userOf(headers) {
        if (!this.enabled)
            return undefined;
        const token = bearer(headers) ?? cookie(headers, ACCESS_TOKEN_COOKIE);
        if (!token)
            throw new UnauthorizedException('Authentication failed: not logged in');
        return this.verify(token);
    }
    /** Whether the caller (`user`, from `userOf`) may reach the session: its own only. */
    owns(user, session) {
        if (!this.enabled)
            return true;
        return (user !== undefined && session.user?.identifier === user.identifier);
    }
    /** The `Set-Cookie` value that logs in (a token) or out (none). */
    cookie(token, secure) {
        const ttl = token ? this.required().tokenTtlSeconds : 0;
        return (`${ACCESS_TOKEN_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ttl}` +
            (secure ? '; Secure' : ''));
    }
    required() {
        const { auth } = this.options;
        if (!auth)
            throw new UnauthorizedException('Authentication is not configured');
        return auth;
    }
};
ChatAuth = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object])
], ChatAuth);
export { ChatAuth };
/** A user as a callback or a token gives it, checked. */
export function checkUser(value, from) {
    const user = value;
    if (!user || typeof user.identifier !== 'string' || user.identifier === '') {
        throw new UnauthorizedException(`Authentication failed: ${from} gives no user identifier`);
    }
    const result = { identifier: user.identifier };
    if (typeof user.displayName === 'string')
        result.displayName = user.displayName;
    if (user.metadata && typeof user.metadata === 'object')
        result.metadata = user.metadata;
    return result;
}
/** The user as the Chainlit client reads it (`GET /user`). */
export function userDict(user) {
    return {
        identifier: user.identifier,
        display_name: user.displayName ?? user.identifier,
        metadata: user.metadata ?? {},
    };
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function bearer(headers) {
    const match = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
    return match?.[1];
}
function cookie(headers, name) {
    for (const part of (header(headers, 'cookie') ?? '').split(';')) {
        const at = part.indexOf('=');
        if (at > 0 && part.slice(0, at).trim() === name) {
            const value = part.slice(at + 1).trim();
            return value === '' ? undefined : value;
        }
    }
    return undefined;
}
//# sourceMappingURL=chat-auth.js.map