import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { randomUUID } from 'node:crypto';
import { HandshakeAuthDto } from './dto/handshake-auth.dto.js';
import { isPlainObject, validatePayload } from '../validation/validate-payload.js';
const WHAT = 'connection refused: auth';
/** Reads and checks the handshake `auth` of a socket; the error message is the connect_error. */
export function parseHandshake(auth) {
    const dto = validatePayload(HandshakeAuthDto, auth, WHAT);
    let env = {};
    if (dto.userEnv !== undefined && dto.userEnv !== '') {
        let parsed;
        try {
            parsed = JSON.parse(dto.userEnv);
        }
        catch {
            throw new PayloadValidationError(`${WHAT}: userEnv must be a JSON string of an object`);
        }
        if (!isPlainObject(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
            throw new PayloadValidationError(`${WHAT}: userEnv must be a JSON string of an object whose values are strings`);
        }
        env = { ...parsed };
    }
    let chatProfile;
    if (dto.chatProfile) {
        try {
            chatProfile = decodeURIComponent(dto.chatProfile);
        }
        catch {
            throw new PayloadValidationError(`${WHAT}: chatProfile must be URI-encoded`);
        }
    }
    return {
        id: dto.sessionId,
        threadId: dto.threadId || randomUUID(),
        clientType: dto.clientType,
        env,
        chatProfile,
    };
}
/** Checks a handshake against the app: required user env keys, a known chat profile. */
export function checkHandshake(init, options) {
    const missing = options.userEnv.filter((key) => !init.env[key]);
    if (missing.length > 0) {
        throw new PayloadValidationError(`connection refused: userEnv is missing ${missing.map((key) => JSON.stringify(key)).join(', ')}`);
    }
    const profiles = options.chatProfiles;
    if (profiles.length === 0)
        return init;
    if (init.chatProfile === undefined) {
        return { ...init, chatProfile: (profiles.find((p) => p.default) ?? profiles[0]).name };
    }
    if (!profiles.some((profile) => profile.name === init.chatProfile)) {
        throw new PayloadValidationError(`connection refused: unknown chat profile ${JSON.stringify(init.chatProfile.slice(0, 100))}`);
    }
    return init;
}
//# sourceMappingURL=handshake.js.map