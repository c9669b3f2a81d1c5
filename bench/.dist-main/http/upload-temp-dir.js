var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * Where uploads too large to keep in memory are written: `<os.tmpdir()>/nest-chat-<pid>-<random>`,
 * one per module instance, made when the first one comes and removed at shutdown (or when the
 * process exits without one). A session removes its files from it when it lets go of them.
 */
let UploadTempDir = class UploadTempDir {
    constructor() {
        this.removeOnExit = () => {
            if (this.path)
                rmSync(this.path, { recursive: true, force: true });
        };
    }
    /** The directory, made if it is not there (again, should something have removed it). */
    async get() {
        this.made ??= mkdtemp(join(tmpdir(), `nest-chat-${process.pid}-`)).then((path) => {
            this.path = path;
            process.once('exit', this.removeOnExit);
            return path;
        }, (error) => {
            this.made = undefined;
            throw error;
        });
        const path = await this.made;
        await mkdir(path, { recursive: true });
        return path;
    }
    async onApplicationShutdown() {
        process.off('exit', this.removeOnExit);
        const path = this.path;
        this.made = undefined;
        this.path = undefined;
        if (path)
            await rm(path, { recursive: true, force: true });
    }
};
UploadTempDir = __decorate([
    Injectable()
], UploadTempDir);
export { UploadTempDir };
//# sourceMappingURL=upload-temp-dir.js.map