import { BaseStep } from './base-step.js';
/**
 * A step of the assistant's work (a run, a tool call, an LLM call), shown nested under its
 * parent. Made by `session.step(name, type, fn)`, which sends it, times it and ends it.
 */
export class Step extends BaseStep {
    /** @internal made by `ChatSession.step()` */
    constructor(session, name, type, options = {}) {
        super(session, type, name, '', options);
    }
}
//# sourceMappingURL=step.js.map