/**
 * The bytes all uploads may be receiving at once, across sessions (the `maxUploadBytesInFlight`
 * option): each upload takes what it may receive before its body is read, and gives it back when
 * it ends, however it ends.
 */
export class UploadBytesInFlight {
    constructor(limit) {
        this.limit = limit;
        this.taken = 0;
    }
    /** Bytes taken now. */
    get bytes() {
        return this.taken;
    }
    /** Takes `bytes` if they fit, and returns how to give them back (once); `undefined` if not. */
    take(bytes) {
        if (this.taken + bytes > this.limit)
            return undefined;
        this.taken += bytes;
        let held = true;
        return () => {
            if (!held)
                return;
            held = false;
            this.taken -= bytes;
        };
    }
}
//# sourceMappingURL=upload-bytes-in-flight.js.map