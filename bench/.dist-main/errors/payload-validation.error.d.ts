/** Thrown for an inbound payload that does not fit its DTO; the message names the field. */
export declare class PayloadValidationError extends Error {
    readonly name = "PayloadValidationError";
}
