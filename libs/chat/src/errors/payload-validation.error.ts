/** Thrown for an inbound payload that does not fit its DTO; the message names the field. */
export class PayloadValidationError extends Error {
  override readonly name = 'PayloadValidationError';
}
