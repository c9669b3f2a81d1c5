import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where uploads too large to keep in memory are written: `<os.tmpdir()>/nest-chat-<pid>-<random>`,
 * one per module instance, made when the first one comes and removed at shutdown (or when the
 * process exits without one). A session removes its files from it when it lets go of them.
 */
@Injectable()
export class UploadTempDir implements OnApplicationShutdown {
  private made?: Promise<string>;
  private path?: string;
  private readonly removeOnExit = () => {
    if (this.path) rmSync(this.path, { recursive: true, force: true });
  };

  /** The directory, made if it is not there (again, should something have removed it). */
  async get(): Promise<string> {
    this.made ??= mkdtemp(join(tmpdir(), `nest-chat-${process.pid}-`)).then(
      (path) => {
        this.path = path;
        process.once('exit', this.removeOnExit);
        return path;
      },
      (error: unknown) => {
        this.made = undefined;
        throw error;
      },
    );
    const path = await this.made;
    await mkdir(path, { recursive: true });
    return path;
  }

  async onApplicationShutdown(): Promise<void> {
    process.off('exit', this.removeOnExit);
    const path = this.path;
    this.made = undefined;
    this.path = undefined;
    if (path) await rm(path, { recursive: true, force: true });
  }
}
