import { type ValidationError } from 'class-validator';
export declare function isPlainObject(value: unknown): value is Record<string, unknown>;
export declare function describeValue(value: unknown): string;
/**
 * Checks `payload` against a class-validator DTO. Throws a `PayloadValidationError` whose message
 * reads `<what>: <field path> <problem>`, e.g. `client_message: message.output must be a string`.
 */
export declare function validatePayload<T extends object>(dto: new () => T, payload: unknown, what: string): T;
/** class-validator's errors as sentences naming each field: the most basic problem of each. */
export declare function formatErrors(errors: ValidationError[], parent?: string): string[];
