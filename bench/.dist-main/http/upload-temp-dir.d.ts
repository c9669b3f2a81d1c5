import { type OnApplicationShutdown } from '@nestjs/common';
/**
 * Where uploads too large to keep in memory are written: `<os.tmpdir()>/nest-chat-<pid>-<random>`,
 * one per module instance, made when the first one comes and removed at shutdown (or when the
 * process exits without one). A session removes its files from it when it lets go of them.
 */
export declare class UploadTempDir implements OnApplicationShutdown {
    private made?;
    private path?;
    private readonly removeOnExit;
    /** The directory, made if it is not there (again, should something have removed it). */
    get(): Promise<string>;
    onApplicationShutdown(): Promise<void>;
}
