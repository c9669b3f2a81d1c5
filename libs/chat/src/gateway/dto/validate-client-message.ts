import { isISO8601, isNotEmpty, isString, isUUID, maxLength } from 'class-validator';
import { isPlainObject, validatePayload } from '../../validation/validate-payload.js';
import { ClientMessageDto } from './client-message.dto.js';

/** Absent, as `@IsOptional()` reads it. */
const absent = (value: unknown) => value === undefined || value === null;

const optionalText = (value: unknown, max: number) => absent(value) || maxLength(value, max);

/**
 * Whether a `client_message` payload passes `ClientMessageDto` for certain: the DTO's rules,
 * checked directly with class-validator's own functions. False leaves the verdict (and the
 * error message) to the DTO.
 */
function plainlyValid(payload: Record<string, unknown>): boolean {
  const message = payload.message;
  if (!isPlainObject(message)) return false;
  const { id, output, name, type, threadId, createdAt, command } = message;
  if (!isString(output)) return false;
  if (!(absent(id) || isUUID(id))) return false;
  if (!(absent(type) || type === 'user_message')) return false;
  if (!(absent(createdAt) || isISO8601(createdAt))) return false;
  if (!optionalText(name, 200) || !optionalText(threadId, 200) || !optionalText(command, 200)) {
    return false;
  }
  const files = payload.fileReferences;
  if (absent(files)) return true;
  if (!Array.isArray(files)) return false;
  return files.every(
    (file) =>
      isPlainObject(file) && isString(file.id) && isNotEmpty(file.id) && maxLength(file.id, 200),
  );
}

/**
 * Validates a `client_message` payload: `validatePayload(ClientMessageDto, ...)`, the same
 * refusals with the same messages, but a well-formed message (nearly all of them) is taken as it
 * is, without making the DTO's instances: it has their shape.
 */
export function validateClientMessage(payload: unknown): ClientMessageDto {
  return validatePayload(ClientMessageDto, payload, 'client_message', plainlyValid);
}
