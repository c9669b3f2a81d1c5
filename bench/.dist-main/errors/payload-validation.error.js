/** Thrown for an inbound payload that does not fit its DTO; the message names the field. */
export class PayloadValidationError extends Error {
    constructor() {
        super(...arguments);
        this.name = 'PayloadValidationError';
    }
}
//# sourceMappingURL=payload-validation.error.js.map