import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from './payload-depth.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function describeValue(value: unknown): string {
  if (value == null) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'binary data';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks `payload` against a class-validator DTO. Throws a `PayloadValidationError` whose message
 * reads `<what>: <field path> <problem>`, e.g. `client_message: message.output must be a string`.
 * `passes`, when given, tells a payload that passes the DTO for certain (false: not certain):
 * such a payload is returned as it is, plain, without the DTO's instances being made.
 */
export function validatePayload<T extends object>(
  dto: new () => T,
  payload: unknown,
  what: string,
  passes?: (payload: Record<string, unknown>) => boolean,
): T {
  if (!isPlainObject(payload)) {
    throw new PayloadValidationError(
      `${what}: the payload must be an object, got ${describeValue(payload)}`,
    );
  }
  if (nestedDeeperThan(payload)) {
    throw new PayloadValidationError(
      `${what}: the payload nests more than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`,
    );
  }
  if (passes?.(payload)) return payload as T;
  const instance = plainToInstance(dto, payload);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new PayloadValidationError(`${what}: ${formatErrors(errors).join('; ')}`);
  }
  return instance;
}

/** class-validator's errors as sentences naming each field: the most basic problem of each. */
export function formatErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = firstConstraint(error.constraints).map((message) =>
      message.startsWith(`${error.property} `)
        ? `${path} ${message.slice(error.property.length + 1)}`
        : `${path}: ${message}`,
    );
    return [...own, ...formatErrors(error.children ?? [], path)];
  });
}

/** The most basic problem first: a missing value or a wrong type before a format or a length. */
const PRIORITY = [
  'isDefined',
  'isObject',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isNotEmpty',
];

function firstConstraint(constraints: Record<string, string> = {}): string[] {
  const key = PRIORITY.find((name) => name in constraints) ?? Object.keys(constraints)[0];
  return key === undefined ? [] : [constraints[key]];
}
