import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from './payload-depth.js';
import { formatErrors } from './validate-payload.js';
/**
 * Nest's ValidationPipe, refusing first a body or query that nests too deeply for its
 * validators (they recurse: a body of 3,000 nested objects would overflow the stack).
 */
export class ChatValidationPipe extends ValidationPipe {
    async transform(value, metadata) {
        if (nestedDeeperThan(value)) {
            throw new BadRequestException(`The ${metadata.type} nests more than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`);
        }
        return super.transform(value, metadata);
    }
}
/** Checks bodies and queries; a 400's detail names each wrong field, as the socket's errors do. */
export const chatValidation = new ChatValidationPipe({
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new BadRequestException(formatErrors(errors).join('; ')),
});
//# sourceMappingURL=chat-validation.pipe.js.map