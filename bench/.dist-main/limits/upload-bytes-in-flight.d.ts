/**
 * The bytes all uploads may be receiving at once, across sessions (the `maxUploadBytesInFlight`
 * option): each upload takes what it may receive before its body is read, and gives it back when
 * it ends, however it ends.
 */
export declare class UploadBytesInFlight {
    readonly limit: number;
    private taken;
    constructor(limit: number);
    /** Bytes taken now. */
    get bytes(): number;
    /** Takes `bytes` if they fit, and returns how to give them back (once); `undefined` if not. */
    take(bytes: number): (() => void) | undefined;
}
