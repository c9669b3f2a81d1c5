/** Copies the fields of `fields` that are not `undefined` onto `target`: wire shapes leave them out. */
export function assignDefined(target, fields) {
    for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined)
            target[key] = value;
    }
    return target;
}
//# sourceMappingURL=assign-defined.js.map