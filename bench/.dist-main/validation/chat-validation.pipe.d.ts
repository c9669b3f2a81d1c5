import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
/**
 * Nest's ValidationPipe, refusing first a body or query that nests too deeply for its
 * validators (they recurse: a body of 3,000 nested objects would overflow the stack).
 */
export declare class ChatValidationPipe extends ValidationPipe {
    transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown>;
}
/** Checks bodies and queries; a 400's detail names each wrong field, as the socket's errors do. */
export declare const chatValidation: ChatValidationPipe;
